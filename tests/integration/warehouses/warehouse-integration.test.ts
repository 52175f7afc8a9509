/**
 * Fulfilment requests reach the warehouse the way they would on AWS: the FulfilmentRequested event
 * on the bus, the rule, the forwarding function, a signed HTTP POST to the location's system (here
 * the sandbox warehouse, which verifies the signature with the standardwebhooks library) and the
 * warehouse's answer on POST /integrations/wms/events.
 */
import { describe, expect, inject, it } from 'vitest';
import { call } from '../api-client';
import { placeOrder, stockOf, stockedSku, waitForOrder, waitForStatus } from '../lifecycle/lifecycle-api';

interface ReceivedMessage {
  readonly type: string;
  readonly requestId: string;
  readonly shipmentId: string;
  readonly verified: boolean;
  readonly answer?: string;
}

async function warehouseMessagesOf(orderId: string): Promise<ReceivedMessage[]> {
  const answer = await fetch(inject('sandboxWarehouseUrl'));
  const { items } = (await answer.json()) as { items: ReceivedMessage[] };
  return items.filter((message) => message.shipmentId.startsWith(`${orderId}-`));
}

async function waitForWarehouseMessages(orderId: string, done: (messages: ReceivedMessage[]) => boolean): Promise<ReceivedMessage[]> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const messages = await warehouseMessagesOf(orderId);
    if (done(messages) || Date.now() > deadline) return messages;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('warehouse integration', () => {
  it('sends each fulfilment request to the warehouse once, signed, and completes the order on its answer', async () => {
    const sku = await stockedSku('wms-request', { 'wh-leipzig': 3 });

    const placed = await placeOrder({ lines: [{ sku, quantity: 2 }] });
    await waitForStatus(placed.id, 'COMPLETED');

    const messages = await warehouseMessagesOf(placed.id);
    expect(messages).toEqual([expect.objectContaining({ type: 'fulfilment.requested', shipmentId: `${placed.id}-S1`, verified: true, answer: 'PACKED' })]);
  });

  it('simulates a short pick: what was found ships, the missing line goes back to sourcing with its hold released', async () => {
    const found = await stockedSku('short-found', { 'wh-leipzig': 2, 'wh-munich': 2 });
    const missing = await stockedSku('short-missing', { 'wh-leipzig': 2, 'wh-munich': 2 });

    const placed = await placeOrder({ lines: [{ sku: found, quantity: 1 }, { sku: missing, quantity: 1 }], metadata: { 'sandbox.wms': 'short-pick' } });
    // What was found is labelled and shipped; the missing line goes back to sourcing (and, being
    // short-picked again as a one-line shipment, ends as the channel's short-stock policy says).
    const order = await waitForOrder(placed.id, (current) => current.shipments?.[0]?.trackingNumber !== undefined);

    const [first] = order.shipments;
    expect(first.lines).toEqual([expect.objectContaining({ sku: found, quantity: 1 })]);
    expect(first.rejectedLines).toEqual([expect.objectContaining({ sku: missing, reason: 'sandbox: short pick, bin empty' })]);
    expect(await stockOf(missing, first.locationId)).toMatchObject({ onHand: 2, reserved: 0 });
    const messages = await warehouseMessagesOf(placed.id);
    expect(messages[0]).toMatchObject({ type: 'fulfilment.requested', answer: 'PARTIALLY_PACKED' });
  });

  it('tells the warehouse to stop when the order is cancelled before packing', async () => {
    const sku = await stockedSku('wms-stop', { 'wh-leipzig': 2 });
    const placed = await placeOrder({ lines: [{ sku, quantity: 1 }], metadata: { 'sandbox.wms': 'manual' } });
    await waitForWarehouseMessages(placed.id, (messages) => messages.length === 1);

    const cancel = await call('POST', `/orders/${placed.id}/cancel`, { body: { reason: 'customer changed their mind' } });
    expect(cancel.status).toBeLessThan(300);

    const messages = await waitForWarehouseMessages(placed.id, (received) => received.length === 2);
    expect(messages.map((message) => message.type)).toEqual(['fulfilment.requested', 'fulfilment.cancelled']);
    expect(messages.every((message) => message.verified)).toBe(true);
  });
});

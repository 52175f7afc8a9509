/**
 * The order lifecycle end to end on the local runtime: real HTTP capture, the outbox starting the
 * execution, the Step Functions definitions, DynamoDB Local, and the sandbox warehouse, store and
 * carrier answering through the real callback endpoints.
 */
import { describe, expect, inject, it } from 'vitest';
import { call } from '../api-client';
import {
  executionHistoryOf,
  executionOf,
  expectMoneySettled,
  placeOrder,
  reservationsOf,
  stockOf,
  stockedSku,
  terminalStatuses,
  waitForOrder,
  waitForStatus,
} from './lifecycle-api';

const fastChannelKey = () => inject('fastLifecycleChannelApiKey');

describe('order lifecycle', () => {
  it('drives a single-shipment order to COMPLETED: packed, labelled, captured, delivered', async () => {
    // Prepare
    const sku = await stockedSku('single', { 'wh-leipzig': 10 });

    // Act
    const placed = await placeOrder({ lines: [{ sku, quantity: 2 }] });
    const order = await waitForStatus(placed.id, 'COMPLETED');

    // Assess
    expect(order.shipments).toHaveLength(1);
    expect(order.shipments[0]).toMatchObject({ locationId: 'wh-leipzig', status: 'DELIVERED', carrier: expect.any(String), trackingNumber: expect.any(String) });
    expect(order.money.captured.amount).toBe(placed.totals.grandTotal.amount);
    expectMoneySettled(order);
    expect(await stockOf(sku, 'wh-leipzig')).toMatchObject({ onHand: 8, reserved: 0 });
    expect((await reservationsOf(placed.id)).map((line) => line.status)).toEqual(['CONSUMED']);
    expect((await executionOf(placed.id)).status).toBe('SUCCEEDED');
  });

  it('keeps personal data out of the execution (logged at level ALL with its data): tasks pass ids, not orders', async () => {
    // Prepare
    const sku = await stockedSku('no-pii', { 'wh-munich': 2 });
    const placed = await placeOrder({ lines: [{ sku, quantity: 1 }] });
    await waitForStatus(placed.id, 'COMPLETED');

    // Act
    const history = JSON.stringify(await executionHistoryOf(placed.id));

    // Assess: the inputs and outputs hold the order id, never the customer's email, name or address
    expect(history).toContain(placed.id);
    for (const personal of ['lifecycle@example.com', 'Ada Lovelace', 'Unter den Linden', '10117']) expect(history).not.toContain(personal);
  });

  it('splits an order across two locations and captures each shipment’s share, summing to the total', async () => {
    const inLeipzig = await stockedSku('split-a', { 'wh-leipzig': 5 });
    const inMunich = await stockedSku('split-b', { 'wh-munich': 5 });

    const placed = await placeOrder({ lines: [{ sku: inLeipzig, quantity: 1, unitPrice: 1999 }, { sku: inMunich, quantity: 3, unitPrice: 333 }] });
    const order = await waitForStatus(placed.id, 'COMPLETED');

    expect(order.shipments.map((shipment: { locationId: string }) => shipment.locationId).sort()).toEqual(['wh-leipzig', 'wh-munich']);
    const captures = order.payments.filter((entry: { type: string }) => entry.type === 'CAPTURE');
    expect(captures).toHaveLength(2);
    expect(captures.reduce((sum: number, entry: { amount: { amount: number } }) => sum + entry.amount.amount, 0)).toBe(placed.totals.grandTotal.amount);
    expectMoneySettled(order);
  });

  it('ends a declined payment as PAYMENT_DECLINED and gives the held stock back', async () => {
    const sku = await stockedSku('declined', { 'wh-leipzig': 4 });

    const placed = await placeOrder({ lines: [{ sku, quantity: 3 }], payment: 'pm_card_chargeDeclined' });
    const order = await waitForStatus(placed.id, 'PAYMENT_DECLINED');

    expect(order.statusHistory.at(-1).reason).toMatch(/card_declined/);
    expect(await stockOf(sku, 'wh-leipzig')).toMatchObject({ reserved: 0, available: 4 });
    expect((await reservationsOf(placed.id)).every((line) => line.status === 'RELEASED')).toBe(true);
  });

  it('retries a transient payment error and completes the order', async () => {
    const sku = await stockedSku('transient', { 'wh-munich': 2 });

    const placed = await placeOrder({ lines: [{ sku, quantity: 1 }], payment: 'pm_card_transientError' });
    const order = await waitForStatus(placed.id, 'COMPLETED');

    expect(order.payments.filter((entry: { type: string }) => entry.type === 'AUTHORIZATION')).toHaveLength(1);
  });

  it('waits for the customer’s 3-D Secure authentication, then authorizes and completes the order', async () => {
    const sku = await stockedSku('3ds', { 'wh-leipzig': 2 });

    const placed = await placeOrder({ lines: [{ sku, quantity: 1 }], payment: 'pm_card_authenticationRequired' });
    const order = await waitForStatus(placed.id, 'COMPLETED');

    expect(order.statusHistory.map((change: { status: string }) => change.status)).toEqual(expect.arrayContaining(['PAYMENT_ACTION_REQUIRED', 'PAYMENT_AUTHORIZED']));
    expect(order.paymentAction).toBeUndefined();
    expectMoneySettled(order);
  });

  it('declines the order when the customer fails 3-D Secure, giving the held stock back', async () => {
    const sku = await stockedSku('3ds-failed', { 'wh-leipzig': 2 });

    const placed = await placeOrder({ lines: [{ sku, quantity: 1 }], payment: 'pm_card_authenticationRequired', metadata: { 'sandbox.3ds': 'decline' } });
    await waitForStatus(placed.id, 'PAYMENT_DECLINED');

    expect(await stockOf(sku, 'wh-leipzig')).toMatchObject({ reserved: 0, available: 2 });
  });

  it('cancels the order when the customer never authenticates before the deadline', async () => {
    const sku = await stockedSku('3ds-abandoned', { 'wh-leipzig': 2 });

    const placed = await placeOrder({ lines: [{ sku, quantity: 1 }], payment: 'pm_card_authenticationRequired', metadata: { 'sandbox.3ds': 'abandon' }, apiKey: fastChannelKey() });
    const order = await waitForStatus(placed.id, 'CANCELLED', { apiKey: fastChannelKey() });

    expect(order.statusHistory.at(-1).reason).toMatch(/did not authenticate/);
    expect(await stockOf(sku, 'wh-leipzig')).toMatchObject({ reserved: 0, available: 2 });
  });

  it('holds an order for review and completes it once approved', async () => {
    const sku = await stockedSku('held', { 'wh-leipzig': 2 });
    const billingAddress = { name: 'Ada', line1: '1 Rue de Rivoli', city: 'Paris', postalCode: '75001', country: 'FR' };

    const placed = await placeOrder({ lines: [{ sku, quantity: 1 }], overrides: { billingAddress } });
    await waitForStatus(placed.id, 'ON_HOLD');
    // The review answers the task token the execution registered; wait until it is registered.
    const review = await retryUntilAccepted(() => call('POST', `/ops/orders/${placed.id}/review`, { body: { decision: 'approve', note: 'known customer' } }));

    expect(review.status).toBe(200);
    const order = await waitForStatus(placed.id, 'COMPLETED');
    expect(order.risk).toMatchObject({ decision: 'accept', reviewedBy: expect.any(String) });
  });

  it('rejects a held order when the reviewer rejects it, holding nothing and charging nothing', async () => {
    const sku = await stockedSku('held-rejected', { 'wh-leipzig': 2 });
    const billingAddress = { name: 'Ada', line1: '1 Rue de Rivoli', city: 'Paris', postalCode: '75001', country: 'FR' };

    const placed = await placeOrder({ lines: [{ sku, quantity: 1 }], overrides: { billingAddress } });
    await waitForStatus(placed.id, 'ON_HOLD');
    await retryUntilAccepted(() => call('POST', `/ops/orders/${placed.id}/review`, { body: { decision: 'reject', note: 'stolen card' } }));
    const order = await waitForStatus(placed.id, 'REJECTED');

    expect(order.payments ?? []).toEqual([]);
    expect(await reservationsOf(placed.id)).toEqual([]);
    await waitForExecution(placed.id, 'SUCCEEDED');
  });

  it('re-sources lines a warehouse rejects to another location', async () => {
    const sku = await stockedSku('rejected', { 'wh-leipzig': 3, 'wh-munich': 3 });

    const placed = await placeOrder({ lines: [{ sku, quantity: 2 }], metadata: { 'sandbox.wms': 'reject-first' } });
    const order = await waitForStatus(placed.id, 'COMPLETED');

    const [first, second] = order.shipments;
    expect(first).toMatchObject({ status: 'REJECTED', rejectedLines: [expect.objectContaining({ sku, quantity: 2 })] });
    expect(second).toMatchObject({ status: 'DELIVERED' });
    expect(second.locationId).not.toBe(first.locationId);
    expect(await stockOf(sku, first.locationId)).toMatchObject({ onHand: 3, reserved: 0 });
    expect(await stockOf(sku, second.locationId)).toMatchObject({ onHand: 1, reserved: 0 });
    expectMoneySettled(order);
  });

  it('gives up on a warehouse that never answers, tries elsewhere, then cancels and charges nothing', async () => {
    const sku = await stockedSku('wms-timeout', { 'wh-leipzig': 2, 'wh-munich': 2, 'store-berlin-mitte': 2 });

    const placed = await placeOrder({ lines: [{ sku, quantity: 1 }], metadata: { 'sandbox.wms': 'manual' }, apiKey: fastChannelKey() });
    const order = await waitForStatus(placed.id, 'CANCELLED', { apiKey: fastChannelKey(), timeoutMs: 45_000 });

    expect(order.shipments.every((shipment: { status: string }) => shipment.status === 'REJECTED')).toBe(true);
    expect(order.money.captured.amount).toBe(0);
    expectMoneySettled(order);
    expect((await reservationsOf(placed.id)).every((line) => line.status === 'RELEASED')).toBe(true);
  });

  it('cancels an order before it is packed: stock released, authorization voided', async () => {
    const sku = await stockedSku('cancel-early', { 'wh-leipzig': 2 });
    const placed = await placeOrder({ lines: [{ sku, quantity: 2 }], metadata: { 'sandbox.wms': 'manual' } });
    await waitForOrder(placed.id, (order) => order.shipments?.[0]?.status === 'FULFILMENT_REQUESTED');

    const cancel = await call('POST', `/orders/${placed.id}/cancel`, { body: { reason: 'customer changed their mind' } });

    expect(cancel.status).toBeLessThan(300);
    const order = await waitForStatus(placed.id, 'CANCELLED');
    expect(order.shipments[0].status).toBe('CANCELLED');
    expect(order.money).toMatchObject({ captured: { amount: 0 }, voided: { amount: placed.totals.grandTotal.amount } });
    expect(await stockOf(sku, 'wh-leipzig')).toMatchObject({ onHand: 2, reserved: 0 });
    await waitForExecution(placed.id, 'SUCCEEDED');
  });

  it('refuses to cancel a shipped order and points to returns', async () => {
    const sku = await stockedSku('cancel-late', { 'wh-leipzig': 2 });
    const placed = await placeOrder({ lines: [{ sku, quantity: 1 }], metadata: { 'sandbox.carrier': 'manual' } });
    await waitForStatus(placed.id, 'SHIPPED');

    const cancel = await call('POST', `/orders/${placed.id}/cancel`, { body: { reason: 'too late' } });

    expect(cancel.status).toBe(409);
    expect(cancel.body.code).toBe('ORDER_ALREADY_SHIPPED');
    expect(JSON.stringify(cancel.body)).toMatch(/returns/);
  });

  it('returns uncollected click-and-collect goods to the store’s stock and refunds them', async () => {
    const sku = await stockedSku('pickup', { 'store-berlin-mitte': 3 });
    const placed = await placeOrder({
      lines: [{ sku, quantity: 1 }],
      metadata: { 'sandbox.pickup': 'never' },
      apiKey: fastChannelKey(),
      overrides: { deliveryMethod: 'CLICK_AND_COLLECT', pickupStoreId: 'store-berlin-mitte', shippingAddress: undefined },
    });

    const order = await waitForStatus(placed.id, 'COMPLETED', { apiKey: fastChannelKey(), timeoutMs: 45_000 });

    expect(order.shipments[0].status).toBe('PICKUP_EXPIRED');
    expect(order.money.refunded.amount).toBe(order.money.captured.amount);
    expect(await stockOf(sku, 'store-berlin-mitte')).toMatchObject({ onHand: 3, reserved: 0 });
  });

  it('takes 50 concurrent orders to a terminal or waiting state with stock and money consistent', async () => {
    const sku = await stockedSku('burst', { 'wh-leipzig': 30, 'wh-munich': 10 });

    const placed = await Promise.all(Array.from({ length: 50 }, () => placeOrder({ lines: [{ sku, quantity: 1 }], metadata: { 'sandbox.carrier': 'manual' } })));
    const settled = await Promise.all(
      placed.map((order) => waitForOrder(order.id, (current) => terminalStatuses.includes(current.status) || current.status === 'SHIPPED' || current.status === 'BACKORDERED', { timeoutMs: 120_000 })),
    );

    const shipped = settled.filter((order) => order.status === 'SHIPPED');
    const waiting = settled.filter((order) => order.status === 'BACKORDERED');
    expect(shipped).toHaveLength(40);
    expect(waiting).toHaveLength(10);
    const leipzig = await stockOf(sku, 'wh-leipzig');
    const munich = await stockOf(sku, 'wh-munich');
    expect((leipzig?.onHand ?? 0) + (munich?.onHand ?? 0)).toBe(0);
    expect((leipzig?.reserved ?? 0) + (munich?.reserved ?? 0)).toBe(0);
    for (const order of shipped) expect(order.money.captured.amount).toBe(order.totals.grandTotal.amount);
    for (const order of waiting) expect(order.payments ?? []).toEqual([]);
  }, 180_000);
});

/** A review or callback may arrive before the execution registered its token; the API says 409 until it has. */
async function retryUntilAccepted(send: () => Promise<{ status: number; body: unknown }>) {
  for (let attempt = 0; attempt < 50; attempt++) {
    const answer = await send();
    if (answer.status !== 409) return answer;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return send();
}

async function waitForExecution(orderId: string, status: string) {
  for (let attempt = 0; attempt < 100; attempt++) {
    if ((await executionOf(orderId)).status === status) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  expect((await executionOf(orderId)).status).toBe(status);
}

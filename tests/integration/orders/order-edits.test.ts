/**
 * Order edits and partial cancellation on the local runtime: what an edit does to money (only the
 * difference is authorized), to stock (affected shipments give their holds back and their lines
 * are sourced again) and to the timeline; and what it refuses, changing nothing.
 */
import { describe, expect, it } from 'vitest';
import { call } from '../api-client';
import { getOrder, placeOrder, reservationsOf, stockOf, stockedSku, uniqueId, waitForOrder, waitForStatus } from '../lifecycle/lifecycle-api';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read arbitrary JSON
type AnyOrder = any;

const manualWarehouse = { 'sandbox.wms': 'manual' };
const liveShipments = (order: AnyOrder) => (order.shipments ?? []).filter((shipment: { status: string }) => shipment.status !== 'CANCELLED' && shipment.status !== 'REJECTED');
const awaitingWarehouse = (order: AnyOrder) => liveShipments(order).length > 0 && liveShipments(order).every((shipment: { status: string }) => shipment.status === 'FULFILMENT_REQUESTED');

/** An order whose warehouse never answers by itself: it waits in FULFILMENT_REQUESTED until the test packs it. */
async function orderAwaitingWarehouse(lines: { sku: string; quantity: number; unitPrice?: number }[], payment?: string) {
  const placed = await placeOrder({ lines, metadata: manualWarehouse, ...(payment && { payment }) });
  return waitForOrder(placed.id, awaitingWarehouse);
}

const edit = (order: AnyOrder, body: unknown, version = order.version) => call('PATCH', `/orders/${order.id}`, { body, headers: { 'if-match': `"${version}"` } });

/** Packs every live shipment as the warehouse would; the sandbox carrier then ships and delivers. */
async function packAll(order: AnyOrder) {
  for (const shipment of liveShipments(order)) {
    const answer = await call('POST', '/integrations/wms/events', { body: { eventId: uniqueId('wms'), type: 'PACKED', shipmentId: shipment.shipmentId, occurredAt: new Date().toISOString() } });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  }
}

describe('order edits (PATCH /orders/{id})', () => {
  it('raises a quantity: authorizes only the difference, sources the line again, and charges the new total', async () => {
    const sku = await stockedSku('edit-qty', { 'wh-leipzig': 10 });
    const order = await orderAwaitingWarehouse([{ sku, quantity: 1, unitPrice: 1000 }]);
    const [line] = order.lines;

    const edited = await edit(order, { reason: 'Customer called: two more', lines: [{ lineId: line.lineId, quantity: 3 }] });

    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    expect(edited.headers.get('etag')).toBe(`"${edited.body.version}"`);
    expect(edited.body.totals.grandTotal.amount).toBe(3495);
    // 14.95 was authorized at placement; only the 20.00 difference is added.
    expect(edited.body.payments.filter((entry: { type: string }) => entry.type === 'AUTHORIZATION').map((entry: { amount: { amount: number } }) => entry.amount.amount)).toEqual([1495, 2000]);
    expect(edited.body.activity).toMatchObject([{ type: 'EDITED', by: expect.any(String), reason: 'Customer called: two more', amount: { amount: 2000 } }]);
    expect(edited.body.shipments[0].status).toBe('CANCELLED');

    const resourced = await waitForOrder(order.id, (current) => awaitingWarehouse(current) && liveShipments(current)[0].lines[0].quantity === 3);
    expect((await reservationsOf(order.id)).filter((hold) => hold.status === 'HELD')).toMatchObject([{ sku, quantity: 3 }]);
    await packAll(resourced);
    const done = await waitForStatus(order.id, 'COMPLETED');
    expect(done.money).toMatchObject({ authorized: { amount: 3495 }, captured: { amount: 3495 }, outstandingAuthorization: { amount: 0 } });
    expect(await stockOf(sku, 'wh-leipzig')).toMatchObject({ onHand: 7, reserved: 0 });

    const timeline = await call('GET', `/orders/${order.id}/timeline`);
    expect(timeline.body.items).toContainEqual(expect.objectContaining({ source: 'activity', type: 'EDITED' }));
  });

  it('changes the address: the shipment is sourced again for the new destination', async () => {
    const sku = await stockedSku('edit-address', { 'wh-leipzig': 2, 'wh-munich': 2 });
    const order = await orderAwaitingWarehouse([{ sku, quantity: 1 }]);
    expect(liveShipments(order)[0].locationId).toBe('wh-leipzig');

    const munich = { name: 'Ada Lovelace', line1: 'Marienplatz 1', city: 'München', postalCode: '80331', country: 'DE', coordinates: { lat: 48.137, lon: 11.575 } };
    const edited = await edit(order, { reason: 'Moved to Munich', shippingAddress: munich });

    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    expect(edited.body.shippingAddress.city).toBe('München');
    expect(edited.body.totals.grandTotal.amount).toBe(order.totals.grandTotal.amount);
    const resourced = await waitForOrder(order.id, awaitingWarehouse);
    expect(liveShipments(resourced)[0].locationId).toBe('wh-munich');
    expect(await stockOf(sku, 'wh-leipzig')).toMatchObject({ reserved: 0 });
    expect(await stockOf(sku, 'wh-munich')).toMatchObject({ reserved: 1 });
  });

  it('refuses a stale version (412), a missing If-Match (428), an unknown line (422) and a declined difference (422), changing nothing', async () => {
    const sku = await stockedSku('edit-refused', { 'wh-leipzig': 5 });
    const order = await orderAwaitingWarehouse([{ sku, quantity: 1 }], 'pm_card_noIncrement');
    const lineId = order.lines[0].lineId;

    const stale = await edit(order, { reason: 'x', lines: [{ lineId, quantity: 2 }] }, order.version - 1);
    const unconditional = await call('PATCH', `/orders/${order.id}`, { body: { reason: 'x', lines: [{ lineId, quantity: 2 }] } });
    const unknown = await edit(order, { reason: 'x', lines: [{ lineId: 'nope', quantity: 2 }] });
    const declined = await edit(order, { reason: 'x', lines: [{ lineId, quantity: 2 }] });

    expect(stale).toMatchObject({ status: 412, body: { code: 'VERSION_MISMATCH' } });
    expect(unconditional).toMatchObject({ status: 428, body: { code: 'PRECONDITION_REQUIRED' } });
    expect(unknown).toMatchObject({ status: 422, body: { code: 'UNKNOWN_LINE', errors: [{ path: 'lines[0].lineId' }] } });
    expect(declined).toMatchObject({ status: 422, body: { code: 'PAYMENT_DECLINED' } });
    const after = (await getOrder(order.id)).body;
    expect(after.version).toBe(order.version);
    expect(after.lines[0].quantity).toBe(1);
  });

  it('refuses an edit once the goods are packed and shipped (409)', async () => {
    const sku = await stockedSku('edit-late', { 'wh-leipzig': 2 });
    const order = await orderAwaitingWarehouse([{ sku, quantity: 1 }]);
    await packAll(order);
    const shipped = await waitForOrder(order.id, (current) => ['SHIPPED', 'DELIVERED', 'COMPLETED'].includes(current.status));

    const late = await edit(shipped, { reason: 'too late', lines: [{ lineId: order.lines[0].lineId, quantity: 2 }] });

    expect(late.status).toBe(409);
    expect(['ORDER_NOT_EDITABLE', 'SHIPMENT_ALREADY_PACKED']).toContain(late.body.code);
  });
});

describe('partial cancellation', () => {
  it('cancels some units of a line: the rest is sourced again and only what ships is charged', async () => {
    const sku = await stockedSku('cancel-units', { 'wh-leipzig': 5 });
    const order = await orderAwaitingWarehouse([{ sku, quantity: 3, unitPrice: 1000 }]);

    const cancelled = await call('POST', `/orders/${order.id}/cancel`, { body: { reason: 'Customer wants one fewer', lines: [{ lineId: order.lines[0].lineId, quantity: 1 }] } });

    expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200);
    expect(cancelled.body.lines[0]).toMatchObject({ quantity: 3, cancelledQuantity: 1 });
    const resourced = await waitForOrder(order.id, (current) => awaitingWarehouse(current) && liveShipments(current)[0].lines[0].quantity === 2);
    await packAll(resourced);
    const done = await waitForStatus(order.id, 'COMPLETED');
    // 2 of 3 units ship: their share of 34.95 is 2/3 of it, floored to the cent; the rest of the authorization is released.
    expect(done.money.captured.amount).toBe(Math.floor((3495 * 2) / 3));
    expect(done.money.outstandingAuthorization.amount).toBe(0);
    expect(await stockOf(sku, 'wh-leipzig')).toMatchObject({ onHand: 3, reserved: 0 });
  });
});

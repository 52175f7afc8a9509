/**
 * Returns on the local runtime: the API checks what may come back, the order-return execution
 * labels, waits for the receiving location, refunds (money) and restocks (stock), or expires.
 */
import { describe, expect, it } from 'vitest';
import { apiUrl, call } from '../api-client';
import { placeOrder, stockOf, stockedSku, uniqueId, waitForOrder, waitForStatus } from '../lifecycle/lifecycle-api';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read arbitrary JSON
const returnOf = (order: any, returnId: string) => order.returns?.find((candidate: { returnId: string }) => candidate.returnId === returnId);
const waitForReturn = (orderId: string, returnId: string, status: string, apiKey?: string) =>
  waitForOrder(orderId, (order) => returnOf(order, returnId)?.status === status, { ...(apiKey && { apiKey }) });

/** A delivered order: 2 × A at 10.00, 1 × B at 20.00, shipping 4.95, all from Leipzig. */
async function deliveredOrder(apiKey?: string) {
  const a = await stockedSku('ret-a', { 'wh-leipzig': 5 });
  const b = await stockedSku('ret-b', { 'wh-leipzig': 5 });
  const placed = await placeOrder({ lines: [{ sku: a, quantity: 2, unitPrice: 1000 }, { sku: b, quantity: 1, unitPrice: 2000 }], ...(apiKey && { apiKey }) });
  const order = await waitForStatus(placed.id, 'COMPLETED', { ...(apiKey && { apiKey }) });
  const lineOf = (sku: string) => order.lines.find((line: { sku: string }) => line.sku === sku).lineId as string;
  return { order, a, b, lineA: lineOf(a), lineB: lineOf(b) };
}

const receipt = (returnId: string, locationId: string, lines: { lineId: string; quantity: number; disposition: string }[]) =>
  call('POST', '/integrations/returns/receipts', { body: { eventId: uniqueId('rcv'), returnId, locationId, lines, occurredAt: new Date().toISOString() } });

/** The templates of the order's customer messages in the sandbox outbox, once `expected` are all there (or the time runs out). */
async function waitForTemplates(orderId: string, expected: readonly string[]): Promise<string[]> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const response = await fetch(`${apiUrl()}/dev/outbox?${new URLSearchParams({ orderId })}`);
    const templates = ((await response.json()) as { items: { template: string }[] }).items.map((message) => message.template);
    if (expected.every((template) => templates.includes(template)) || Date.now() > deadline) return templates;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('returns', () => {
  it('takes a mail return: label, receipt, refund per line with the shipping for a defect, restock per disposition', async () => {
    const { order, a, lineA, lineB } = await deliveredOrder();
    const stockBefore = await stockOf(a, 'wh-leipzig');

    const created = await call('POST', `/orders/${order.id}/returns`, {
      body: { method: 'MAIL', lines: [{ lineId: lineA, quantity: 1, reasonCode: 'TOO_SMALL' }, { lineId: lineB, quantity: 1, reasonCode: 'DEFECTIVE' }] },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const returnId = created.body.returnId as string;
    const waiting = await waitForReturn(order.id, returnId, 'AWAITING_RECEIPT');
    expect(returnOf(waiting, returnId).label.trackingNumber).toMatch(/^OMSR/);

    const received = await receipt(returnId, 'wh-leipzig', [{ lineId: lineA, quantity: 1, disposition: 'RESTOCK' }, { lineId: lineB, quantity: 1, disposition: 'DISPOSE' }]);
    expect(received.status, JSON.stringify(received.body)).toBe(200);
    const done = await waitForReturn(order.id, returnId, 'COMPLETED');

    // 10.00 + 20.00 of goods, plus the 4.95 shipping because B was defective; no fee by default.
    expect(returnOf(done, returnId).refund).toMatchObject({ amount: { amount: 3495 }, shippingRefunded: { amount: 495 }, restockingFee: { amount: 0 } });
    expect(done.money).toMatchObject({ captured: { amount: 4495 }, refunded: { amount: 3495 } });
    expect((await stockOf(a, 'wh-leipzig'))?.onHand).toBe((stockBefore?.onHand ?? 0) + 1);
    // The customer heard of every step: registered, label, received, refunded (by email; no phone, no SMS).
    const templates = await waitForTemplates(order.id, ['return-requested', 'return-label', 'return-received', 'return-refunded']);
    expect(templates).toEqual(expect.arrayContaining(['return-requested', 'return-label', 'return-received', 'return-refunded']));
  });

  it('refuses what cannot come back with 422 naming the line, and changes nothing', async () => {
    const { order, lineA } = await deliveredOrder();

    const tooMany = await call('POST', `/orders/${order.id}/returns`, { body: { method: 'MAIL', lines: [{ lineId: lineA, quantity: 3, reasonCode: 'CHANGED_MIND' }] } });
    const unknown = await call('POST', `/orders/${order.id}/returns`, { body: { method: 'MAIL', lines: [{ lineId: 'nope', quantity: 1, reasonCode: 'CHANGED_MIND' }] } });
    const noStore = await call('POST', `/orders/${order.id}/returns`, { body: { method: 'STORE', lines: [{ lineId: lineA, quantity: 1, reasonCode: 'CHANGED_MIND' }] } });

    expect(tooMany).toMatchObject({ status: 422, body: { code: 'RETURN_EXCEEDS_DELIVERED', errors: [{ path: 'lines[0].quantity' }] } });
    expect(unknown).toMatchObject({ status: 422, body: { code: 'UNKNOWN_LINE', errors: [{ path: 'lines[0].lineId' }] } });
    expect(noStore).toMatchObject({ status: 422, body: { code: 'STORE_REQUIRED' } });
    const after = await call('GET', `/orders/${order.id}`);
    expect(after.body.version).toBe(order.version);
  });

  it('counts units already on a return: the second return of the same units is refused', async () => {
    const { order, lineA } = await deliveredOrder();
    const first = await call('POST', `/orders/${order.id}/returns`, { body: { method: 'MAIL', lines: [{ lineId: lineA, quantity: 2, reasonCode: 'CHANGED_MIND' }] } });
    const second = await call('POST', `/orders/${order.id}/returns`, { body: { method: 'MAIL', lines: [{ lineId: lineA, quantity: 1, reasonCode: 'CHANGED_MIND' }] } });

    expect(first.status).toBe(201);
    expect(second).toMatchObject({ status: 422, body: { code: 'RETURN_EXCEEDS_DELIVERED' } });
  });

  it('expires a store return nothing arrived for, and the units become returnable again', async () => {
    const fastKey = (await import('vitest')).inject('fastLifecycleChannelApiKey');
    const { order, lineA } = await deliveredOrder(fastKey);

    const created = await call('POST', `/orders/${order.id}/returns`, {
      apiKey: fastKey,
      body: { method: 'STORE', storeId: 'store-berlin-mitte', refundMethod: 'STORE_CREDIT', lines: [{ lineId: lineA, quantity: 2, reasonCode: 'CHANGED_MIND' }] },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    await waitForReturn(order.id, created.body.returnId, 'EXPIRED', fastKey);

    const again = await call('POST', `/orders/${order.id}/returns`, { apiKey: fastKey, body: { method: 'MAIL', lines: [{ lineId: lineA, quantity: 2, reasonCode: 'CHANGED_MIND' }] } });
    expect(again.status).toBe(201);
    const late = await receipt(created.body.returnId, 'store-berlin-mitte', [{ lineId: lineA, quantity: 2, disposition: 'RESTOCK' }]);
    expect(late).toMatchObject({ status: 409, body: { code: 'TASK_NO_LONGER_WAITING' } });
  });

  it('credits a store return as store credit, less the channel’s restocking fee, and refurbishes without restocking', async () => {
    const fastKey = (await import('vitest')).inject('fastLifecycleChannelApiKey');
    const { order, a, lineA } = await deliveredOrder(fastKey);
    const storeStock = await stockOf(a, 'store-berlin-mitte');

    const created = await call('POST', `/orders/${order.id}/returns`, {
      apiKey: fastKey,
      body: { method: 'STORE', storeId: 'store-berlin-mitte', refundMethod: 'STORE_CREDIT', lines: [{ lineId: lineA, quantity: 1, reasonCode: 'CHANGED_MIND' }] },
    });
    await waitForReturn(order.id, created.body.returnId, 'AWAITING_RECEIPT', fastKey);
    const received = await receipt(created.body.returnId, 'store-berlin-mitte', [{ lineId: lineA, quantity: 1, disposition: 'REFURBISH' }]);
    expect(received.status, JSON.stringify(received.body)).toBe(200);
    const done = await waitForReturn(order.id, created.body.returnId, 'COMPLETED', fastKey);

    expect(returnOf(done, created.body.returnId).refund).toMatchObject({ amount: { amount: 900 }, restockingFee: { amount: 100 } });
    expect(done.money).toMatchObject({ refunded: { amount: 0 }, credited: { amount: 900 } });
    expect(await stockOf(a, 'store-berlin-mitte')).toEqual(storeStock);
  });

  it('exchanges for another variant: nothing is refunded, and the replacement order ships at no charge', async () => {
    const { order, lineB } = await deliveredOrder();
    const variant = await stockedSku('ret-variant', { 'wh-leipzig': 3 });

    const created = await call('POST', `/orders/${order.id}/returns`, { body: { method: 'MAIL', lines: [{ lineId: lineB, quantity: 1, reasonCode: 'TOO_LARGE', exchangeForSku: variant }] } });
    await waitForReturn(order.id, created.body.returnId, 'AWAITING_RECEIPT');
    const received = await receipt(created.body.returnId, 'wh-leipzig', [{ lineId: lineB, quantity: 1, disposition: 'RESTOCK' }]);
    expect(received.status, JSON.stringify(received.body)).toBe(200);
    const done = await waitForReturn(order.id, created.body.returnId, 'COMPLETED');

    const exchanged = returnOf(done, created.body.returnId);
    expect(exchanged.refund.amount.amount).toBe(0);
    const replacement = await waitForStatus(exchanged.replacementOrderId, 'COMPLETED');
    expect(replacement).toMatchObject({ totals: { grandTotal: { amount: 0 } }, lines: [{ sku: variant, quantity: 1 }], metadata: { exchangeForReturn: created.body.returnId } });
    expect(replacement.money?.captured.amount ?? 0).toBe(0);
  });

  it('exchanges unevenly: a cheaper variant refunds the difference, a dearer one is charged on the replacement', async () => {
    const { order, lineA, lineB } = await deliveredOrder();
    const cheaper = await stockedSku('ret-cheaper', { 'wh-leipzig': 3 });
    const dearer = await stockedSku('ret-dearer', { 'wh-leipzig': 3 });

    const created = await call('POST', `/orders/${order.id}/returns`, {
      body: {
        method: 'MAIL',
        lines: [
          { lineId: lineA, quantity: 1, reasonCode: 'CHANGED_MIND', exchangeForSku: cheaper, exchangeUnitPrice: { amount: 750, currency: 'EUR' } },
          { lineId: lineB, quantity: 1, reasonCode: 'TOO_LARGE', exchangeForSku: dearer, exchangeUnitPrice: { amount: 2500, currency: 'EUR' } },
        ],
      },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    await waitForReturn(order.id, created.body.returnId, 'AWAITING_RECEIPT');
    const received = await receipt(created.body.returnId, 'wh-leipzig', [
      { lineId: lineA, quantity: 1, disposition: 'RESTOCK' },
      { lineId: lineB, quantity: 1, disposition: 'RESTOCK' },
    ]);
    expect(received.status, JSON.stringify(received.body)).toBe(200);
    const done = await waitForReturn(order.id, created.body.returnId, 'COMPLETED');

    // A paid 10.00 a unit, its variant costs 7.50: 2.50 back. B paid 20.00, its variant 25.00: 5.00 to pay.
    const exchanged = returnOf(done, created.body.returnId);
    expect(exchanged.refund.amount.amount).toBe(250);
    expect(done.money.refunded.amount).toBe(250);
    const replacement = await waitForStatus(exchanged.replacementOrderId, 'COMPLETED');
    expect(replacement.totals.grandTotal.amount).toBe(500);
    expect(replacement.money).toMatchObject({ authorized: { amount: 500 }, captured: { amount: 500 } });
  });
});

/**
 * The lifecycle's own endpoints on the local runtime: a restock resumes backordered orders through
 * the BackInStock rule, the timeline merges what happened, and each endpoint wants its scope.
 */
import { describe, expect, inject, it } from 'vitest';
import { call } from '../api-client';
import { issueApiKey } from '../inventory/scoped-api-key';
import { placeOrder, uniqueId, waitForStatus } from './lifecycle-api';

describe('lifecycle endpoints', () => {
  it('resumes a backordered order when its SKU comes back in stock, and shows it all on the timeline', async () => {
    // Prepare: an order for a SKU stocked nowhere waits for a restock
    const sku = uniqueId('restock').toUpperCase();
    const placed = await placeOrder({ lines: [{ sku, quantity: 1 }] });
    await waitForStatus(placed.id, 'BACKORDERED');
    await waitForRestockWait(placed.id);

    // Act: the stock arrives (BackInStock → resume-backordered-orders → the restock wait's token)
    const stocked = await call('PUT', `/stock/${sku}/wh-leipzig`, { body: { onHand: 1, safetyStock: 0 } });
    const restocked = await waitForStatus(placed.id, 'COMPLETED');
    const timeline = await call('GET', `/orders/${placed.id}/timeline`);

    // Assess
    expect(stocked.status, JSON.stringify(stocked.body)).toBeLessThan(300);
    expect(restocked.status).toBe('COMPLETED');
    expect(timeline.status).toBe(200);
    const items: { at: string; source: string; type: string }[] = timeline.body.items;
    expect(items.map((item) => item.at)).toEqual([...items.map((item) => item.at)].sort());
    expect(items.filter((item) => item.source === 'order').map((item) => item.type)).toEqual(expect.arrayContaining(['PLACED', 'BACKORDERED', 'ALLOCATED', 'DELIVERED', 'COMPLETED']));
    expect(new Set(items.map((item) => item.source))).toEqual(new Set(['order', 'shipment', 'payment', 'execution']));
  });

  it('wants each endpoint’s own scope, and reports a shipment it does not know as not found', async () => {
    // Prepare
    const event = { eventId: uniqueId('wms'), type: 'PICKING', shipmentId: 'ord_unknown-S1', occurredAt: new Date().toISOString() };
    const ordersOnly = await issueApiKey(['orders']);

    // Act
    const unknown = await call('POST', '/integrations/wms/events', { body: event });
    const withoutScope = await call('POST', '/integrations/wms/events', { body: event, apiKey: ordersOnly });
    const review = await call('POST', '/ops/orders/ord_unknown/review', { body: { decision: 'approve' }, apiKey: inject('otherChannelApiKey') });

    // Assess
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('SHIPMENT_NOT_FOUND');
    expect(withoutScope.status).toBe(403);
    expect(review.status).toBe(403);
  });
});

/**
 * A restock only resumes executions that already wait for it: polls the order's timeline until
 * the execution entered AwaitRestock and its task (which registers the wait) was submitted.
 */
async function waitForRestockWait(orderId: string) {
  for (let attempt = 0; attempt < 100; attempt++) {
    const { body } = await call('GET', `/orders/${orderId}/timeline`);
    const types: string[] = (body.items as { type: string; detail?: string }[]).map((item) => `${item.type} ${item.detail ?? ''}`.trim());
    const entered = types.lastIndexOf('TaskStateEntered AwaitRestock');
    if (entered >= 0 && types.slice(entered).includes('TaskSubmitted')) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`Order ${orderId} never waited for a restock`);
}

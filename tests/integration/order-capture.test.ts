import { describe, expect, inject, it } from 'vitest';
import { asCaptured, call, uniqueOrder } from './api-client';

describe('POST /orders then GET /orders/{id} on the local runtime', () => {
  it('captures an order with server-computed totals and returns it with its Location', async () => {
    // Prepare
    const order = uniqueOrder();

    // Act
    const created = await call('POST', '/orders', { body: order });
    const read = await call('GET', created.headers.get('location') ?? '');

    // Assess
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe(`/orders/${created.body.id}`);
    expect(created.body).toMatchObject({
      channelId: 'demo-web',
      channelOrderRef: order.channelOrderRef,
      status: 'PLACED',
      version: 1,
      totals: { grandTotal: order.expectedTotal },
    });
    expect(created.body.statusHistory).toEqual([
      expect.objectContaining({ status: 'PLACED', by: { type: 'channel', id: 'demo-web' } }),
    ]);
    expect(read.status).toBe(200);
    // The lifecycle may have taken its first step by the time of the read.
    expect(asCaptured(read.body)).toEqual(asCaptured(created.body));
    expect(read.headers.get('etag')).toBe(`"${read.body.version}"`);
  });

  it('returns the existing order (200) when a channel resends the same order without an Idempotency-Key', async () => {
    const order = uniqueOrder();
    const first = await call('POST', '/orders', { body: order });

    const resent = await call('POST', '/orders', { body: order });

    expect(first.status).toBe(201);
    expect(resent.status).toBe(200);
    expect(resent.body.id).toBe(first.body.id);
  });

  it('refuses a different order under a channel order reference that is already used (409)', async () => {
    const order = uniqueOrder();
    await call('POST', '/orders', { body: order });

    const clash = await call('POST', '/orders', { body: { ...order, notes: 'different content' } });

    expect(clash.status).toBe(409);
    expect(clash.headers.get('content-type')).toBe('application/problem+json');
    expect(clash.body.code).toBe('DUPLICATE_CHANNEL_ORDER_REF');
  });

  it('answers 404 for an unknown order id', async () => {
    const answer = await call('GET', '/orders/ord_does_not_exist');
    expect(answer.status).toBe(404);
    expect(answer.body.code).toBe('ORDER_NOT_FOUND');
  });
});

describe('channel authentication and isolation', () => {
  it('rejects a missing API key with 401 problem+json', async () => {
    const answer = await call('GET', '/orders', { apiKey: null });
    expect(answer.status).toBe(401);
    expect(answer.headers.get('content-type')).toBe('application/problem+json');
    expect(answer.body.code).toBe('API_KEY_MISSING');
  });

  it('rejects an unknown API key with 401 and writes nothing', async () => {
    const order = uniqueOrder();
    const answer = await call('POST', '/orders', { body: order, apiKey: 'oms_not-a-real-key' });
    const lookup = await call('GET', `/orders?customerId=${order.customer.id}`);
    expect(answer.status).toBe(401);
    expect(answer.body.code).toBe('API_KEY_INVALID');
    expect(lookup.body.items.map((o: { channelOrderRef: string }) => o.channelOrderRef)).not.toContain(order.channelOrderRef);
  });

  it("never shows one channel another channel's order: 404, not 403", async () => {
    const created = await call('POST', '/orders', { body: uniqueOrder() });
    const otherKey = inject('otherChannelApiKey');

    const read = await call('GET', `/orders/${created.body.id}`, { apiKey: otherKey });
    const list = await call('GET', '/orders', { apiKey: otherKey });

    expect(read.status).toBe(404);
    expect(list.status).toBe(200);
    expect(list.body.items.map((o: { id: string }) => o.id)).not.toContain(created.body.id);
  });

  it('refuses a body that claims another channel', async () => {
    const answer = await call('POST', '/orders', { body: uniqueOrder({ channelId: 'other-shop' }) });
    expect(answer.status).toBe(422);
    expect(answer.body.errors).toContainEqual(expect.objectContaining({ path: 'channelId', code: 'CHANNEL_MISMATCH' }));
  });
});

describe('GET /orders', () => {
  it('filters by customer and status and pages with a cursor, newest first', async () => {
    // Prepare: three orders of one customer, unique to this test
    const customer = { id: `cust-page-${Date.now()}`, email: 'pager@example.com' };
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const created = await call('POST', '/orders', { body: uniqueOrder({ customer }) });
      ids.push(created.body.id);
    }

    // Act
    const first = await call('GET', `/orders?customerId=${customer.id}&limit=2`);
    const second = await call('GET', `/orders?customerId=${customer.id}&limit=2&cursor=${first.body.nextCursor}`);
    const byStatus = await call('GET', `/orders?customerId=${customer.id}&status=PLACED`);
    const noneCancelled = await call('GET', `/orders?customerId=${customer.id}&status=CANCELLED`);

    // Assess
    expect(first.status).toBe(200);
    expect(first.body.items.map((o: { id: string }) => o.id)).toEqual([ids[2], ids[1]]);
    expect(second.body.items.map((o: { id: string }) => o.id)).toEqual([ids[0]]);
    expect(second.body.nextCursor).toBeUndefined();
    expect(byStatus.body.items).toHaveLength(3);
    expect(noneCancelled.body.items).toHaveLength(0);
  });

  it('filters by placed-date range', async () => {
    const before = new Date(Date.now() - 1000).toISOString();
    const created = await call('POST', '/orders', { body: uniqueOrder() });
    const after = new Date(Date.now() + 1000).toISOString();

    const inside = await call('GET', `/orders?placedFrom=${before}&placedTo=${after}&limit=100`);
    const outside = await call('GET', `/orders?placedTo=${before}&limit=100`);

    expect(inside.body.items.map((o: { id: string }) => o.id)).toContain(created.body.id);
    expect(outside.body.items.map((o: { id: string }) => o.id)).not.toContain(created.body.id);
  });

  it('rejects a cursor from another query, and bad query parameters, with 400', async () => {
    const foreignCursor = Buffer.from(JSON.stringify({ gsi3pk: 'CHANNEL#other-shop', gsi3sk: 'x', pk: 'x', sk: 'x' })).toString('base64url');

    const tampered = await call('GET', `/orders?cursor=${foreignCursor}`);
    const badLimit = await call('GET', '/orders?limit=1000');
    const badStatus = await call('GET', '/orders?status=NOPE');

    expect(tampered.status).toBe(400);
    expect(tampered.body.code).toBe('INVALID_CURSOR');
    expect(badLimit.status).toBe(400);
    expect(badLimit.body.errors[0].path).toBe('limit');
    expect(badStatus.status).toBe(400);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { orderLimits, placeOrderExample } from '../../shared/contracts/order';
import { call, countStoredItems, uniqueOrder } from './api-client';

async function expectRejectedWithoutWrites(body: unknown, expected: { status: number; code: string; path?: string }, headers: Record<string, string> = {}) {
  const before = await countStoredItems();
  const answer = await call('POST', '/orders', { body, headers });
  const after = await countStoredItems();
  expect(answer.status).toBe(expected.status);
  expect(answer.headers.get('content-type')).toBe('application/problem+json');
  expect(answer.body).toMatchObject({ status: expected.status, code: expected.code });
  if (expected.path !== undefined) {
    expect(answer.body.errors.map((e: { path: string }) => e.path)).toContain(expected.path);
  }
  expect(after).toBe(before);
}

describe('bad input gets a 4xx problem+json and writes nothing', () => {
  it('malformed JSON → 400 MALFORMED_JSON', () =>
    expectRejectedWithoutWrites('{"channelOrderRef": "A-1", ', { status: 400, code: 'MALFORMED_JSON' }));

  it('wrong content type → 415', () =>
    expectRejectedWithoutWrites(JSON.stringify(uniqueOrder()), { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' }, { 'content-type': 'text/plain' }));

  it('an unknown field → 400 naming the field', () =>
    expectRejectedWithoutWrites(uniqueOrder({ giftWrap: true }), { status: 400, code: 'VALIDATION_FAILED', path: 'giftWrap' }));

  it('a field the OMS owns → 400 READ_ONLY_FIELD, not silently ignored', async () => {
    const answer = await call('POST', '/orders', { body: uniqueOrder({ status: 'SHIPPED', totals: {} }) });
    expect(answer.status).toBe(400);
    expect(answer.body.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'status', code: 'READ_ONLY_FIELD' }),
        expect.objectContaining({ path: 'totals', code: 'READ_ONLY_FIELD' }),
      ]),
    );
  });

  it.each([0, -1, 1.5])('quantity %s → 400 on lines[0].quantity', (quantity) => {
    const order = uniqueOrder();
    order.lines[0].quantity = quantity;
    return expectRejectedWithoutWrites(order, { status: 400, code: 'VALIDATION_FAILED', path: 'lines[0].quantity' });
  });

  it('money as a float → 400', () => {
    const order = uniqueOrder();
    order.lines[0].unitPrice.amount = 19.99;
    return expectRejectedWithoutWrites(order, { status: 400, code: 'VALIDATION_FAILED', path: 'lines[0].unitPrice.amount' });
  });

  it('10,000 lines → 413 (the body limit is reached before the line limit)', () => {
    const line = placeOrderExample.lines[0];
    const lines = Array.from({ length: 10_000 }, (_, i) => ({ ...line, lineRef: String(i), sku: `SKU-${i}` }));
    return expectRejectedWithoutWrites(uniqueOrder({ lines }), { status: 413, code: 'PAYLOAD_TOO_LARGE' });
  });

  it(`more than ${orderLimits.maxLines} lines in a small body → 400 on lines`, () => {
    const lines = Array.from({ length: orderLimits.maxLines + 1 }, (_, i) => ({ sku: `S${i}`, quantity: 1, unitPrice: { amount: 1, currency: 'EUR' } }));
    return expectRejectedWithoutWrites(uniqueOrder({ lines, expectedTotal: undefined, taxTotal: undefined }), { status: 400, code: 'VALIDATION_FAILED', path: 'lines' });
  });

  it('a 1 MB body → 413', () =>
    expectRejectedWithoutWrites(uniqueOrder({ notes: 'x'.repeat(1024 * 1024) }), { status: 413, code: 'PAYLOAD_TOO_LARGE' }));

  it('a currency mismatch → 422 CURRENCY_MISMATCH on the offending field', () => {
    const order = uniqueOrder();
    order.lines[1].unitPrice.currency = 'USD';
    return expectRejectedWithoutWrites(order, { status: 422, code: 'ORDER_RULES_VIOLATED', path: 'lines[1].unitPrice.currency' });
  });

  it('a duplicate SKU line → 422 DUPLICATE_SKU (one line per SKU keeps reservations, cancellations and returns unambiguous)', () => {
    const order = uniqueOrder();
    order.lines[1] = { ...order.lines[0], lineRef: '2' };
    return expectRejectedWithoutWrites(order, { status: 422, code: 'ORDER_RULES_VIOLATED', path: 'lines[1].sku' });
  });

  it('a client total that disagrees with the computed one → 422 TOTAL_MISMATCH', () =>
    expectRejectedWithoutWrites(uniqueOrder({ expectedTotal: { amount: 1, currency: 'EUR' } }), {
      status: 422,
      code: 'ORDER_RULES_VIOLATED',
      path: 'expectedTotal.amount',
    }));

  it('home delivery without an address, and a pickup store on it → 422', async () => {
    const order = uniqueOrder({ shippingAddress: undefined, pickupStoreId: 'store-berlin-mitte' });
    const answer = await call('POST', '/orders', { body: order });
    expect(answer.status).toBe(422);
    expect(answer.body.errors.map((e: { code: string }) => e.code)).toEqual(['REQUIRED_FOR_DELIVERY_METHOD', 'NOT_ALLOWED_FOR_DELIVERY_METHOD']);
  });
});

/** Mutates a valid order at one random place: drop a field, or put a random JSON value there. */
const mutatedOrder = fc
  .tuple(fc.nat(), fc.boolean(), fc.jsonValue({ maxDepth: 2 }))
  .map(([pick, drop, value]) => {
    const order = uniqueOrder();
    const paths: (string | number)[][] = [];
    const walk = (node: unknown, path: (string | number)[]) => {
      paths.push(path);
      if (node && typeof node === 'object') for (const [k, v] of Object.entries(node)) walk(v, [...path, Array.isArray(node) ? Number(k) : k]);
    };
    walk(order, []);
    const path = paths[1 + (pick % (paths.length - 1))] as (string | number)[];
    const parent = path.slice(0, -1).reduce<any>((node, key) => node[key], order); // eslint-disable-line @typescript-eslint/no-explicit-any
    const key = path[path.length - 1] as string | number;
    if (drop) delete parent[key];
    else parent[key] = value;
    return JSON.stringify(order);
  });

const anyBody = fc.oneof(
  mutatedOrder,
  fc.jsonValue().map((value) => JSON.stringify(value)),
  fc.string({ maxLength: 200 }),
  mutatedOrder.map((json) => json.slice(0, Math.floor(json.length / 2))),
);

describe('fuzzing POST /orders', () => {
  it('never answers a random or mutated body with a 5xx', async () => {
    const bodies = fc.sample(anyBody, { numRuns: 2500, seed: 20261123 });
    const statuses: number[] = [];
    for (let i = 0; i < bodies.length; i += 25) {
      const batch = await Promise.all(bodies.slice(i, i + 25).map((body) => call('POST', '/orders', { body })));
      statuses.push(...batch.map((answer) => answer.status));
    }
    const serverErrors = statuses.map((status, index) => ({ status, body: bodies[index] })).filter(({ status }) => status >= 500);
    expect(serverErrors).toEqual([]);
    expect(statuses.filter((s) => s >= 400).length).toBeGreaterThan(1000);
  });
});

/**
 * Scope enforcement over HTTP. The other-shop test channel's key holds only `orders` (it is
 * seeded with no scopes or with ['orders'], which is the same), so every inventory route is 403 for it.
 */
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { call } from '../api-client';
import { callWith, createLocation, expectProblem, issueInventoryKeys, locationBody, uniqueId } from './inventory-api';
import { issueApiKey } from './scoped-api-key';

let writer: string;
let reader: string;
let locationId: string;
const sku = uniqueId('SCOPED');

beforeAll(async () => {
  ({ writer, reader } = await issueInventoryKeys());
  ({ id: locationId } = await createLocation(writer));
  await callWith(writer)('PUT', `/stock/${sku}/${locationId}`, { body: { onHand: 10, safetyStock: 0 } });
});

const settings = () => {
  const { id: _id, ...rest } = locationBody(locationId, { name: 'Changed without the scope' });
  return rest;
};

/** Every inventory route with a request that would succeed for a key holding its scope. */
const reads = () => [
  ['GET', '/locations', undefined],
  ['GET', `/locations/${locationId}`, undefined],
  ['GET', `/stock?sku=${sku}`, undefined],
] as const;
const writes = () => [
  ['POST', '/locations', locationBody(uniqueId('scoped-new'))],
  ['PUT', `/locations/${locationId}`, settings()],
  ['POST', '/stock/adjustments', { adjustmentId: uniqueId('adj'), sku, locationId, delta: 5, reason: 'Receipt' }],
  ['PUT', `/stock/${sku}/${locationId}`, { onHand: 99, safetyStock: 0 }],
  ['POST', '/stock/import', { rows: [{ sku, locationId, onHand: 98 }] }],
] as const;

async function snapshot() {
  const api = callWith(writer);
  return { location: (await api('GET', `/locations/${locationId}`)).body, stock: (await api('GET', `/stock?sku=${sku}`)).body };
}

describe('inventory scopes', () => {
  it("answers the other shop's key (orders scope only) 403 INSUFFICIENT_SCOPE on every inventory route, and nothing changes", async () => {
    // Prepare
    const otherShop = inject('otherChannelApiKey');
    const before = await snapshot();

    // Act
    const answers = [];
    for (const [method, path, body] of [...reads(), ...writes()]) {
      answers.push({ route: `${method} ${path}`, answer: await call(method, path, { apiKey: otherShop, body, headers: { 'if-match': '"1"' } }) });
    }

    // Assess
    for (const { route, answer } of answers) {
      expect(answer.status, route).toBe(403);
      expect(answer.headers.get('content-type'), route).toBe('application/problem+json');
      expect(answer.body, route).toMatchObject({ status: 403, title: 'Forbidden', code: 'INSUFFICIENT_SCOPE' });
    }
    expect(await snapshot()).toEqual(before);
  });

  it('lets an inventory:read key read, and answers its writes 403 without writing', async () => {
    // Prepare
    const before = await snapshot();

    // Act
    const readAnswers = await Promise.all(reads().map(([method, path]) => call(method, path, { apiKey: reader })));
    const writeAnswers = [];
    for (const [method, path, body] of writes()) writeAnswers.push(await call(method, path, { apiKey: reader, body, headers: { 'if-match': '"1"' } }));

    // Assess
    expect(readAnswers.map((answer) => answer.status)).toEqual([200, 200, 200]);
    for (const answer of writeAnswers) expectProblem(answer, 403, 'INSUFFICIENT_SCOPE');
    expect(writeAnswers[0]?.body.detail).toContain('inventory:write');
    expect(await snapshot()).toEqual(before);
  });

  it('answers a key without the orders scope 403 on the order routes', async () => {
    // Prepare
    const inventoryOnly = await issueApiKey(['inventory:read', 'inventory:write']);

    // Act
    const list = await call('GET', '/orders', { apiKey: inventoryOnly });
    const read = await call('GET', '/orders/ord_any', { apiKey: inventoryOnly });

    // Assess
    expectProblem(list, 403, 'INSUFFICIENT_SCOPE');
    expectProblem(read, 403, 'INSUFFICIENT_SCOPE');
  });

  it('answers a missing or unknown key 401 on inventory routes, as on the others', async () => {
    expectProblem(await call('GET', '/locations', { apiKey: null }), 401, 'API_KEY_MISSING');
    expectProblem(await call('GET', '/stock?sku=A', { apiKey: 'oms_not-a-real-key' }), 401, 'API_KEY_INVALID');
  });
});

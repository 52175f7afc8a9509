import { beforeAll, describe, expect, it } from 'vitest';
import { StockLevelSchema, StockListSchema } from '../../../shared/contracts/inventory';
import { callWith, createLocation, expectProblem, issueInventoryKeys, storedAdjustment, uniqueId, withInventory } from './inventory-api';

let api: ReturnType<typeof callWith>;
let writer: string;

beforeAll(async () => {
  ({ writer } = await issueInventoryKeys());
  api = callWith(writer);
});

const stockPath = (sku: string, locationId: string) => `/stock/${encodeURIComponent(sku)}/${encodeURIComponent(locationId)}`;
const stockOf = async (sku: string) => (await api('GET', `/stock?sku=${encodeURIComponent(sku)}`)).body;
const setStock = (sku: string, locationId: string, body: Record<string, unknown>) => api('PUT', stockPath(sku, locationId), { body });

describe('PUT /stock/{sku}/{locationId}', () => {
  it('sets absolute numbers from a count and answers the stock level', async () => {
    // Prepare
    const { id: locationId } = await createLocation(writer);
    const sku = uniqueId('SKU');
    const incoming = [{ quantity: 30, expectedAt: '2030-01-15' }];

    // Act
    const answer = await setStock(sku, locationId, { onHand: 20, safetyStock: 2, lowStockThreshold: 5, incoming });

    // Assess
    expect(answer.status).toBe(200);
    expect(StockLevelSchema.safeParse(answer.body).error).toBeUndefined();
    expect(answer.body).toMatchObject({ sku, locationId, onHand: 20, reserved: 0, safetyStock: 2, available: 18, lowStockThreshold: 5, incoming, version: 1 });
    expect((await stockOf(sku)).items).toEqual([answer.body]);
  });

  it('keeps the units already reserved for orders', async () => {
    // Prepare: 10 on hand, 4 held by an order
    const { id: locationId } = await createLocation(writer);
    const sku = uniqueId('SKU');
    await setStock(sku, locationId, { onHand: 10, safetyStock: 0 });
    await withInventory((inventory) => inventory.reserve(uniqueId('ord'), [{ sku, locationId, quantity: 4 }], new Date(Date.now() + 60_000)));

    // Act
    const answer = await setStock(sku, locationId, { onHand: 7, safetyStock: 1 });

    // Assess
    expect(answer.body).toMatchObject({ onHand: 7, reserved: 4, safetyStock: 1, available: 2 });
  });

  it('offers nothing from a count below the reservations, not even after units arrive, until the shortfall is made up', async () => {
    // Prepare: 5 held by an order, then a count finds only 3
    const { id: locationId } = await createLocation(writer);
    const sku = uniqueId('SKU');
    await setStock(sku, locationId, { onHand: 5, safetyStock: 0 });
    await withInventory((inventory) => inventory.reserve(uniqueId('ord'), [{ sku, locationId, quantity: 5 }], new Date(Date.now() + 60_000)));
    const counted = await setStock(sku, locationId, { onHand: 3, safetyStock: 0 });

    // Act: 1 unit arrives (3 + 1 < 5 reserved), then 3 more (7 − 5 = 2 available)
    const first = await api('POST', '/stock/adjustments', { body: { adjustmentId: uniqueId('adj'), sku, locationId, delta: 1, reason: 'Receipt' } });
    const second = await api('POST', '/stock/adjustments', { body: { adjustmentId: uniqueId('adj'), sku, locationId, delta: 3, reason: 'Receipt' } });

    // Assess
    expect(counted.body).toMatchObject({ onHand: 3, reserved: 5, available: 0 });
    expect(first.body).toMatchObject({ onHand: 4, reserved: 5, available: 0 });
    expect(second.body).toMatchObject({ onHand: 7, reserved: 5, available: 2 });
  });

  it('refuses an unknown location with 422 UNKNOWN_LOCATION and creates no stock', async () => {
    // Prepare
    const sku = uniqueId('SKU');

    // Act
    const answer = await setStock(sku, uniqueId('nowhere'), { onHand: 5, safetyStock: 0 });

    // Assess
    expectProblem(answer, 422, 'UNKNOWN_LOCATION');
    expect((await stockOf(sku)).items).toEqual([]);
  });

  it.each([
    ['a negative on-hand', { onHand: -1, safetyStock: 0 }, 'onHand'],
    ['a negative safety stock', { onHand: 1, safetyStock: -2 }, 'safetyStock'],
    ['a fractional count', { onHand: 1.5, safetyStock: 0 }, 'onHand'],
    ['a missing safety stock', { onHand: 1 }, 'safetyStock'],
    ['an incoming delivery of zero', { onHand: 1, safetyStock: 0, incoming: [{ quantity: 0, expectedAt: '2030-01-01' }] }, 'incoming[0].quantity'],
    ['an incoming date that is no date', { onHand: 1, safetyStock: 0, incoming: [{ quantity: 1, expectedAt: 'soon' }] }, 'incoming[0].expectedAt'],
  ])('refuses %s with 400 naming the field, and leaves the stock as it was', async (_case, body, path) => {
    // Prepare
    const { id: locationId } = await createLocation(writer);
    const sku = uniqueId('SKU');
    const before = await setStock(sku, locationId, { onHand: 9, safetyStock: 1 });

    // Act
    const answer = await setStock(sku, locationId, body);

    // Assess
    expectProblem(answer, 400, 'VALIDATION_FAILED');
    expect(answer.body.errors).toContainEqual(expect.objectContaining({ path }));
    expect((await stockOf(sku)).items).toEqual([before.body]);
  });

  it('takes a SKU with a slash, percent-encoded in the path', async () => {
    const { id: locationId } = await createLocation(writer);
    const sku = `${uniqueId('SKU')}/XL`;
    const answer = await setStock(sku, locationId, { onHand: 2, safetyStock: 0 });
    expect(answer.body).toMatchObject({ sku, locationId, onHand: 2 });
  });
});

describe('GET /stock', () => {
  it("answers a SKU's stock at every location, ordered by location, and narrows to one", async () => {
    // Prepare
    const [a, b] = [await createLocation(writer, uniqueId('stock-b')), await createLocation(writer, uniqueId('stock-a'))];
    const sku = uniqueId('SKU');
    await setStock(sku, a.id, { onHand: 4, safetyStock: 0 });
    await setStock(sku, b.id, { onHand: 6, safetyStock: 1 });

    // Act
    const all = await api('GET', `/stock?sku=${sku}`);
    const one = await api('GET', `/stock?sku=${sku}&locationId=${a.id}`);

    // Assess
    expect(all.status).toBe(200);
    expect(StockListSchema.safeParse(all.body).error).toBeUndefined();
    expect(all.body.items.map((stock: { locationId: string; available: number }) => [stock.locationId, stock.available])).toEqual([
      [b.id, 5],
      [a.id, 4],
    ]);
    expect(one.body.items).toEqual([expect.objectContaining({ locationId: a.id, onHand: 4 })]);
  });

  it('answers a SKU stocked nowhere with an empty list', async () => {
    const answer = await api('GET', `/stock?sku=${uniqueId('NEVER')}`);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ items: [] });
  });

  it('answers an unknown location with 422 UNKNOWN_LOCATION', async () => {
    expectProblem(await api('GET', `/stock?sku=ANY&locationId=${uniqueId('nowhere')}`), 422, 'UNKNOWN_LOCATION');
  });

  it.each([
    ['no sku', '/stock'],
    ['an unknown parameter', '/stock?sku=A&colour=red'],
    ['a malformed sku', '/stock?sku=%20bad'],
  ])('refuses %s with 400', async (_case, path) => {
    expectProblem(await api('GET', path), 400, 'VALIDATION_FAILED');
  });
});

describe('POST /stock/adjustments', () => {
  async function shelf(levels: { onHand: number; safetyStock?: number } = { onHand: 10 }) {
    const { id: locationId } = await createLocation(writer);
    const sku = uniqueId('SKU');
    await setStock(sku, locationId, { safetyStock: 0, ...levels });
    return { sku, locationId };
  }
  const adjustment = (at: { sku: string; locationId: string }, delta: number, adjustmentId = uniqueId('adj')) => ({
    adjustmentId,
    ...at,
    delta,
    reason: delta > 0 ? 'Goods receipt' : 'Damaged in handling',
  });

  it('applies an adjustment (201) and answers the stock level after it', async () => {
    // Prepare
    const at = await shelf();

    // Act
    const answer = await api('POST', '/stock/adjustments', { body: adjustment(at, 5) });

    // Assess
    expect(answer.status).toBe(201);
    expect(StockLevelSchema.safeParse(answer.body).error).toBeUndefined();
    expect(answer.body).toMatchObject({ ...at, onHand: 15, available: 15 });
  });

  it('adds stock of a SKU the location did not have yet', async () => {
    const { id: locationId } = await createLocation(writer);
    const answer = await api('POST', '/stock/adjustments', { body: adjustment({ sku: uniqueId('NEW'), locationId }, 3) });
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({ onHand: 3, reserved: 0, safetyStock: 0, available: 3, incoming: [] });
  });

  it('answers a replay with the same numbers 200 with the current level, applying it once', async () => {
    // Prepare
    const at = await shelf();
    const body = adjustment(at, -3);
    await api('POST', '/stock/adjustments', { body });

    // Act
    const replay = await api('POST', '/stock/adjustments', { body: { ...body, reason: 'resent after a timeout' } });

    // Assess
    expect(replay.status).toBe(200);
    expect(replay.body).toMatchObject({ onHand: 7 });
    expect((await stockOf(at.sku)).items[0]).toMatchObject({ onHand: 7 });
  });

  it.each([
    ['delta', { delta: 4 }],
    ['sku', { sku: 'OTHER-SKU' }],
  ])('refuses a replay with a different %s with 409 ADJUSTMENT_REPLAYED_WITH_DIFFERENT_VALUES, changing nothing', async (_field, change) => {
    // Prepare
    const at = await shelf();
    const body = adjustment(at, 2);
    await api('POST', '/stock/adjustments', { body });
    const before = await stockOf(at.sku);

    // Act
    const replay = await api('POST', '/stock/adjustments', { body: { ...body, ...change } });

    // Assess
    expectProblem(replay, 409, 'ADJUSTMENT_REPLAYED_WITH_DIFFERENT_VALUES');
    expect(await stockOf(at.sku)).toEqual(before);
    expect((await stockOf('OTHER-SKU')).items.filter((stock: { locationId: string }) => stock.locationId === at.locationId)).toEqual([]);
    expect(await storedAdjustment(body.adjustmentId)).toMatchObject({ delta: 2, sku: at.sku });
  });

  it('refuses to remove reserved or safety-stock units with 409 INSUFFICIENT_AVAILABLE_STOCK, writing nothing', async () => {
    // Prepare: 10 on hand, 2 safety, 3 reserved → 5 can be removed
    const at = await shelf({ onHand: 10, safetyStock: 2 });
    await withInventory((inventory) => inventory.reserve(uniqueId('ord'), [{ ...at, quantity: 3 }], new Date(Date.now() + 60_000)));
    const before = await stockOf(at.sku);
    const body = adjustment(at, -6);

    // Act
    const answer = await api('POST', '/stock/adjustments', { body });

    // Assess
    expectProblem(answer, 409, 'INSUFFICIENT_AVAILABLE_STOCK');
    expect(answer.body.detail).toContain('Only 5 units');
    expect(await stockOf(at.sku)).toEqual(before);
    expect(await storedAdjustment(body.adjustmentId)).toBeUndefined();
  });

  it('removes exactly the available units', async () => {
    const at = await shelf({ onHand: 10, safetyStock: 2 });
    const answer = await api('POST', '/stock/adjustments', { body: adjustment(at, -8) });
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({ onHand: 2, safetyStock: 2, available: 0 });
  });

  it('refuses an unknown location with 422 UNKNOWN_LOCATION, writing nothing', async () => {
    // Prepare
    const sku = uniqueId('SKU');
    const body = adjustment({ sku, locationId: uniqueId('nowhere') }, 5);

    // Act
    const answer = await api('POST', '/stock/adjustments', { body });

    // Assess
    expectProblem(answer, 422, 'UNKNOWN_LOCATION');
    expect(answer.body.errors).toEqual([expect.objectContaining({ path: 'locationId', code: 'UNKNOWN_LOCATION' })]);
    expect((await stockOf(sku)).items).toEqual([]);
    expect(await storedAdjustment(body.adjustmentId)).toBeUndefined();
  });

  it.each([
    ['a zero delta', { delta: 0 }, 'delta'],
    ['a fractional delta', { delta: 1.5 }, 'delta'],
    ['an empty reason', { reason: '' }, 'reason'],
    ['no adjustmentId', { adjustmentId: undefined }, 'adjustmentId'],
    ['an unknown field', { note: 'x' }, 'note'],
  ])('refuses %s with 400, writing nothing', async (_case, change, path) => {
    // Prepare
    const at = await shelf();
    const body = { ...adjustment(at, 1), ...change };
    const before = await stockOf(at.sku);

    // Act
    const answer = await api('POST', '/stock/adjustments', { body });

    // Assess
    expectProblem(answer, 400, 'VALIDATION_FAILED');
    expect(answer.body.errors).toContainEqual(expect.objectContaining({ path }));
    expect(await stockOf(at.sku)).toEqual(before);
    if (body.adjustmentId) expect(await storedAdjustment(body.adjustmentId)).toBeUndefined();
  });
});

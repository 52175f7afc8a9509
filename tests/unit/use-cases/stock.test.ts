import { describe, expect, it } from 'vitest';
import { BusinessRuleViolation, ConflictError } from '../../../shared/domain/errors';
import { adjustStock } from '../../../shared/use-cases/adjust-stock';
import { getStock } from '../../../shared/use-cases/get-stock';
import { setStockLevel } from '../../../shared/use-cases/set-stock-level';
import { InMemoryInventoryRepository } from '../fakes/in-memory-inventory-repository';

function network() {
  const inventory = new InMemoryInventoryRepository();
  inventory.addLocation('wh-1');
  inventory.addLocation('store-1');
  return inventory;
}

const receipt = { adjustmentId: 'adj-1', sku: 'A', locationId: 'wh-1', delta: 5, reason: 'Goods receipt' };

describe('getStock', () => {
  it("answers a SKU's stock at every location, ordered by location", async () => {
    // Prepare
    const inventory = network();
    inventory.addStock('A', 'wh-1', { onHand: 10 });
    inventory.addStock('A', 'store-1', { onHand: 2 });
    inventory.addStock('B', 'wh-1', { onHand: 7 });

    // Act
    const { items } = await getStock({ sku: 'A' }, { inventory });

    // Assess
    expect(items.map((stock) => [stock.locationId, stock.onHand])).toEqual([
      ['store-1', 2],
      ['wh-1', 10],
    ]);
  });

  it('narrows to one location', async () => {
    const inventory = network();
    inventory.addStock('A', 'wh-1', { onHand: 10 });
    inventory.addStock('A', 'store-1', { onHand: 2 });
    expect((await getStock({ sku: 'A', locationId: 'store-1' }, { inventory })).items).toEqual([expect.objectContaining({ locationId: 'store-1', onHand: 2 })]);
  });

  it('answers a SKU stocked nowhere (or not at the location) with an empty list', async () => {
    const inventory = network();
    expect(await getStock({ sku: 'NEVER' }, { inventory })).toEqual({ items: [] });
    expect(await getStock({ sku: 'NEVER', locationId: 'wh-1' }, { inventory })).toEqual({ items: [] });
  });

  it('answers an unknown location with UNKNOWN_LOCATION', async () => {
    await expect(getStock({ sku: 'A', locationId: 'nowhere' }, { inventory: network() })).rejects.toMatchObject({ kind: 'invalid', code: 'UNKNOWN_LOCATION' });
  });
});

describe('adjustStock', () => {
  it('applies an adjustment once and answers the stock after it', async () => {
    // Prepare
    const inventory = network();
    inventory.addStock('A', 'wh-1', { onHand: 10, reserved: 2, safetyStock: 1 });

    // Act
    const result = await adjustStock(receipt, { inventory });

    // Assess
    expect(result).toEqual({ applied: true, stock: expect.objectContaining({ onHand: 15, reserved: 2, available: 12 }) });
  });

  it('answers a replay with the same numbers with the current stock, changing nothing', async () => {
    // Prepare
    const inventory = network();
    await adjustStock(receipt, { inventory });
    const writes = inventory.writes.length;

    // Act
    const replay = await adjustStock({ ...receipt, reason: 'resent by the WMS' }, { inventory });

    // Assess
    expect(replay).toEqual({ applied: false, stock: expect.objectContaining({ onHand: 5 }) });
    expect(inventory.writes).toHaveLength(writes);
  });

  it.each([
    ['delta', { delta: 6 }],
    ['sku', { sku: 'B' }],
    ['location', { locationId: 'store-1' }],
  ])('refuses a replay with a different %s: ADJUSTMENT_REPLAYED_WITH_DIFFERENT_VALUES', async (_field, change) => {
    // Prepare
    const inventory = network();
    await adjustStock(receipt, { inventory });
    const before = structuredClone([...inventory.stock.values()]);

    // Act
    const attempt = adjustStock({ ...receipt, ...change }, { inventory });

    // Assess
    await expect(attempt).rejects.toBeInstanceOf(ConflictError);
    await expect(attempt).rejects.toMatchObject({ code: 'ADJUSTMENT_REPLAYED_WITH_DIFFERENT_VALUES' });
    expect([...inventory.stock.values()]).toEqual(before);
  });

  it('refuses to remove reserved or safety units with INSUFFICIENT_AVAILABLE_STOCK, saying how many can go', async () => {
    // Prepare: 10 on hand, 4 reserved, 2 safety → 4 can be removed
    const inventory = network();
    const before = inventory.addStock('A', 'wh-1', { onHand: 10, reserved: 4, safetyStock: 2 });

    // Act
    const attempt = adjustStock({ ...receipt, delta: -5, reason: 'Damaged' }, { inventory });

    // Assess
    await expect(attempt).rejects.toMatchObject({
      kind: 'conflict',
      code: 'INSUFFICIENT_AVAILABLE_STOCK',
      message: expect.stringContaining('Only 4 units'),
      errors: [expect.objectContaining({ path: 'delta' })],
    });
    expect(await inventory.getStock('A', 'wh-1')).toEqual(before);
    expect(inventory.adjustments.size).toBe(0);
  });

  it('removes exactly what is available', async () => {
    const inventory = network();
    inventory.addStock('A', 'wh-1', { onHand: 10, reserved: 4, safetyStock: 2 });
    const { stock } = await adjustStock({ ...receipt, delta: -4, reason: 'Damaged' }, { inventory });
    expect(stock).toMatchObject({ onHand: 6, reserved: 4, available: 0 });
  });

  it('refuses an unknown location with UNKNOWN_LOCATION before writing anything', async () => {
    // Prepare
    const inventory = network();

    // Act
    const attempt = adjustStock({ ...receipt, locationId: 'nowhere' }, { inventory });

    // Assess
    await expect(attempt).rejects.toBeInstanceOf(BusinessRuleViolation);
    await expect(attempt).rejects.toMatchObject({ code: 'UNKNOWN_LOCATION', errors: [expect.objectContaining({ path: 'locationId' })] });
    expect(inventory.writes).toEqual([]);
    expect(inventory.adjustments.size).toBe(0);
  });
});

describe('setStockLevel', () => {
  it('sets absolute numbers from a count and keeps the reservations', async () => {
    // Prepare
    const inventory = network();
    inventory.addStock('A', 'wh-1', { onHand: 10, reserved: 3 });
    const incoming = [{ quantity: 20, expectedAt: '2025-04-01' }];

    // Act
    const stock = await setStockLevel({ sku: 'A', locationId: 'wh-1', onHand: 8, safetyStock: 1, lowStockThreshold: 2, incoming }, { inventory });

    // Assess
    expect(stock).toMatchObject({ onHand: 8, reserved: 3, safetyStock: 1, available: 4, lowStockThreshold: 2, incoming });
  });

  it('replaces: a threshold or incoming deliveries left out are gone', async () => {
    // Prepare
    const inventory = network();
    await setStockLevel({ sku: 'A', locationId: 'wh-1', onHand: 8, safetyStock: 1, lowStockThreshold: 2, incoming: [{ quantity: 1, expectedAt: '2025-04-01' }] }, { inventory });

    // Act
    const stock = await setStockLevel({ sku: 'A', locationId: 'wh-1', onHand: 8, safetyStock: 1 }, { inventory });

    // Assess
    expect(stock.incoming).toEqual([]);
    expect(stock).not.toHaveProperty('lowStockThreshold');
  });

  it('makes nothing available when a count finds fewer units than are reserved', async () => {
    const inventory = network();
    inventory.addStock('A', 'wh-1', { onHand: 10, reserved: 6 });
    const stock = await setStockLevel({ sku: 'A', locationId: 'wh-1', onHand: 4, safetyStock: 0 }, { inventory });
    expect(stock).toMatchObject({ onHand: 4, reserved: 6, available: 0 });
  });

  it('refuses an unknown location with UNKNOWN_LOCATION, writing nothing', async () => {
    const inventory = network();
    await expect(setStockLevel({ sku: 'A', locationId: 'nowhere', onHand: 1, safetyStock: 0 }, { inventory })).rejects.toMatchObject({
      code: 'UNKNOWN_LOCATION',
    });
    expect(inventory.writes).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import type { StockImportRow } from '../../../shared/contracts/inventory';
import { importStock, type StockImportCandidate } from '../../../shared/use-cases/import-stock';
import { InMemoryInventoryRepository } from '../fakes/in-memory-inventory-repository';

const ok = (line: number, row: StockImportRow): StockImportCandidate => ({ line, row });

function network() {
  const inventory = new InMemoryInventoryRepository();
  inventory.addLocation('wh-1');
  inventory.addLocation('store-1');
  return inventory;
}

describe('importStock', () => {
  it('applies every valid row and answers how many', async () => {
    // Prepare
    const inventory = network();

    // Act
    const result = await importStock({ rows: [ok(2, { sku: 'A', locationId: 'wh-1', onHand: 5 }), ok(3, { sku: 'A', locationId: 'store-1', onHand: 1, safetyStock: 1 })] }, { inventory });

    // Assess
    expect(result).toEqual({ applied: 2, rejected: [] });
    expect(await inventory.getStock('A', 'wh-1')).toMatchObject({ onHand: 5, available: 5 });
    expect(await inventory.getStock('A', 'store-1')).toMatchObject({ onHand: 1, safetyStock: 1, available: 0 });
  });

  it('keeps reservations, incoming deliveries and the settings a row leaves out', async () => {
    // Prepare
    const inventory = network();
    inventory.addStock('A', 'wh-1', { onHand: 10, reserved: 2, safetyStock: 3 });
    await inventory.initializeStock({ sku: 'A', locationId: 'wh-1', onHand: 10, safetyStock: 3, lowStockThreshold: 4, incoming: [{ quantity: 9, expectedAt: '2025-05-01' }] });

    // Act
    await importStock({ rows: [ok(0, { sku: 'A', locationId: 'wh-1', onHand: 12 })] }, { inventory });

    // Assess
    expect(await inventory.getStock('A', 'wh-1')).toMatchObject({
      onHand: 12,
      reserved: 2,
      safetyStock: 3,
      lowStockThreshold: 4,
      available: 7,
      incoming: [{ quantity: 9, expectedAt: '2025-05-01' }],
    });
  });

  it('rejects rows naming an unknown location, rows read as malformed, and both copies of a repeated shelf; applies the rest', async () => {
    // Prepare
    const inventory = network();
    const malformed = { path: 'onHand', code: 'too_small', message: 'onHand cannot be negative' };

    // Act
    const result = await importStock(
      {
        rows: [
          ok(2, { sku: 'A', locationId: 'wh-1', onHand: 5 }),
          ok(3, { sku: 'A', locationId: 'nowhere', onHand: 5 }),
          { line: 4, errors: [malformed] },
          ok(5, { sku: 'B', locationId: 'wh-1', onHand: 1 }),
          ok(7, { sku: 'B', locationId: 'wh-1', onHand: 2 }),
        ],
      },
      { inventory },
    );

    // Assess
    expect(result).toEqual({
      applied: 1,
      rejected: [
        { line: 3, errors: [{ path: 'locationId', code: 'UNKNOWN_LOCATION', message: 'no location nowhere' }] },
        { line: 4, errors: [malformed] },
        { line: 5, errors: [expect.objectContaining({ path: 'sku', code: 'DUPLICATE_ROW', message: expect.stringContaining('lines 5, 7') })] },
        { line: 7, errors: [expect.objectContaining({ code: 'DUPLICATE_ROW' })] },
      ],
    });
    expect(inventory.writes).toEqual(['recordCount A@wh-1']);
    expect(await inventory.getStock('B', 'wh-1')).toBeUndefined();
    expect(await inventory.getStock('A', 'nowhere')).toBeUndefined();
  });

  it('writes at most `concurrency` rows at a time', async () => {
    // Prepare
    const inventory = network();
    let inFlight = 0;
    let mostInFlight = 0;
    const counting = {
      listLocations: () => inventory.listLocations(),
      recordCount: async (row: StockImportRow) => {
        mostInFlight = Math.max(mostInFlight, ++inFlight);
        await new Promise((resolve) => setTimeout(resolve, 1));
        inFlight -= 1;
        return inventory.recordCount(row);
      },
    };
    const rows = Array.from({ length: 40 }, (_, i) => ok(i, { sku: `S-${i}`, locationId: 'wh-1', onHand: i }));

    // Act
    const result = await importStock({ rows }, { inventory: counting, concurrency: 5 });

    // Assess
    expect(result.applied).toBe(40);
    expect(mostInFlight).toBe(5);
  });

  it('fails as a whole when a write fails, starting no further rows (a resend is harmless: counts are absolute)', async () => {
    // Prepare
    const inventory = network();
    let started = 0;
    const failing = {
      listLocations: () => inventory.listLocations(),
      recordCount: async (row: StockImportRow) => {
        started += 1;
        if (row.sku === 'S-1') throw new Error('DynamoDB is down');
        return inventory.recordCount(row);
      },
    };
    const rows = Array.from({ length: 10 }, (_, i) => ok(i, { sku: `S-${i}`, locationId: 'wh-1', onHand: i }));

    // Act
    const attempt = importStock({ rows }, { inventory: failing, concurrency: 1 });

    // Assess
    await expect(attempt).rejects.toThrow('DynamoDB is down');
    expect(started).toBe(2);
  });
});

import { DynamoDBClient, QueryCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { localTableName, tables } from '../../../infra/definitions/tables';
import { DynamoDbInventoryRepository } from '../../../shared/adapters/dynamodb/inventory-repository';

const inventoryTableName = localTableName(tables.inventory);
let client: DynamoDBClient;
let inventory: DynamoDbInventoryRepository;
const expiresAt = () => new Date(Date.now() + 15 * 60_000);
const uniqueSku = (label: string) => `${label}-${Date.now()}-${Math.random().toString(36).slice(2, 7)}`;

beforeAll(() => {
  client = new DynamoDBClient({ endpoint: inject('dynamoDbEndpoint'), region: 'eu-central-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  inventory = new DynamoDbInventoryRepository(DynamoDBDocumentClient.from(client), inventoryTableName);
});
afterAll(() => client.destroy());

/** The reservation ledger of one SKU, read straight from the table. */
async function ledgerOf(sku: string, orderIds: string[]) {
  const records = await Promise.all(orderIds.map((orderId) => inventory.reservationsOf(orderId)));
  return records.flat().filter((record) => record.sku === sku);
}

describe('reservations against DynamoDB Local', () => {
  it('never oversells: 200 concurrent one-unit reservations of a SKU with 50 in stock → exactly 50 held', async () => {
    // Prepare
    const sku = uniqueSku('HOT');
    await inventory.initializeStock({ sku, locationId: 'wh-hot', onHand: 50, safetyStock: 0, incoming: [] });
    const orderIds = Array.from({ length: 200 }, (_, i) => `ord-hot-${sku}-${i}`);
    const observedAvailable: number[] = [];
    let racing = true;
    const watcher = (async () => {
      while (racing) {
        observedAvailable.push((await inventory.getStock(sku, 'wh-hot'))?.available ?? -1);
      }
    })();

    // Act
    const results = await Promise.all(orderIds.map((orderId) => inventory.reserve(orderId, [{ sku, locationId: 'wh-hot', quantity: 1 }], expiresAt())));
    racing = false;
    await watcher;

    // Assess: the answers, the stock record and the ledger all agree
    const stock = await inventory.getStock(sku, 'wh-hot');
    const ledger = await ledgerOf(sku, orderIds);
    expect(results.filter((result) => result.reserved)).toHaveLength(50);
    expect(results.filter((result) => !result.reserved)).toHaveLength(150);
    expect(stock).toMatchObject({ onHand: 50, reserved: 50, available: 0 });
    expect(ledger.filter((record) => record.status === 'HELD').reduce((sum, record) => sum + record.quantity, 0)).toBe(50);
    expect(Math.min(...observedAvailable)).toBeGreaterThanOrEqual(0);
  });

  it('holds all lines of an order or none, and reports the shortfall per line', async () => {
    const [a, b] = [uniqueSku('A'), uniqueSku('B')];
    await inventory.initializeStock({ sku: a, locationId: 'wh-1', onHand: 5, safetyStock: 0, incoming: [] });
    await inventory.initializeStock({ sku: b, locationId: 'wh-1', onHand: 1, safetyStock: 0, incoming: [] });

    const result = await inventory.reserve('ord-all-or-none', [
      { sku: a, locationId: 'wh-1', quantity: 2 },
      { sku: b, locationId: 'wh-1', quantity: 3 },
    ], expiresAt());

    expect(result).toEqual({ reserved: false, shortfall: { lines: [{ sku: b, locationId: 'wh-1', quantity: 3, available: 1 }] } });
    expect(await inventory.getStock(a, 'wh-1')).toMatchObject({ available: 5, reserved: 0 });
  });

  it('respects safety stock, and chunks an order of 120 lines with compensation when a late chunk is short', async () => {
    const base = uniqueSku('BULK');
    const lines = Array.from({ length: 120 }, (_, i) => ({ sku: `${base}-${i}`, locationId: 'wh-2', quantity: 1 }));
    for (const [i, line] of lines.entries()) {
      // The very last line has only safety stock: nothing available.
      await inventory.initializeStock({ sku: line.sku, locationId: 'wh-2', onHand: i === 119 ? 2 : 3, safetyStock: 2, incoming: [] });
    }

    const result = await inventory.reserve('ord-bulk', lines, expiresAt());
    const afterwards = await inventory.stockOfSkus(lines.map((line) => line.sku));

    expect(result.reserved).toBe(false);
    expect(afterwards.every((stock) => stock.reserved === 0)).toBe(true);
    expect((await inventory.reservationsOf('ord-bulk')).every((record) => record.status === 'RELEASED')).toBe(true);
  });

  it('releases and consumes exactly once, and a repeated reserve of the same lines is a no-op', async () => {
    const sku = uniqueSku('LIFE');
    await inventory.initializeStock({ sku, locationId: 'wh-3', onHand: 10, safetyStock: 1, incoming: [] });
    const line = { sku, locationId: 'wh-3', quantity: 4 };

    await inventory.reserve('ord-life-1', [line], expiresAt());
    const repeated = await inventory.reserve('ord-life-1', [line], expiresAt());
    await inventory.reserve('ord-life-2', [line], expiresAt());
    await inventory.release('ord-life-1');
    await inventory.release('ord-life-1');
    await inventory.consume('ord-life-2');
    await inventory.consume('ord-life-2');

    const { Items } = await client.send(
      new QueryCommand({ TableName: inventoryTableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': { S: 'RESERVATION#ord-life-2' } } }),
    );

    expect(repeated).toEqual({ reserved: true });
    expect(await inventory.getStock(sku, 'wh-3')).toMatchObject({ onHand: 6, reserved: 0, safetyStock: 1, available: 5 });
    expect(Items?.map((item) => item.status?.S)).toEqual(['CONSUMED']);
  });

  it('applies an adjustment once per id, refuses a replay with other numbers, and never adjusts away reserved units', async () => {
    const sku = uniqueSku('ADJ');
    await inventory.initializeStock({ sku, locationId: 'wh-4', onHand: 5, safetyStock: 0, incoming: [] });
    await inventory.reserve('ord-adj', [{ sku, locationId: 'wh-4', quantity: 4 }], expiresAt());

    const first = await inventory.adjust({ adjustmentId: `${sku}-1`, sku, locationId: 'wh-4', delta: 3, reason: 'receipt' });
    const replay = await inventory.adjust({ adjustmentId: `${sku}-1`, sku, locationId: 'wh-4', delta: 3, reason: 'receipt' });
    const different = await inventory.adjust({ adjustmentId: `${sku}-1`, sku, locationId: 'wh-4', delta: 7, reason: 'receipt' });
    const tooMuch = await inventory.adjust({ adjustmentId: `${sku}-2`, sku, locationId: 'wh-4', delta: -5, reason: 'damaged' });

    expect(first).toMatchObject({ applied: true, stock: { onHand: 8, reserved: 4, available: 4 } });
    expect(replay).toMatchObject({ applied: false, reason: 'replayed' });
    expect(different).toEqual({ applied: false, reason: 'replayed-with-different-values' });
    expect(tooMuch).toEqual({ applied: false, reason: 'would-go-below-reserved' });
    expect(await inventory.getStock(sku, 'wh-4')).toMatchObject({ onHand: 8, reserved: 4, available: 4 });
  });

  it('holds per line: lines already held are skipped, a released line can be held again, another quantity is a conflict', async () => {
    // Prepare
    const [a, b] = [uniqueSku('RE-A'), uniqueSku('RE-B')];
    await inventory.initializeStock({ sku: a, locationId: 'wh-5', onHand: 10, safetyStock: 0, incoming: [] });
    await inventory.initializeStock({ sku: b, locationId: 'wh-5', onHand: 10, safetyStock: 0, incoming: [] });
    const lineA = { sku: a, locationId: 'wh-5', quantity: 2 };
    const lineB = { sku: b, locationId: 'wh-5', quantity: 3 };
    const orderId = `ord-re-${a}`;

    // Act
    await inventory.reserve(orderId, [lineA], expiresAt());
    const widened = await inventory.reserve(orderId, [lineA, lineB], expiresAt());
    await inventory.release(orderId);
    const again = await inventory.reserve(orderId, [lineA], expiresAt());
    const otherQuantity = inventory.reserve(orderId, [{ ...lineA, quantity: 5 }], expiresAt());

    // Assess
    expect(widened).toEqual({ reserved: true });
    expect(again).toEqual({ reserved: true });
    await expect(otherQuantity).rejects.toMatchObject({ code: 'ALREADY_RESERVED' });
    expect(await inventory.getStock(a, 'wh-5')).toMatchObject({ reserved: 2, available: 8 });
    expect(await inventory.getStock(b, 'wh-5')).toMatchObject({ reserved: 0, available: 10 });
  });
});

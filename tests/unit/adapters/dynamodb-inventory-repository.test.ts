import { ConditionalCheckFailedException, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, type PutCommandInput } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { DynamoDbInventoryRepository } from '../../../shared/adapters/dynamodb/inventory-repository';
import type { Location, StockLevel } from '../../../shared/contracts/inventory';

const tableName = 'oms-inventory-test';
const at = new Date('2025-03-01T10:00:00.000Z');
const documentClientMock = mockClient(DynamoDBDocumentClient);
const repository = () =>
  new DynamoDbInventoryRepository(DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'eu-central-1' })), tableName, () => at);

const conditionFailed = () => new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} });

const location: Location = {
  id: 'wh-1',
  name: 'Warehouse 1',
  type: 'WAREHOUSE',
  coordinates: { lat: 51.3, lon: 12.4 },
  country: 'DE',
  capabilities: { ship: true, pickup: false, shipFromStore: false },
  cutoff: { time: '15:00', timeZone: 'Europe/Berlin' },
  processingDays: 0,
  workingDays: [1, 2, 3, 4, 5],
  shipmentCost: 450,
  priority: 10,
  active: true,
  version: 3,
  updatedAt: '2025-02-01T00:00:00.000Z',
};

/** A stock item as stored: keys and index keys around the level, `available` as stored. */
const storedStock = (stock: Partial<StockLevel> & { available: number }) => ({
  pk: 'STOCK#A',
  sk: 'LOCATION#wh-1',
  gsi1pk: 'LOCATION#wh-1#STOCK',
  gsi1sk: 'A',
  entity: 'Stock',
  sku: 'A',
  locationId: 'wh-1',
  onHand: 10,
  reserved: 0,
  safetyStock: 0,
  incoming: [],
  version: 4,
  updatedAt: '2025-02-01T00:00:00.000Z',
  ...stock,
});

const sentPuts = (): PutCommandInput[] => documentClientMock.commandCalls(PutCommand).map((call) => call.args[0].input);

beforeEach(() => {
  documentClientMock.reset();
});

describe('DynamoDbInventoryRepository: locations', () => {
  it('creates a location only where none exists', async () => {
    // Prepare
    documentClientMock.on(PutCommand).resolves({});

    // Act
    const result = await repository().createLocation(location);

    // Assess
    expect(result).toBe('created');
    expect(sentPuts()).toEqual([
      {
        TableName: tableName,
        Item: { pk: 'LOCATION#wh-1', sk: 'LOCATION', gsi1pk: 'LOCATIONS', gsi1sk: 'wh-1', entity: 'Location', ...location },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    ]);
  });

  it('answers exists when the id is taken', async () => {
    documentClientMock.on(PutCommand).rejects(conditionFailed());
    expect(await repository().createLocation(location)).toBe('exists');
  });

  it('replaces a location only while it is at the expected version', async () => {
    // Prepare
    documentClientMock.on(PutCommand).resolves({});

    // Act
    const result = await repository().replaceLocation({ ...location, version: 4 }, 3);

    // Assess
    expect(result).toBe('replaced');
    expect(sentPuts()[0]).toMatchObject({ ConditionExpression: 'version = :expected', ExpressionAttributeValues: { ':expected': 3 }, Item: { version: 4 } });
  });

  it('answers version-mismatch when someone else changed it first', async () => {
    documentClientMock.on(PutCommand).rejects(conditionFailed());
    expect(await repository().replaceLocation({ ...location, version: 4 }, 3)).toBe('version-mismatch');
  });

  it('lets other failures through', async () => {
    documentClientMock.on(PutCommand).rejects(new Error('throttled'));
    await expect(repository().createLocation(location)).rejects.toThrow('throttled');
  });
});

describe('DynamoDbInventoryRepository: stock', () => {
  it('reports a stored negative available (a count below the reservations) as zero', async () => {
    // Prepare
    documentClientMock.on(GetCommand).resolves({ Item: storedStock({ onHand: 3, reserved: 5, available: -2 }) });

    // Act
    const stock = await repository().getStock('A', 'wh-1');

    // Assess
    expect(stock).toEqual({
      sku: 'A',
      locationId: 'wh-1',
      onHand: 3,
      reserved: 5,
      safetyStock: 0,
      available: 0,
      incoming: [],
      version: 4,
      updatedAt: '2025-02-01T00:00:00.000Z',
    });
  });

  it('stores available exactly, so later +/− arithmetic stays right, and keeps reservations on initializeStock', async () => {
    // Prepare: 5 units reserved, the count finds 3 with 2 as safety stock
    documentClientMock.on(GetCommand).resolves({ Item: storedStock({ onHand: 10, reserved: 5, available: 5 }) });
    documentClientMock.on(PutCommand).resolves({});

    // Act
    await repository().initializeStock({ sku: 'A', locationId: 'wh-1', onHand: 3, safetyStock: 2, incoming: [] });

    // Assess
    expect(sentPuts()[0]).toMatchObject({
      Item: { onHand: 3, reserved: 5, safetyStock: 2, available: -4, version: 5, updatedAt: at.toISOString() },
      ConditionExpression: 'version = :version',
      ExpressionAttributeValues: { ':version': 4 },
    });
  });

  it('records a count keeping the settings it leaves out, the incoming deliveries and the reservations', async () => {
    // Prepare
    const incoming = [{ quantity: 20, expectedAt: '2025-03-10' }];
    documentClientMock.on(GetCommand).resolves({ Item: storedStock({ reserved: 2, safetyStock: 3, lowStockThreshold: 4, incoming, available: 5 }) });
    documentClientMock.on(PutCommand).resolves({});

    // Act
    const stock = await repository().recordCount({ sku: 'A', locationId: 'wh-1', onHand: 12 });

    // Assess
    expect(stock).toEqual({
      sku: 'A',
      locationId: 'wh-1',
      onHand: 12,
      reserved: 2,
      safetyStock: 3,
      available: 7,
      incoming,
      lowStockThreshold: 4,
      version: 5,
      updatedAt: at.toISOString(),
    });
    expect(sentPuts()[0]?.Item).toMatchObject({ ...stock, pk: 'STOCK#A', sk: 'LOCATION#wh-1', gsi1pk: 'LOCATION#wh-1#STOCK', gsi1sk: 'A' });
  });

  it('records a count of new stock with the given settings, creating the record only if it is still absent', async () => {
    // Prepare
    documentClientMock.on(GetCommand).resolves({});
    documentClientMock.on(PutCommand).resolves({});

    // Act
    const stock = await repository().recordCount({ sku: 'A', locationId: 'wh-1', onHand: 5, safetyStock: 1, lowStockThreshold: 2 });

    // Assess
    expect(stock).toMatchObject({ onHand: 5, reserved: 0, safetyStock: 1, available: 4, incoming: [], lowStockThreshold: 2, version: 1 });
    expect(sentPuts()[0]?.ConditionExpression).toBe('attribute_not_exists(pk)');
  });

  it('reads again and retries when the stock changed between its read and its write', async () => {
    // Prepare: a reservation lands in between
    documentClientMock
      .on(GetCommand)
      .resolvesOnce({ Item: storedStock({ available: 10 }) })
      .resolves({ Item: storedStock({ reserved: 1, available: 9, version: 5 }) });
    documentClientMock.on(PutCommand).rejectsOnce(conditionFailed()).resolves({});

    // Act
    const stock = await repository().recordCount({ sku: 'A', locationId: 'wh-1', onHand: 8 });

    // Assess
    expect(stock).toMatchObject({ onHand: 8, reserved: 1, available: 7, version: 6 });
    expect(sentPuts()).toHaveLength(2);
  });

  it('reads every page of a SKU\'s stock', async () => {
    // Prepare
    documentClientMock
      .on(QueryCommand)
      .resolvesOnce({ Items: [storedStock({ locationId: 'wh-1', available: 1 })], LastEvaluatedKey: { pk: 'STOCK#A', sk: 'LOCATION#wh-1' } })
      .resolves({ Items: [storedStock({ locationId: 'wh-2', available: 2 })] });

    // Act
    const stock = await repository().stockOfSkus(['A']);

    // Assess
    expect(stock.map((level) => level.locationId)).toEqual(['wh-1', 'wh-2']);
    expect(documentClientMock.commandCalls(QueryCommand)[1]?.args[0].input.ExclusiveStartKey).toEqual({ pk: 'STOCK#A', sk: 'LOCATION#wh-1' });
  });
});

import { DynamoDBClient, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand, TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { holdExpiryShardOf, holdExpiryShards } from '../../../shared/adapters/dynamodb/inventory-keys';
import { DynamoDbInventoryRepository } from '../../../shared/adapters/dynamodb/inventory-repository';
import type { ReservationRecord } from '../../../shared/ports/inventory-repository';

const tableName = 'oms-inventory-test';
const at = new Date('2026-11-23T10:00:00.000Z');
const documentClientMock = mockClient(DynamoDBDocumentClient);
const repository = () =>
  new DynamoDbInventoryRepository(DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'eu-central-1' })), tableName, () => at);

/** A ledger line as stored while HELD: keys, index keys, then the record. */
const storedLine = (record: Partial<ReservationRecord> & { orderId: string; sku: string }) => {
  const line: ReservationRecord = {
    locationId: 'wh-1',
    quantity: 2,
    status: 'HELD',
    createdAt: '2026-11-20T10:00:00.000Z',
    updatedAt: '2026-11-20T10:00:00.000Z',
    expiresAt: '2026-11-23T09:00:00.000Z',
    ...record,
  };
  return {
    pk: `RESERVATION#${line.orderId}`,
    sk: `${line.sku}#${line.locationId}`,
    entity: 'Reservation',
    ...(line.status === 'HELD' && { gsi2pk: `HOLDS#${String(holdExpiryShardOf(line.orderId)).padStart(2, '0')}`, gsi2sk: line.expiresAt }),
    ...line,
  };
};

/** The cancellation DynamoDB answers when the items at `failed` positions broke their condition. */
const cancelled = (size: number, failed: number[]) =>
  new TransactionCanceledException({
    message: 'Transaction cancelled',
    $metadata: {},
    CancellationReasons: Array.from({ length: size }, (_, index) => ({ Code: failed.includes(index) ? 'ConditionalCheckFailed' : 'None' })),
  });

const transactions = (): TransactWriteCommandInput[] => documentClientMock.commandCalls(TransactWriteCommand).map((call) => call.args[0].input);

beforeEach(() => {
  documentClientMock.reset();
});

describe('DynamoDbInventoryRepository: the sparse index of open holds', () => {
  it('puts a held line into the index under its order\'s shard, sorted by expiry', async () => {
    // Prepare
    documentClientMock.on(QueryCommand).resolves({ Items: [] });
    documentClientMock.on(TransactWriteCommand).resolves({});
    const expiresAt = new Date('2026-11-30T10:00:00.000Z');

    // Act
    await repository().reserve('ord-1', [{ sku: 'A', locationId: 'wh-1', quantity: 2 }, { sku: 'B', locationId: 'wh-1', quantity: 1 }], expiresAt);

    // Assess
    const puts = (transactions()[0]?.TransactItems ?? []).flatMap((item) => (item.Put ? [item.Put.Item] : []));
    const shard = `HOLDS#${String(holdExpiryShardOf('ord-1')).padStart(2, '0')}`;
    expect(puts).toEqual([
      expect.objectContaining({ sku: 'A', status: 'HELD', gsi2pk: shard, gsi2sk: '2026-11-30T10:00:00.000Z' }),
      expect.objectContaining({ sku: 'B', status: 'HELD', gsi2pk: shard, gsi2sk: '2026-11-30T10:00:00.000Z' }),
    ]);
  });

  it('spreads orders over every shard', () => {
    // Act
    const shards = new Set(Array.from({ length: 2_000 }, (_, index) => holdExpiryShardOf(`ord_01JD${index.toString(36).padStart(6, '0')}`)));

    // Assess
    expect(shards.size).toBe(holdExpiryShards);
  });

  it('takes a settled line out of the index', async () => {
    // Prepare
    documentClientMock.on(QueryCommand).resolves({ Items: [storedLine({ orderId: 'ord-1', sku: 'A' })] });
    documentClientMock.on(TransactWriteCommand).resolves({});

    // Act
    await repository().release('ord-1');

    // Assess
    const ledgerUpdate = transactions()[0]?.TransactItems?.[1]?.Update;
    expect(ledgerUpdate?.UpdateExpression).toBe('SET #status = :status, updatedAt = :at REMOVE gsi2pk, gsi2sk');
    expect(ledgerUpdate?.ConditionExpression).toBe('#status = :held');
  });

  it('asks every shard for holds expired by now, answers the HELD ones oldest first, without storage attributes', async () => {
    // Prepare: one shard answers two lines (one already settled, the index lagging), another one line
    documentClientMock.on(QueryCommand).resolves({ Items: [] });
    documentClientMock
      .on(QueryCommand, { ExpressionAttributeValues: { ':shard': 'HOLDS#03', ':asOf': at.toISOString() } })
      .resolves({
        Items: [
          storedLine({ orderId: 'ord-late', sku: 'A', expiresAt: '2026-11-23T09:30:00.000Z' }),
          { ...storedLine({ orderId: 'ord-gone', sku: 'A' }), status: 'CONSUMED' },
        ],
      });
    documentClientMock
      .on(QueryCommand, { ExpressionAttributeValues: { ':shard': 'HOLDS#11', ':asOf': at.toISOString() } })
      .resolves({ Items: [storedLine({ orderId: 'ord-early', sku: 'B', expiresAt: '2026-11-23T08:00:00.000Z' })] });

    // Act
    const expired = await repository().expiredHolds(at, 100);

    // Assess
    const queries = documentClientMock.commandCalls(QueryCommand).map((call) => call.args[0].input);
    expect(queries).toHaveLength(holdExpiryShards);
    expect(queries.every((query) => query.IndexName === 'byHoldExpiry' && query.KeyConditionExpression === 'gsi2pk = :shard AND gsi2sk <= :asOf')).toBe(true);
    expect(expired.map((hold) => hold.orderId)).toEqual(['ord-early', 'ord-late']);
    expect(expired[0]).toEqual({
      orderId: 'ord-early',
      sku: 'B',
      locationId: 'wh-1',
      quantity: 2,
      status: 'HELD',
      createdAt: '2026-11-20T10:00:00.000Z',
      updatedAt: '2026-11-20T10:00:00.000Z',
      expiresAt: '2026-11-23T08:00:00.000Z',
    });
  });
});

describe('DynamoDbInventoryRepository: releasing an expired hold', () => {
  const hold: ReservationRecord = {
    orderId: 'ord-1',
    sku: 'A',
    locationId: 'wh-1',
    quantity: 2,
    status: 'HELD',
    createdAt: '2026-11-20T10:00:00.000Z',
    updatedAt: '2026-11-20T10:00:00.000Z',
    expiresAt: '2026-11-23T09:00:00.000Z',
  };

  it('gives the units back and releases the line only if it is still that hold, held and expired', async () => {
    // Prepare
    documentClientMock.on(TransactWriteCommand).resolves({});

    // Act
    const released = await repository().releaseExpiredHold(hold, at);

    // Assess
    const [stockUpdate, ledgerUpdate] = transactions()[0]?.TransactItems ?? [];
    expect(released).toBe(true);
    expect(stockUpdate?.Update).toMatchObject({
      Key: { pk: 'STOCK#A', sk: 'LOCATION#wh-1' },
      UpdateExpression: 'SET available = available + :quantity, reserved = reserved - :quantity, version = version + :one, updatedAt = :at',
      ExpressionAttributeValues: { ':quantity': 2 },
    });
    expect(ledgerUpdate?.Update).toMatchObject({
      Key: { pk: 'RESERVATION#ord-1', sk: 'A#wh-1' },
      UpdateExpression: 'SET #status = :status, updatedAt = :at REMOVE gsi2pk, gsi2sk',
      ConditionExpression: '#status = :held AND #quantity = :quantity AND #expiresAt = :expiresAt AND #expiresAt <= :asOf',
      ExpressionAttributeValues: { ':status': 'RELEASED', ':quantity': 2, ':expiresAt': hold.expiresAt, ':asOf': at.toISOString() },
    });
  });

  it('answers false, having changed nothing, when the line was settled or held again first', async () => {
    // Prepare
    documentClientMock.on(TransactWriteCommand).rejects(cancelled(2, [1]));

    // Act
    const released = await repository().releaseExpiredHold(hold, at);

    // Assess
    expect(released).toBe(false);
  });

  it('does not touch a hold that has not expired yet', async () => {
    // Act
    const released = await repository().releaseExpiredHold({ ...hold, expiresAt: '2026-11-23T10:00:00.001Z' }, at);

    // Assess
    expect(released).toBe(false);
    expect(transactions()).toHaveLength(0);
  });
});

describe('DynamoDbInventoryRepository: settling against another settler', () => {
  it('reads the ledger again after losing a line, and settles only what is still held', async () => {
    // Prepare: A and B are held; the sweeper releases A between the read and the write
    documentClientMock
      .on(QueryCommand)
      .resolvesOnce({ Items: [storedLine({ orderId: 'ord-1', sku: 'A' }), storedLine({ orderId: 'ord-1', sku: 'B' })] })
      .resolves({ Items: [{ ...storedLine({ orderId: 'ord-1', sku: 'A' }), status: 'RELEASED' }, storedLine({ orderId: 'ord-1', sku: 'B' })] });
    documentClientMock.on(TransactWriteCommand).rejectsOnce(cancelled(4, [1])).resolves({});

    // Act
    const consumed = await repository().consume('ord-1');

    // Assess
    expect(consumed.map((line) => `${line.sku} ${line.status}`)).toEqual(['B CONSUMED']);
    expect(transactions()).toHaveLength(2);
    expect(transactions()[1]?.TransactItems?.map((item) => item.Update?.Key)).toEqual([
      { pk: 'STOCK#B', sk: 'LOCATION#wh-1' },
      { pk: 'RESERVATION#ord-1', sk: 'B#wh-1' },
    ]);
  });
});

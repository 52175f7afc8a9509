/**
 * The index backfill on DynamoDB Local, on a table of its own (no stream consumer, so the orders
 * written here start no lifecycle): orders stored before byPlacedMonth existed get its keys and so
 * join the cross-channel list; an order already keyed, or changed meanwhile, is left alone.
 */
import { randomBytes } from 'node:crypto';
import { CreateTableCommand, DeleteTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { backfillOrderIndexKeys } from '../../../shared/adapters/dynamodb/order-index-backfill';
import { orderIndexKeys, orderKey } from '../../../shared/adapters/dynamodb/order-keys';
import { DynamoDbOrderOpsQueues } from '../../../shared/adapters/dynamodb/order-ops-queues';
import { tables } from '../../../infra/definitions/tables';
import { toCreateTableInput } from '../../../infra/local/create-tables';
import { placedOrder } from '../../unit/fixtures/orders';

const client = new DynamoDBClient({ endpoint: inject('dynamoDbEndpoint'), region: 'eu-central-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
const documents = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
const tableName = `backfill-${randomBytes(4).toString('hex')}`;

beforeAll(async () => {
  await client.send(new CreateTableCommand(toCreateTableInput(tables.orders, tableName)));
});
afterAll(async () => {
  await client.send(new DeleteTableCommand({ TableName: tableName }));
  client.destroy();
});

/** An order item as an earlier version wrote it: the index keys of its time only (no gsi5). */
const legacyItem = (orderId: string, placedAt: string) => {
  const order = { ...placedOrder({ orderId, placedAt }), status: 'COMPLETED' as const };
  const { gsi5pk: _pk, gsi5sk: _sk, ...olderKeys } = orderIndexKeys(order);
  return { ...orderKey(orderId), ...olderKeys, entity: 'Order', requestFingerprint: 'fp', ...order };
};

describe('backfillOrderIndexKeys (DynamoDB Local)', () => {
  it('gives orders written before byPlacedMonth its keys, so they are listed across channels, and is a no-op the second time', async () => {
    // Prepare
    await documents.send(new PutCommand({ TableName: tableName, Item: legacyItem('ord_legacy_1', '2026-01-05T10:00:00.000Z') }));
    await documents.send(new PutCommand({ TableName: tableName, Item: legacyItem('ord_legacy_2', '2026-02-07T10:00:00.000Z') }));
    await documents.send(new PutCommand({ TableName: tableName, Item: { pk: 'CHANNEL#demo-web', sk: 'CHANNEL', entity: 'Channel' } }));
    const queues = new DynamoDbOrderOpsQueues(documents, tableName);
    const window = { placedFrom: '2026-01-01T00:00:00.000Z', placedTo: '2026-03-01T00:00:00.000Z', limit: 10 };
    const before = await queues.placedOrders(window);

    // Act
    const first = await backfillOrderIndexKeys(documents, tableName);
    const second = await backfillOrderIndexKeys(documents, tableName);

    // Assess
    expect(before.orders).toEqual([]);
    expect(first).toEqual({ orders: 2, updated: 2, changedMeanwhile: 0 });
    expect(second).toEqual({ orders: 2, updated: 0, changedMeanwhile: 0 });
    expect((await queues.placedOrders(window)).orders.map((entry) => entry.orderId)).toEqual(['ord_legacy_2', 'ord_legacy_1']);
    const { Item } = await documents.send(new GetCommand({ TableName: tableName, Key: orderKey('ord_legacy_1') }));
    expect(Item).toMatchObject({ status: 'COMPLETED', version: 1, gsi5sk: '2026-01-05T10:00:00.000Z#ord_legacy_1' });
  });
});

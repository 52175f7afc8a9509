import { ConditionalCheckFailedException, DynamoDBClient, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { orderAttributes } from '../../../shared/adapters/dynamodb/order-item';
import { opsQueueKeys, opsQueueShardOf } from '../../../shared/adapters/dynamodb/order-keys';
import { DynamoDbOrderRepository } from '../../../shared/adapters/dynamodb/order-repository';
import type { Order } from '../../../shared/contracts/order';
import { InvalidRequestError } from '../../../shared/domain/errors';
import type { OrderPageQuery } from '../../../shared/ports/order-repository';
import { placedOrder } from '../fixtures/orders';

const tableName = 'oms-orders-test';
const channelId = 'demo-web';
const documentClientMock = mockClient(DynamoDBDocumentClient);
const repository = () =>
  new DynamoDbOrderRepository(DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'eu-central-1' })), tableName);

/** The order as the adapter stores it: storage attributes around the order's own fields. */
/** What a keys-only index returns for a stored order: its table and index keys. */
function indexEntry(item: Record<string, unknown>) {
  return Object.fromEntries(Object.entries(item).filter(([name]) => name === 'pk' || name === 'sk' || name.startsWith('gsi')));
}

function storedItem(order: Order, requestFingerprint = 'fingerprint-1') {
  const sortKey = `${order.placedAt}#${order.id}`;
  return {
    pk: `ORDER#${order.id}`,
    sk: 'ORDER',
    gsi1pk: `CHANNEL#${order.channelId}#STATUS#${order.status}`,
    gsi1sk: sortKey,
    gsi2pk: `CHANNEL#${order.channelId}#CUSTOMER#${order.customer.id}`,
    gsi2sk: sortKey,
    gsi3pk: `CHANNEL#${order.channelId}`,
    gsi3sk: sortKey,
    // Every channel's orders by placing month, sharded like the ops queues.
    gsi5pk: `PLACED#${order.placedAt.slice(0, 7)}#${opsQueueShardOf(order.id)}`,
    gsi5sk: sortKey,
    ...opsQueueKeys(order),
    entity: 'Order',
    requestFingerprint,
    // The plain fields and the gzipped body (order-item.ts).
    ...orderAttributes(order),
  };
}

const cancelled = (...codes: string[]) =>
  new TransactionCanceledException({
    message: `Transaction cancelled, please refer cancellation reasons for specific reasons [${codes.join(', ')}]`,
    $metadata: {},
    CancellationReasons: codes.map((Code) => ({ Code })),
  });

const encodeCursor = (key: unknown) => Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
const decodeCursor = (cursor: string) => JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;

function sentQueries(): QueryCommandInput[] {
  return documentClientMock.commandCalls(QueryCommand).map((call) => call.args[0].input);
}

function onlyQuery(): QueryCommandInput {
  const queries = sentQueries();
  expect(queries).toHaveLength(1);
  return queries[0] as QueryCommandInput;
}

const pageQuery = (query: Partial<OrderPageQuery> = {}): OrderPageQuery => ({ channelId, limit: 25, ...query });

beforeEach(() => {
  documentClientMock.reset();
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe('DynamoDbOrderRepository.insert', () => {
  it('writes the order and its channel-ref guard in one transaction, both only if absent', async () => {
    // Prepare
    documentClientMock.on(TransactWriteCommand).resolves({});
    const order = placedOrder({ orderId: 'ord_1' });

    // Act
    const result = await repository().insert({ order, requestFingerprint: 'fingerprint-1' });

    // Assess
    expect(result).toEqual({ inserted: true });
    const writes = documentClientMock.commandCalls(TransactWriteCommand);
    expect(writes).toHaveLength(1);
    expect(writes[0]?.args[0].input).toEqual({
      TransactItems: [
        {
          Put: {
            TableName: tableName,
            Item: storedItem(order),
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        {
          Put: {
            TableName: tableName,
            Item: { pk: 'CHANNELREF#demo-web#WEB-100234', sk: 'CHANNELREF', entity: 'ChannelOrderRef', orderId: 'ord_1' },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
      ],
    });
  });

  it('reports a failed guard condition (item 1) as channel-order-ref-taken instead of throwing', async () => {
    // Prepare
    documentClientMock.on(TransactWriteCommand).rejects(cancelled('None', 'ConditionalCheckFailed'));

    // Act
    const result = await repository().insert({ order: placedOrder(), requestFingerprint: 'fingerprint-1' });

    // Assess
    expect(result).toEqual({ inserted: false, reason: 'channel-order-ref-taken' });
    expect(documentClientMock.commandCalls(TransactWriteCommand)).toHaveLength(1);
  });

  it('retries a TransactionConflict and succeeds once the race is over', async () => {
    // Prepare: no jitter, so the retries do not wait
    vi.spyOn(Math, 'random').mockReturnValue(0);
    documentClientMock
      .on(TransactWriteCommand)
      .rejectsOnce(cancelled('TransactionConflict', 'None'))
      .rejectsOnce(cancelled('None', 'TransactionConflict'))
      .resolves({});

    // Act
    const result = await repository().insert({ order: placedOrder(), requestFingerprint: 'fingerprint-1' });

    // Assess
    expect(result).toEqual({ inserted: true });
    expect(documentClientMock.commandCalls(TransactWriteCommand)).toHaveLength(3);
  });

  it('gives up after 8 attempts when the conflict persists, and rethrows it', async () => {
    // Prepare
    vi.spyOn(Math, 'random').mockReturnValue(0);
    const conflict = cancelled('TransactionConflict', 'None');
    documentClientMock.on(TransactWriteCommand).rejects(conflict);

    // Act
    const attempt = repository().insert({ order: placedOrder(), requestFingerprint: 'fingerprint-1' });

    // Assess
    await expect(attempt).rejects.toBe(conflict);
    expect(documentClientMock.commandCalls(TransactWriteCommand)).toHaveLength(8);
  });

  it('propagates a failed condition on the order item itself (an order id collision)', async () => {
    // Prepare
    documentClientMock.on(TransactWriteCommand).rejects(cancelled('ConditionalCheckFailed', 'None'));

    // Act
    const attempt = repository().insert({ order: placedOrder(), requestFingerprint: 'fingerprint-1' });

    // Assess
    await expect(attempt).rejects.toBeInstanceOf(TransactionCanceledException);
  });

  it('propagates any other error without retrying', async () => {
    // Prepare
    documentClientMock.on(TransactWriteCommand).rejects(new Error('ProvisionedThroughputExceeded'));

    // Act
    const attempt = repository().insert({ order: placedOrder(), requestFingerprint: 'fingerprint-1' });

    // Assess
    await expect(attempt).rejects.toThrow('ProvisionedThroughputExceeded');
    expect(documentClientMock.commandCalls(TransactWriteCommand)).toHaveLength(1);
  });
});

describe('DynamoDbOrderRepository.get', () => {
  it('reads the order item with a consistent read and strips every storage attribute', async () => {
    // Prepare
    const order = placedOrder({ orderId: 'ord_1' });
    documentClientMock.on(GetCommand).resolves({ Item: storedItem(order, 'fingerprint-7') });

    // Act
    const stored = await repository().get('ord_1');

    // Assess
    expect(stored).toEqual({ order, requestFingerprint: 'fingerprint-7' });
    for (const attribute of ['pk', 'sk', 'entity', 'requestFingerprint', 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk', 'gsi3pk', 'gsi3sk', 'gsi4pk', 'gsi4sk', 'gsi5pk', 'gsi5sk']) {
      expect(stored?.order).not.toHaveProperty(attribute);
    }
    expect(documentClientMock.commandCalls(GetCommand)[0]?.args[0].input).toEqual({
      TableName: tableName,
      Key: { pk: 'ORDER#ord_1', sk: 'ORDER' },
      ConsistentRead: true,
    });
  });

  it('returns undefined when there is no item', async () => {
    // Prepare
    documentClientMock.on(GetCommand).resolves({});

    // Act
    const stored = await repository().get('ord_missing');

    // Assess
    expect(stored).toBeUndefined();
  });

  it('returns undefined for an item that is not an order', async () => {
    // Prepare
    documentClientMock.on(GetCommand).resolves({ Item: { pk: 'ORDER#ord_1', sk: 'ORDER', entity: 'ChannelOrderRef' } });

    // Act
    const stored = await repository().get('ord_1');

    // Assess
    expect(stored).toBeUndefined();
  });
});

describe('DynamoDbOrderRepository.findByChannelOrderRef', () => {
  it('follows the guard item to its order, both with consistent reads', async () => {
    // Prepare
    const order = placedOrder({ orderId: 'ord_9' });
    documentClientMock
      .on(GetCommand, { Key: { pk: 'CHANNELREF#demo-web#WEB-100234', sk: 'CHANNELREF' } })
      .resolves({ Item: { pk: 'CHANNELREF#demo-web#WEB-100234', sk: 'CHANNELREF', entity: 'ChannelOrderRef', orderId: 'ord_9' } })
      .on(GetCommand, { Key: { pk: 'ORDER#ord_9', sk: 'ORDER' } })
      .resolves({ Item: storedItem(order) });

    // Act
    const stored = await repository().findByChannelOrderRef('demo-web', 'WEB-100234');

    // Assess
    expect(stored).toEqual({ order, requestFingerprint: 'fingerprint-1' });
    expect(documentClientMock.commandCalls(GetCommand).map((call) => call.args[0].input.ConsistentRead)).toEqual([true, true]);
  });

  it('returns undefined without reading an order when the reference is free', async () => {
    // Prepare
    documentClientMock.on(GetCommand).resolves({});

    // Act
    const stored = await repository().findByChannelOrderRef('demo-web', 'WEB-FREE');

    // Assess
    expect(stored).toBeUndefined();
    expect(documentClientMock.commandCalls(GetCommand)).toHaveLength(1);
  });
});

describe('DynamoDbOrderRepository.update', () => {
  it('writes the new version only if the stored one is still the expected one, and removes fields the order no longer has', async () => {
    // Prepare: the order as a step changed it: version 4, no payment action any more, status moved on
    documentClientMock.on(UpdateCommand).resolves({});
    const order = { ...placedOrder({ orderId: 'ord_1' }), status: 'PAYMENT_AUTHORIZED' as const, version: 4 };

    // Act
    const updated = await repository().update(order, 3);

    // Assess
    expect(updated).toBe(true);
    const input = documentClientMock.commandCalls(UpdateCommand)[0]?.args[0].input;
    const names = input?.ExpressionAttributeNames ?? {};
    const nameOf = (attribute: string) => Object.entries(names).find(([, name]) => name === attribute)?.[0];
    expect(input?.ConditionExpression).toBe('#version = :expected');
    expect(input?.ExpressionAttributeValues?.[':expected']).toBe(3);
    expect(input?.UpdateExpression).toMatch(new RegExp(`REMOVE .*${nameOf('paymentAction')}`));
    expect(input?.UpdateExpression).not.toMatch(new RegExp(`REMOVE .*${nameOf('status')}\\b`));
    expect(Object.values(input?.ExpressionAttributeValues ?? {})).toContain('CHANNEL#demo-web#STATUS#PAYMENT_AUTHORIZED');
  });

  it('keeps an open order in its status’s ops queue shard, by its last change', async () => {
    // Prepare
    documentClientMock.on(UpdateCommand).resolves({});
    const order = { ...placedOrder({ orderId: 'ord_1' }), status: 'IN_FULFILMENT' as const, version: 4, updatedAt: '2025-03-02T08:00:00.000Z' };

    // Act
    await repository().update(order, 3);

    // Assess
    const values = Object.values(documentClientMock.commandCalls(UpdateCommand)[0]?.args[0].input.ExpressionAttributeValues ?? {});
    expect(values).toContain(`OPEN#IN_FULFILMENT#${opsQueueShardOf('ord_1')}`);
    expect(values).toContain('2025-03-02T08:00:00.000Z#ord_1');
  });

  it('takes a closed order out of the ops queues (removes the sparse index keys), unless it is escalated', async () => {
    // Prepare
    documentClientMock.on(UpdateCommand).resolves({});
    const completed = { ...placedOrder({ orderId: 'ord_1' }), status: 'COMPLETED' as const, version: 9 };
    const escalation = { by: 'cs-agent-7', reason: 'customer called twice', at: '2025-03-03T09:00:00.000Z' };

    // Act
    await repository().update(completed, 8);
    await repository().update({ ...completed, escalation, version: 10 }, 9);

    // Assess
    const [closed, escalated] = documentClientMock.commandCalls(UpdateCommand).map((call) => call.args[0].input);
    const removedOf = (input: typeof closed) =>
      (input?.UpdateExpression?.split(' REMOVE ')[1] ?? '').split(', ').map((placeholder) => input?.ExpressionAttributeNames?.[placeholder]);
    expect(removedOf(closed)).toEqual(expect.arrayContaining(['gsi4pk', 'gsi4sk', 'escalation']));
    expect(removedOf(escalated)).not.toContain('gsi4pk');
    expect(Object.values(escalated?.ExpressionAttributeValues ?? {})).toEqual(expect.arrayContaining(['ESCALATED', '2025-03-03T09:00:00.000Z#ord_1']));
  });

  it('answers false, changing nothing, when another writer changed the order first', async () => {
    documentClientMock.on(UpdateCommand).rejects(new ConditionalCheckFailedException({ message: 'changed', $metadata: {} }));

    const updated = await repository().update(placedOrder({ orderId: 'ord_1' }), 1);

    expect(updated).toBe(false);
  });
});

describe('DynamoDbOrderRepository.list', () => {
  it('queries byChannelPlacedAt newest first when neither customer nor status is given', async () => {
    // Prepare
    documentClientMock.on(QueryCommand).resolves({ Items: [] });

    // Act
    await repository().list(pageQuery({ limit: 10 }));

    // Assess
    expect(onlyQuery()).toEqual({
      TableName: tableName,
      IndexName: 'byChannelPlacedAt',
      KeyConditionExpression: '#pk = :pk',
      ExpressionAttributeNames: { '#pk': 'gsi3pk' },
      ExpressionAttributeValues: { ':pk': 'CHANNEL#demo-web' },
      ScanIndexForward: false,
      Limit: 10,
      ExclusiveStartKey: undefined,
    });
  });

  it('queries byChannelStatus for a status filter alone', async () => {
    // Prepare
    documentClientMock.on(QueryCommand).resolves({ Items: [] });

    // Act
    await repository().list(pageQuery({ status: 'SHIPPED' }));

    // Assess
    const query = onlyQuery();
    expect(query).toMatchObject({
      IndexName: 'byChannelStatus',
      ExpressionAttributeNames: { '#pk': 'gsi1pk' },
      ExpressionAttributeValues: { ':pk': 'CHANNEL#demo-web#STATUS#SHIPPED' },
      ScanIndexForward: false,
    });
    expect(query.FilterExpression).toBeUndefined();
  });

  it('queries byChannelCustomer for a customer, without a filter when no status is given', async () => {
    // Prepare
    documentClientMock.on(QueryCommand).resolves({ Items: [] });

    // Act
    await repository().list(pageQuery({ customerId: 'cust-42' }));

    // Assess
    const query = onlyQuery();
    expect(query).toMatchObject({
      IndexName: 'byChannelCustomer',
      ExpressionAttributeNames: { '#pk': 'gsi2pk' },
      ExpressionAttributeValues: { ':pk': 'CHANNEL#demo-web#CUSTOMER#cust-42' },
      ScanIndexForward: false,
    });
    expect(query.FilterExpression).toBeUndefined();
  });

  it('queries byChannelCustomer with a status FilterExpression when both customer and status are given', async () => {
    // Prepare
    documentClientMock.on(QueryCommand).resolves({ Items: [] });

    // Act
    await repository().list(pageQuery({ customerId: 'cust-42', status: 'PLACED' }));

    // Assess
    expect(onlyQuery()).toMatchObject({
      IndexName: 'byChannelCustomer',
      FilterExpression: '#status = :status',
      ExpressionAttributeNames: { '#pk': 'gsi2pk', '#status': 'status' },
      ExpressionAttributeValues: { ':pk': 'CHANNEL#demo-web#CUSTOMER#cust-42', ':status': 'PLACED' },
      ScanIndexForward: false,
    });
  });

  it.each([
    [
      'both bounds → BETWEEN',
      { placedFrom: '2025-03-01T12:00:00+02:00', placedTo: '2025-03-02T00:00:00Z' },
      '#pk = :pk AND #sk BETWEEN :from AND :to',
      { ':from': '2025-03-01T10:00:00.000Z', ':to': '2025-03-02T00:00:00.000Z' },
    ],
    ['placedFrom only → >=', { placedFrom: '2025-03-01T10:00:00.5Z' }, '#pk = :pk AND #sk >= :from', { ':from': '2025-03-01T10:00:00.500Z' }],
    ['placedTo only → <', { placedTo: '2025-03-01T23:30:00-01:00' }, '#pk = :pk AND #sk < :to', { ':to': '2025-03-02T00:30:00.000Z' }],
  ])('bounds the index sort key with toISOString() instants: %s', async (_case, bounds, keyCondition, boundValues) => {
    // Prepare
    documentClientMock.on(QueryCommand).resolves({ Items: [] });

    // Act
    await repository().list(pageQuery({ status: 'PLACED', ...bounds }));

    // Assess
    const query = onlyQuery();
    expect(query.KeyConditionExpression).toBe(keyCondition);
    expect(query.ExpressionAttributeNames).toEqual({ '#pk': 'gsi1pk', '#sk': 'gsi1sk' });
    expect(query.ExpressionAttributeValues).toEqual({ ':pk': 'CHANNEL#demo-web#STATUS#PLACED', ...boundValues });
  });

  it('returns the orders without storage attributes and no nextCursor when DynamoDB returned no LastEvaluatedKey', async () => {
    // Prepare
    const orders = [placedOrder({ orderId: 'ord_2' }), placedOrder({ orderId: 'ord_1' })];
    documentClientMock.on(QueryCommand).resolves({ Items: orders.map((order) => indexEntry(storedItem(order))) });
    documentClientMock.on(BatchGetCommand).resolves({ Responses: { [tableName]: [...orders].reverse().map((order) => storedItem(order)) } });

    // Act
    const page = await repository().list(pageQuery({ limit: 2 }));

    // Assess
    expect(page).toEqual({ orders });
    expect(Object.keys(page)).toEqual(['orders']);
  });

  it('returns a base64url JSON nextCursor holding the last item key when DynamoDB returned a LastEvaluatedKey', async () => {
    // Prepare
    const orders = [placedOrder({ orderId: 'ord_2' }), placedOrder({ orderId: 'ord_1' })];
    const items = orders.map((order) => storedItem(order));
    documentClientMock.on(QueryCommand).resolves({ Items: items.map(indexEntry), LastEvaluatedKey: { pk: 'ORDER#ord_1' } });
    documentClientMock.on(BatchGetCommand).resolves({ Responses: { [tableName]: items } });

    // Act
    const page = await repository().list(pageQuery({ limit: 2 }));

    // Assess
    expect(page.orders).toEqual(orders);
    expect(page.nextCursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(page.nextCursor ?? '')).toEqual({
      pk: 'ORDER#ord_1',
      sk: 'ORDER',
      gsi3pk: 'CHANNEL#demo-web',
      gsi3sk: items[1]?.gsi3sk,
    });
  });

  it('resumes from a cursor it issued, as the ExclusiveStartKey', async () => {
    // Prepare
    const key = { pk: 'ORDER#ord_1', sk: 'ORDER', gsi3pk: 'CHANNEL#demo-web', gsi3sk: '2025-03-01T10:00:00.000Z#ord_1' };
    documentClientMock.on(QueryCommand).resolves({ Items: [] });

    // Act
    await repository().list(pageQuery({ cursor: encodeCursor(key) }));

    // Assess
    expect(onlyQuery().ExclusiveStartKey).toEqual(key);
  });

  it('keeps querying to fill a page that the status filter left short, and stops at the limit', async () => {
    // Prepare
    const first = storedItem(placedOrder({ orderId: 'ord_3' }));
    const second = storedItem(placedOrder({ orderId: 'ord_2' }));
    documentClientMock
      .on(QueryCommand)
      .resolvesOnce({ Items: [indexEntry(first)], LastEvaluatedKey: { pk: 'ORDER#ord_x' } })
      .resolvesOnce({ Items: [indexEntry(second)], LastEvaluatedKey: { pk: 'ORDER#ord_2' } });
    documentClientMock.on(BatchGetCommand).resolves({ Responses: { [tableName]: [first, second] } });

    // Act
    const page = await repository().list(pageQuery({ customerId: 'cust-42', status: 'PLACED', limit: 2 }));

    // Assess
    expect(page.orders.map((order) => order.id)).toEqual(['ord_3', 'ord_2']);
    const queries = sentQueries();
    expect(queries.map((query) => query.Limit)).toEqual([2, 1]);
    expect(queries[1]?.ExclusiveStartKey).toEqual({ pk: 'ORDER#ord_x' });
    expect(decodeCursor(page.nextCursor ?? '')).toMatchObject({ pk: 'ORDER#ord_2', gsi2pk: second.gsi2pk });
  });

  it('reads the listed orders from the table in one consistent batch, and leaves out one whose status moved on since the index saw it', async () => {
    // Prepare: the status index still lists ord_2 as PLACED; the table already has it ALLOCATED
    const placed = storedItem(placedOrder({ orderId: 'ord_3' }));
    const movedOn = storedItem({ ...placedOrder({ orderId: 'ord_2' }), status: 'ALLOCATED' });
    documentClientMock.on(QueryCommand).resolves({ Items: [indexEntry(placed), { ...indexEntry(movedOn), gsi1pk: placed.gsi1pk }] });
    documentClientMock.on(BatchGetCommand).resolves({ Responses: { [tableName]: [movedOn, placed] } });

    // Act
    const page = await repository().list(pageQuery({ status: 'PLACED', limit: 5 }));

    // Assess
    expect(page.orders.map((order) => order.id)).toEqual(['ord_3']);
    const batch = documentClientMock.commandCalls(BatchGetCommand)[0]?.args[0].input;
    expect(batch?.RequestItems?.[tableName]).toEqual({ Keys: [{ pk: 'ORDER#ord_3', sk: 'ORDER' }, { pk: 'ORDER#ord_2', sk: 'ORDER' }], ConsistentRead: true });
  });

  it('stops after 5 queries when the filter keeps matching nothing, and returns the last evaluated key as cursor', async () => {
    // Prepare
    const lastEvaluatedKey = { pk: 'ORDER#ord_x', sk: 'ORDER', gsi2pk: 'CHANNEL#demo-web#CUSTOMER#cust-42', gsi2sk: 'x' };
    documentClientMock.on(QueryCommand).resolves({ Items: [], LastEvaluatedKey: lastEvaluatedKey });

    // Act
    const page = await repository().list(pageQuery({ customerId: 'cust-42', status: 'PLACED', limit: 5 }));

    // Assess
    expect(sentQueries()).toHaveLength(5);
    expect(page.orders).toEqual([]);
    expect(decodeCursor(page.nextCursor ?? '')).toEqual(lastEvaluatedKey);
  });

  it.each([
    ['belongs to another channel', encodeCursor({ pk: 'ORDER#ord_1', sk: 'ORDER', gsi3pk: 'CHANNEL#other-shop', gsi3sk: 'x' })],
    ['was issued for another index', encodeCursor({ pk: 'ORDER#ord_1', sk: 'ORDER', gsi1pk: 'CHANNEL#demo-web#STATUS#PLACED', gsi1sk: 'x' })],
    ['is not base64url JSON', 'not-a-cursor!'],
    ['is JSON but not an object', encodeCursor(['CHANNEL#demo-web'])],
    ['holds a non-string key value', encodeCursor({ gsi3pk: 'CHANNEL#demo-web', gsi3sk: 1 })],
  ])('refuses a cursor that %s with InvalidRequestError INVALID_CURSOR, without querying', async (_case, cursor) => {
    // Prepare
    documentClientMock.on(QueryCommand).resolves({ Items: [] });

    // Act
    const attempt = repository().list(pageQuery({ cursor }));

    // Assess
    await expect(attempt).rejects.toBeInstanceOf(InvalidRequestError);
    await expect(attempt).rejects.toMatchObject({
      kind: 'bad-request',
      code: 'INVALID_CURSOR',
      errors: [expect.objectContaining({ path: 'cursor', code: 'INVALID_CURSOR' })],
    });
    expect(sentQueries()).toEqual([]);
  });
});

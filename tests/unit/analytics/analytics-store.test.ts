/**
 * The DynamoDB analytics store: how an event's commit becomes transactions (marker first, entity writes
 * conditional on the version read, counters added with ADD), what a failed condition means, and how
 * report reads turn items back into counters.
 */
import { DynamoDBClient, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { DynamoDbAnalyticsStore, markerTtlSeconds, partsOf } from '../../../shared/adapters/dynamodb/analytics-store';
import type { AnalyticsCommit } from '../../../shared/ports/analytics-store';

const tableName = 'oms-analytics-test';
const dynamoDb = mockClient(DynamoDBDocumentClient);
const now = new Date('2025-03-01T10:00:00Z');
const store = () => new DynamoDbAnalyticsStore(DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'eu-central-1' })), tableName, () => now);

const cancelled = (codes: string[]) => new TransactionCanceledException({ message: 'Transaction cancelled', $metadata: {}, CancellationReasons: codes.map((Code) => ({ Code })) });

const shipmentDelivered: AnalyticsCommit = {
  eventId: 'evt-1',
  entityCount: 1,
  entityWrites: [{ key: { kind: 'shipment', id: 'shp-1' }, facts: { kind: 'shipment', promiseDate: '2025-03-02', delivered: { at: '2025-03-01T09:00:00.000Z', channel: 'web' }, counted: true }, expectedVersion: 1 }],
  entityCounters: [{ target: { kind: 'channel', channel: 'web', hour: '2025-03-01T09' }, counters: { onTime: 1 } }],
  counters: [{ target: { kind: 'channel', channel: 'web', hour: '2025-03-01T09' }, counters: { delivered: 1, 'delLt:40': 1 } }],
  channels: ['web'],
};

beforeEach(() => {
  dynamoDb.reset();
  dynamoDb.on(PutCommand).resolves({});
});

describe('DynamoDbAnalyticsStore.commit', () => {
  it('writes the marker, the entity (conditional on the version read) and the counters in one transaction', async () => {
    // Prepare
    dynamoDb.on(TransactWriteCommand).resolves({});

    // Act
    const outcome = await store().commit(shipmentDelivered);

    // Assess
    expect(outcome).toBe('recorded');
    const [call] = dynamoDb.commandCalls(TransactWriteCommand);
    const items = call?.args[0].input.TransactItems ?? [];
    expect(items).toHaveLength(3);
    expect(items[0]?.Put).toMatchObject({ TableName: tableName, Item: { pk: 'EVENT#evt-1', sk: 'PART#0', expiresAtEpoch: now.getTime() / 1000 + markerTtlSeconds }, ConditionExpression: 'attribute_not_exists(pk)' });
    expect(items[1]?.Put).toMatchObject({ Item: { pk: 'ENTITY#shipment#shp-1', sk: 'ENTITY', version: 2 }, ConditionExpression: '#version = :expected', ExpressionAttributeValues: { ':expected': 1 } });
    // The entity's counter and the event's own land on the same hour: one item, touched once.
    expect(items[2]?.Update).toMatchObject({ Key: { pk: 'KPI#web', sk: '2025-03-01T09' }, UpdateExpression: 'SET #i0 = :i0, #i1 = :i1 ADD #c0 :c0, #c1 :c1, #c2 :c2' });
    expect(Object.values(items[2]?.Update?.ExpressionAttributeNames ?? {})).toEqual(['channel', 'hour', 'c:onTime', 'c:delivered', 'c:delLt:40']);
    expect(dynamoDb.commandCalls(PutCommand).map((put) => put.args[0].input.Item)).toEqual([{ pk: 'CHANNELS', sk: 'web', channel: 'web' }]);
  });

  it('reports a redelivered event (its marker exists) as a duplicate', async () => {
    // Prepare
    dynamoDb.on(TransactWriteCommand).rejects(cancelled(['ConditionalCheckFailed', 'None', 'None']));

    // Act
    const outcome = await store().commit(shipmentDelivered);

    // Assess
    expect(outcome).toBe('duplicate');
  });

  it('reports an entity that changed since it was read as a conflict, so the use case reads it again', async () => {
    // Prepare
    dynamoDb.on(TransactWriteCommand).rejects(cancelled(['None', 'ConditionalCheckFailed', 'None']));

    // Act
    const outcome = await store().commit(shipmentDelivered);

    // Assess
    expect(outcome).toBe('conflict');
  });

  it('registers a channel once per container, not once per event', async () => {
    // Prepare
    dynamoDb.on(TransactWriteCommand).resolves({});
    const shared = store();

    // Act
    await shared.commit(shipmentDelivered);
    await shared.commit({ ...shipmentDelivered, eventId: 'evt-2' });

    // Assess
    expect(dynamoDb.commandCalls(PutCommand)).toHaveLength(1);
  });

  it('splits an event of more than 100 items into parts, each with its own marker, alike on every delivery', async () => {
    // Prepare: a return of 150 SKUs
    const commit: AnalyticsCommit = {
      eventId: 'evt-big',
      entityCount: 0,
      entityWrites: [],
      entityCounters: [],
      counters: Array.from({ length: 150 }, (_, index) => ({ target: { kind: 'sku' as const, channel: 'web', hour: '2025-03-01T09', sku: `SKU-${index}` }, counters: { returned: 1 } })),
      channels: ['web'],
    };
    dynamoDb.on(TransactWriteCommand).resolvesOnce({}).rejects(cancelled(['ConditionalCheckFailed', ...Array(51).fill('None')]));

    // Act
    const first = await store().commit(commit);

    // Assess
    const calls = dynamoDb.commandCalls(TransactWriteCommand).map((call) => call.args[0].input.TransactItems ?? []);
    expect(calls.map((items) => items.length)).toEqual([100, 52]);
    expect(calls.map((items) => items[0]?.Put?.Item?.sk)).toEqual(['PART#0', 'PART#1']);
    expect(first).toBe('recorded');
    expect(partsOf(commit).map((part) => part.counters.length)).toEqual([99, 51]);
  });
});

describe('DynamoDbAnalyticsStore reads', () => {
  it('reads a channel’s hours with one ranged Query and returns only the counters', async () => {
    // Prepare
    dynamoDb.on(QueryCommand).resolves({ Items: [{ pk: 'KPI#web', sk: '2025-03-01T09', channel: 'web', hour: '2025-03-01T09', 'c:placed': 2, 'c:gross:EUR': 3998 }] });

    // Act
    const hours = await store().channelHours('web', '2025-03-01T00', '2025-03-01T23');

    // Assess
    expect(hours).toEqual([{ channel: 'web', hour: '2025-03-01T09', counters: { placed: 2, 'gross:EUR': 3998 } }]);
    expect(dynamoDb.commandCalls(QueryCommand)[0]?.args[0].input).toMatchObject({
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
      ExpressionAttributeValues: { ':pk': 'KPI#web', ':from': '2025-03-01T00', ':to': '2025-03-01T23' },
    });
  });
});

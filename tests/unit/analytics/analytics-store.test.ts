/**
 * The DynamoDB analytics store: how an event's commit becomes transactions (marker first, entity writes
 * conditional on the version read, counters added with ADD), what a failed condition means, and how
 * report reads turn items back into counters.
 */
import { DynamoDBClient, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, DynamoDBDocumentClient, PutCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
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

  it('puts a channel hour and its rollups in part 0, before the SKU counters, so a rollup never differs from what it rolls up', () => {
    // Prepare: a return of 150 SKUs, its channel counters listed last
    const skuCounters = Array.from({ length: 150 }, (_, index) => ({ target: { kind: 'sku' as const, channel: 'web', hour: '2025-03-01T09', sku: `SKU-${index}` }, counters: { returned: 1 } }));
    const commit: AnalyticsCommit = {
      eventId: 'evt-big',
      entityCount: 0,
      entityWrites: [],
      entityCounters: [],
      counters: [...skuCounters, { target: { kind: 'channel', channel: 'web', hour: '2025-03-01T09' }, counters: { returns: 1 } }, { target: { kind: 'channelDay', channel: 'web', day: '2025-03-01' }, counters: { returns: 1 } }],
      channels: ['web'],
    };

    // Act
    const parts = partsOf(commit);

    // Assess
    expect(parts[0]?.counters.slice(0, 2).map((increment) => increment.target.kind)).toEqual(['channel', 'channelDay']);
    expect(parts.flatMap((part) => part.counters)).toHaveLength(152);
  });

  it('leaves room in part 0 for the hour and rollups each entity may complete', () => {
    // Prepare
    const commit: AnalyticsCommit = {
      eventId: 'evt-entities',
      entityCount: 3,
      entityWrites: [],
      entityCounters: [],
      counters: Array.from({ length: 100 }, (_, index) => ({ target: { kind: 'sku' as const, channel: 'web', hour: '2025-03-01T09', sku: `SKU-${index}` }, counters: { shipped: 1 } })),
      channels: ['web'],
    };

    // Act
    const parts = partsOf(commit);

    // Assess: 1 marker + 3 × (entity + channel hour and day + network hour and day) + 84 counters = 100 items
    expect(parts.map((part) => part.counters.length)).toEqual([84, 16]);
  });
});

describe('DynamoDbAnalyticsStore reads', () => {
  it('reads a channel’s days with one ranged Query of its day partition and the correcting hours by key, and returns only the counters', async () => {
    // Prepare
    dynamoDb.on(QueryCommand).resolves({
      Items: [
        { pk: 'KPIDAY#web', sk: '2025-03-01', channel: 'web', day: '2025-03-01', 'c:placed': 5 },
        // In the queried range but not asked for (a day the plan reads as hours): left out.
        { pk: 'KPIDAY#web', sk: '2025-03-02', channel: 'web', day: '2025-03-02', 'c:placed': 7 },
        { pk: 'KPIDAY#web', sk: '2025-03-03', channel: 'web', day: '2025-03-03', 'c:placed': 1 },
      ],
    });
    dynamoDb.on(BatchGetCommand).resolves({ Responses: { [tableName]: [{ pk: 'KPI#web', sk: '2025-02-28T23', channel: 'web', hour: '2025-02-28T23', 'c:placed': 2, 'c:gross:EUR': 3998 }] } });

    // Act
    const rows = await store().channelCounters('web', { days: ['2025-03-01', '2025-03-03'], hours: ['2025-02-28T23', '2025-03-01T23', '2025-03-02T23'] });

    // Assess
    expect(rows).toEqual([
      { channel: 'web', bucket: '2025-03-01', counters: { placed: 5 } },
      { channel: 'web', bucket: '2025-03-03', counters: { placed: 1 } },
      { channel: 'web', bucket: '2025-02-28T23', counters: { placed: 2, 'gross:EUR': 3998 } },
    ]);
    expect(dynamoDb.commandCalls(QueryCommand).map((call) => call.args[0].input)).toEqual([
      expect.objectContaining({ KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :from AND :to', ExpressionAttributeValues: { ':pk': 'KPIDAY#web', ':from': '2025-03-01', ':to': '2025-03-03' } }),
    ]);
    expect(dynamoDb.commandCalls(BatchGetCommand)[0]?.args[0].input.RequestItems?.[tableName]?.Keys).toEqual([
      { pk: 'KPI#web', sk: '2025-02-28T23' },
      { pk: 'KPI#web', sk: '2025-03-01T23' },
      { pk: 'KPI#web', sk: '2025-03-02T23' },
    ]);
  });

  it('asks again for the hours DynamoDB left unprocessed, reads a year of days in four Queries side by side, and projects the counters asked for', async () => {
    // Prepare
    const days = Array.from({ length: 366 }, (_, index) => new Date(Date.UTC(2024, 0, 1) + index * 86_400_000).toISOString().slice(0, 10));
    const hours = Array.from({ length: 150 }, (_, index) => `${days[index]}T23`);
    dynamoDb.on(QueryCommand).resolves({ Items: [] });
    // The first batch leaves its first key unprocessed; asked again, it answers it.
    let calls = 0;
    dynamoDb.on(BatchGetCommand).callsFake((input: { RequestItems: Record<string, { Keys: { pk: string; sk: string }[] }> }) => {
      const keys = input.RequestItems[tableName]?.Keys ?? [];
      calls += 1;
      if (calls === 1) return { Responses: { [tableName]: [] }, UnprocessedKeys: { [tableName]: { Keys: [keys[0]] } } };
      return { Responses: { [tableName]: keys.filter((key) => key.sk === hours[0]).map((key) => ({ ...key, 'c:outOfStock': 1 })) } };
    });

    // Act
    const rows = await store().networkCounters({ days, hours }, ['outOfStock']);

    // Assess
    expect(dynamoDb.commandCalls(QueryCommand).map((call) => [call.args[0].input.ExpressionAttributeValues?.[':pk'], call.args[0].input.ExpressionAttributeValues?.[':from']])).toEqual([
      ['NETWORKDAY', '2024-01-01'],
      ['NETWORKDAY', '2024-04-10'],
      ['NETWORKDAY', '2024-07-19'],
      ['NETWORKDAY', '2024-10-27'],
    ]);
    expect(dynamoDb.commandCalls(BatchGetCommand).map((call) => call.args[0].input.RequestItems?.[tableName]?.Keys?.length)).toEqual([100, 50, 1]);
    expect(rows).toEqual([{ bucket: hours[0], counters: { outOfStock: 1 } }]);
    for (const input of [...dynamoDb.commandCalls(QueryCommand).map((call) => call.args[0].input), dynamoDb.commandCalls(BatchGetCommand)[0]?.args[0].input.RequestItems?.[tableName]]) {
      expect(input).toMatchObject({ ProjectionExpression: '#sk, #p0', ExpressionAttributeNames: expect.objectContaining({ '#sk': 'sk', '#p0': 'c:outOfStock' }) });
    }
  });
});

import { DynamoDBClient, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { dueShardOf, dueShards } from '../../../shared/adapters/dynamodb/webhook-keys';
import { DynamoDbWebhookStore } from '../../../shared/adapters/dynamodb/webhook-store';
import { deliveredDelivery, newDelivery } from '../../../shared/domain/webhooks/delivery';

const documentClientMock = mockClient(DynamoDBDocumentClient);
const store = () => new DynamoDbWebhookStore(DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'eu-central-1' })), 'oms-webhooks-test');
const now = new Date('2026-03-01T10:00:00.000Z');
const pending = newDelivery({ id: 'dlv_01', subscriptionId: 'whsub_01', channelId: 'shop-a', eventId: 'ord_1:OrderPlaced', eventType: 'OrderPlaced', messageId: 'ord_1:OrderPlaced', now });
const payload = { eventId: 'ord_1:OrderPlaced', channelId: 'shop-a', eventType: 'OrderPlaced', body: '{}', expiresAt: '2026-03-31T10:00:00.000Z' };

beforeEach(() => {
  documentClientMock.reset();
});

describe('DynamoDbWebhookStore: the retry schedule is a sparse index', () => {
  it('indexes a pending delivery under its shard by next-attempt time, with its TTL', async () => {
    // Act
    await store().replaceDelivery({ ...pending, revision: 2 }, 1);

    // Assess
    const input = documentClientMock.commandCalls(PutCommand)[0]?.args[0].input;
    expect(input?.Item).toMatchObject({
      pk: 'SUBSCRIPTION#whsub_01',
      sk: 'DELIVERY#dlv_01',
      gsi1pk: `DUE#${dueShardOf('dlv_01')}`,
      gsi1sk: '2026-03-01T10:00:00.000Z',
      expiresAtEpoch: Date.parse('2026-03-31T10:00:00.000Z') / 1000,
    });
    expect(input).toMatchObject({ ConditionExpression: 'revision = :expected', ExpressionAttributeValues: { ':expected': 1 } });
  });

  it('takes a settled delivery out of the index', async () => {
    // Act
    await store().replaceDelivery(deliveredDelivery(pending, { at: now.toISOString(), durationMs: 12, responseStatus: 200 }, now), 1);

    // Assess
    const item = documentClientMock.commandCalls(PutCommand)[0]?.args[0].input.Item;
    expect(item).toMatchObject({ status: 'DELIVERED' });
    expect(item).not.toHaveProperty('gsi1pk');
    expect(item).not.toHaveProperty('gsi1sk');
    expect(item).not.toHaveProperty('nextAttemptAt');
  });

  it('asks every shard for what is due, and names each delivery by its table keys', async () => {
    // Prepare
    documentClientMock.on(QueryCommand).resolves({ Items: [{ pk: 'SUBSCRIPTION#whsub_01', sk: 'DELIVERY#dlv_01' }] });

    // Act
    const due = await store().dueDeliveries(now, 1000);

    // Assess
    const queries = documentClientMock.commandCalls(QueryCommand).map((call) => call.args[0].input);
    expect(queries.map((query) => query.ExpressionAttributeValues?.[':shard']).sort()).toEqual(Array.from({ length: dueShards }, (_, shard) => `DUE#${shard}`));
    expect(queries.every((query) => query.IndexName === 'byNextAttempt' && query.ExpressionAttributeValues?.[':asOf'] === now.toISOString())).toBe(true);
    expect(due).toHaveLength(dueShards);
    expect(due[0]).toEqual({ subscriptionId: 'whsub_01', deliveryId: 'dlv_01' });
  });

  it('creates an event’s payload and deliveries in one transaction, and nothing for an event it has seen', async () => {
    // Prepare
    documentClientMock
      .on(TransactWriteCommand)
      .resolvesOnce({})
      .rejectsOnce(new TransactionCanceledException({ message: 'cancelled', $metadata: {}, CancellationReasons: [{ Code: 'ConditionalCheckFailed' }, { Code: 'None' }] }));

    // Act
    const first = await store().createDeliveries(payload, [pending]);
    const again = await store().createDeliveries(payload, [pending]);

    // Assess
    const items = documentClientMock.commandCalls(TransactWriteCommand)[0]?.args[0].input.TransactItems ?? [];
    expect([first, again]).toEqual([true, false]);
    expect(items.map((item) => [item.Put?.Item?.pk, item.Put?.ConditionExpression])).toEqual([
      ['EVENT#ord_1:OrderPlaced', 'attribute_not_exists(pk)'],
      ['SUBSCRIPTION#whsub_01', 'attribute_not_exists(pk)'],
    ]);
  });

  it('refuses a cursor of another subscription’s log', async () => {
    // Prepare
    const cursor = Buffer.from(JSON.stringify({ pk: 'SUBSCRIPTION#whsub_other', sk: 'DELIVERY#dlv_09' })).toString('base64url');

    // Act + Assess
    await expect(store().listDeliveries('whsub_01', { limit: 10, cursor })).rejects.toMatchObject({ code: 'INVALID_CURSOR' });
  });
});

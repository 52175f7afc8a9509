import { ConditionalCheckFailedException, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand, type PutCommandInput } from '@aws-sdk/lib-dynamodb';
import type { EventBridgeEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { toOutgoingEvent, type PendingEvent } from '../../../shared/events/event-publisher';
import { lambdaContext } from '../fixtures/api-gateway';
import { importWithLambdaEnvironment, resetBetweenLambdaTests } from '../fixtures/lambda-environment';
import { notifiedCases, snapshot } from '../notifications/fixtures';

// A type-only import is erased, so the handler module is first loaded by the dynamic import below (after the env is set).
import type * as SendCustomerNotificationModule from '../../../functions/notifications/send-customer-notification';

const tableName = 'oms-orders-test';
const dynamoDb = mockClient(DynamoDBDocumentClient);
let handler: typeof SendCustomerNotificationModule.handler;

/** The orders table as far as this function uses it: items by key, puts honouring attribute_not_exists. */
const items = new Map<string, Record<string, unknown>>();
const keyOf = (key: Record<string, unknown>) => `${String(key.pk)}|${String(key.sk)}`;
const conditionFailed = () => new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} });

beforeAll(async () => {
  ({ handler } = await importWithLambdaEnvironment(() => import('../../../functions/notifications/send-customer-notification'), {
    ORDERS_TABLE_NAME: tableName,
    NOTIFICATION_SENDER: 'outbox',
    NOTIFICATION_TRACKING_URL_TEMPLATE: 'https://track.example/{trackingNumber}',
  }));
});

resetBetweenLambdaTests(dynamoDb);

beforeEach(() => {
  items.clear();
  dynamoDb.on(PutCommand).callsFake((input: PutCommandInput) => {
    const item = input.Item as Record<string, unknown>;
    if (input.ConditionExpression === 'attribute_not_exists(pk)' && items.has(keyOf(item))) throw conditionFailed();
    items.set(keyOf(item), item);
    return {};
  });
  dynamoDb.on(GetCommand).callsFake((input: { Key: Record<string, unknown> }) => ({ Item: items.get(keyOf(input.Key)) }));
  dynamoDb.on(UpdateCommand).callsFake((input: { Key: Record<string, unknown>; ExpressionAttributeValues: Record<string, unknown> }) => {
    const item = items.get(keyOf(input.Key));
    if (!item) throw conditionFailed();
    items.set(keyOf(input.Key), { ...item, status: input.ExpressionAttributeValues[':status'] });
    return {};
  });
  dynamoDb.on(DeleteCommand).resolves({});
});

/** The event as EventBridge hands it to the rule's function target. */
function busEvent(pending: PendingEvent): EventBridgeEvent<string, unknown> {
  const outgoing = toOutgoingEvent(pending);
  return { version: '0', id: 'eb-1', 'detail-type': outgoing.detailType, source: outgoing.source, account: '000000000000', time: new Date().toISOString(), region: 'eu-central-1', resources: [], detail: JSON.parse(outgoing.detail) };
}

const outboxMessages = () => [...items.values()].filter((item) => item.pk === 'SANDBOX_OUTBOX');
const shipped = notifiedCases.find((notified) => notified.template === 'shipment-shipped')!;

describe('send-customer-notification handler', () => {
  it('writes the email and the SMS to the sandbox outbox once, however often EventBridge delivers the event', async () => {
    // Prepare
    const event = busEvent(shipped.event(snapshot()));
    const { eventId } = (event.detail as { metadata: { eventId: string } }).metadata;

    // Act
    const first = await handler(event, lambdaContext());
    const second = await handler(event, lambdaContext());

    // Assess
    expect(first).toMatchObject({ template: 'shipment-shipped', outcomes: { email: 'sent', sms: 'sent' } });
    expect(second).toMatchObject({ outcomes: { email: 'duplicate', sms: 'duplicate' } });
    expect(outboxMessages().map((message) => [message.channel, message.to, message.orderId])).toEqual([
      ['email', 'ada@example.com', snapshot().orderId],
      ['sms', '+4915112345678', snapshot().orderId],
    ]);
    expect(outboxMessages()[1]?.text).toContain('https://track.example/OMSP44170219835');
    const claims = dynamoDb.commandCalls(PutCommand).filter((call) => call.args[0].input.Item?.entity === 'Notification');
    expect(claims.every((call) => call.args[0].input.TableName === tableName && call.args[0].input.ConditionExpression === 'attribute_not_exists(pk)')).toBe(true);
    expect([...items.values()].filter((item) => item.entity === 'Notification').map((item) => [item.pk, item.sk, item.status])).toEqual([
      [`NOTIFICATION#${eventId}`, 'email', 'SENT'],
      [`NOTIFICATION#${eventId}`, 'sms', 'SENT'],
    ]);
  });

  it('fails the invocation for an event its rule should not have sent, or one that breaks its contract, and sends nothing', async () => {
    // Prepare
    const event = busEvent(shipped.event(snapshot()));
    const unknown = { ...event, 'detail-type': 'OrderAllocated' };
    const broken = { ...event, detail: { ...(event.detail as object), data: { order: snapshot() } } };

    // Act + Assess
    await expect(handler(unknown, lambdaContext())).rejects.toThrow("the rule's pattern and its target disagree");
    await expect(handler(broken, lambdaContext())).rejects.toThrow();
    expect(outboxMessages()).toEqual([]);
  });
});

describe('DynamoDB notification log', () => {
  it('answers the existing record when a claim loses, and removes only its own claim on release', async () => {
    // Prepare
    const { DynamoDbNotificationLog } = await import('../../../shared/adapters/dynamodb/notification-log');
    const log = new DynamoDbNotificationLog(DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'eu-central-1' })), tableName);
    const key = { eventId: 'evt-1', channel: 'email' as const };
    const claim = { orderId: 'o-1', template: 'delivered', claimedAt: '2025-03-04T13:03:00.000Z' };

    // Act
    const first = await log.claim(key, claim);
    const second = await log.claim(key, { ...claim, claimedAt: '2025-03-04T13:04:00.000Z' });
    await log.release(key, claim.claimedAt);

    // Assess
    expect(first).toEqual({ claimed: true });
    expect(second).toEqual({ claimed: false, status: 'SENDING', claimedAt: claim.claimedAt });
    expect(items.get('NOTIFICATION#evt-1|email')).toMatchObject({ expiresAtEpoch: Date.parse(claim.claimedAt) / 1000 + 30 * 24 * 3600 });
    expect(dynamoDb.commandCalls(DeleteCommand)[0]?.args[0].input).toMatchObject({
      Key: { pk: 'NOTIFICATION#evt-1', sk: 'email' },
      ConditionExpression: '#status = :sending AND claimedAt = :claimedAt',
      ExpressionAttributeValues: { ':sending': 'SENDING', ':claimedAt': claim.claimedAt },
    });
  });
});

import { createHash } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DescribeExecutionCommand,
  ExecutionDoesNotExist,
  ExecutionNotRedrivable,
  GetExecutionHistoryCommand,
  InvalidToken,
  ListExecutionsCommand,
  RedriveExecutionCommand,
  SFNClient,
} from '@aws-sdk/client-sfn';
import { ChangeMessageVisibilityBatchCommand, DeleteMessageBatchCommand, ReceiveMessageCommand, SQSClient, type Message } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { opsQueueShardOf, opsQueueShards } from '../../../shared/adapters/dynamodb/order-keys';
import { DynamoDbOrderOpsQueues } from '../../../shared/adapters/dynamodb/order-ops-queues';
import { DynamoDbWebhookDeadLetterIndex } from '../../../shared/adapters/dynamodb/webhook-dead-letter-index';
import { DynamoDbWebhookStore } from '../../../shared/adapters/dynamodb/webhook-store';
import { deadLetterOf, sqsIntegrationDeadLetters } from '../../../shared/adapters/sqs/sqs-integration-dead-letters';
import { stepFunctionsExecutionOperations } from '../../../shared/adapters/stepfunctions/step-functions-execution-operations';
import { InvalidRequestError } from '../../../shared/domain/errors';
import { deadLetteredDelivery, newDelivery } from '../../../shared/domain/webhooks/delivery';

const sfnMock = mockClient(SFNClient);
const sqsMock = mockClient(SQSClient);
const documentClientMock = mockClient(DynamoDBDocumentClient);

beforeEach(() => {
  sfnMock.reset();
  sqsMock.reset();
  documentClientMock.reset();
});

const lifecycleArn = 'arn:aws:states:eu-central-1:123456789012:stateMachine:order-lifecycle';
const returnArn = 'arn:aws:states:eu-central-1:123456789012:stateMachine:order-return';
const executionArn = (name: string) => `arn:aws:states:eu-central-1:123456789012:execution:order-lifecycle:${name}`;
const executions = () => stepFunctionsExecutionOperations({ lifecycle: lifecycleArn, return: returnArn }, new SFNClient({ region: 'eu-central-1' }));

describe('stepFunctionsExecutionOperations', () => {
  it('lists a status’s executions and describes each: error, cause, order from the input, and the last state it entered', async () => {
    // Prepare
    sfnMock.on(ListExecutionsCommand).resolves({
      executions: [{ executionArn: executionArn('ord_1'), stateMachineArn: lifecycleArn, name: 'ord_1', status: 'FAILED', startDate: new Date('2025-03-01T10:00:00Z'), stopDate: new Date('2025-03-01T10:05:00Z') }],
      nextToken: 'page-2',
    });
    sfnMock.on(DescribeExecutionCommand).resolves({ input: '{"orderId":"ord_1","channelId":"demo-web"}', error: 'OrderFailed', cause: 'compensated', redriveCount: 2 });
    sfnMock.on(GetExecutionHistoryCommand).resolves({
      events: [
        { id: 9, type: 'ExecutionFailed', timestamp: new Date(), executionFailedEventDetails: { error: 'OrderFailed' } },
        { id: 8, type: 'FailStateEntered', timestamp: new Date(), stateEnteredEventDetails: { name: 'OrderFailed' } },
        { id: 7, type: 'TaskStateExited', timestamp: new Date(), stateExitedEventDetails: { name: 'FailOrder' } },
      ],
    });

    // Act
    const page = await executions().listStopped('lifecycle', 'FAILED', { limit: 20, nextToken: 'page-1' });

    // Assess
    expect(page).toEqual({
      executions: [
        {
          executionName: 'ord_1',
          executionArn: executionArn('ord_1'),
          workflow: 'lifecycle',
          status: 'FAILED',
          orderId: 'ord_1',
          startDate: '2025-03-01T10:00:00.000Z',
          stopDate: '2025-03-01T10:05:00.000Z',
          error: 'OrderFailed',
          cause: 'compensated',
          failedState: 'OrderFailed',
          redriveCount: 2,
        },
      ],
      nextToken: 'page-2',
    });
    expect(sfnMock.commandCalls(ListExecutionsCommand)[0]?.args[0].input).toEqual({ stateMachineArn: lifecycleArn, statusFilter: 'FAILED', maxResults: 20, nextToken: 'page-1' });
    expect(sfnMock.commandCalls(GetExecutionHistoryCommand)[0]?.args[0].input).toMatchObject({ executionArn: executionArn('ord_1'), reverseOrder: true, includeExecutionData: false });
  });

  it('answers a page token the engine refuses as INVALID_CURSOR', async () => {
    sfnMock.on(ListExecutionsCommand).rejects(new InvalidToken({ message: 'Invalid Token', $metadata: {} }));

    const attempt = executions().listStopped('return', 'TIMED_OUT', { limit: 20, nextToken: 'forged' });

    await expect(attempt).rejects.toBeInstanceOf(InvalidRequestError);
    expect(sfnMock.commandCalls(ListExecutionsCommand)[0]?.args[0].input.stateMachineArn).toBe(returnArn);
  });

  it('redrives the execution named in the workflow’s state machine, and tells a missing one from one that cannot be redriven', async () => {
    // Prepare
    sfnMock
      .on(RedriveExecutionCommand, { executionArn: executionArn('ord_1') })
      .resolves({ redriveDate: new Date('2025-03-05T12:00:00Z') })
      .on(RedriveExecutionCommand, { executionArn: executionArn('ord_2') })
      .rejects(new ExecutionDoesNotExist({ message: 'no', $metadata: {} }))
      .on(RedriveExecutionCommand, { executionArn: executionArn('ord_3') })
      .rejects(new ExecutionNotRedrivable({ message: 'Execution is RUNNING', $metadata: {} }));

    // Act
    const outcomes = await Promise.all(['ord_1', 'ord_2', 'ord_3'].map((name) => executions().redrive('lifecycle', name)));

    // Assess
    expect(outcomes).toEqual([
      { outcome: 'redriven', executionArn: executionArn('ord_1'), redriveDate: '2025-03-05T12:00:00.000Z' },
      { outcome: 'not-found' },
      { outcome: 'not-redrivable', reason: 'Execution is RUNNING' },
    ]);
  });

  it('tells where an execution is, and nothing for one that never started', async () => {
    sfnMock.on(DescribeExecutionCommand, { executionArn: executionArn('ord_1') }).resolves({ status: 'RUNNING' });
    sfnMock.on(GetExecutionHistoryCommand, { executionArn: executionArn('ord_1') }).resolves({ events: [{ id: 4, type: 'TaskStateEntered', timestamp: new Date(), stateEnteredEventDetails: { name: 'Intake' } }] });
    sfnMock.on(DescribeExecutionCommand, { executionArn: executionArn('ord_2') }).rejects(new ExecutionDoesNotExist({ message: 'no', $metadata: {} }));
    sfnMock.on(GetExecutionHistoryCommand, { executionArn: executionArn('ord_2') }).rejects(new ExecutionDoesNotExist({ message: 'no', $metadata: {} }));

    expect(await executions().positionOf('lifecycle', 'ord_1')).toEqual({ status: 'RUNNING', state: 'Intake' });
    expect(await executions().positionOf('lifecycle', 'ord_2')).toBeUndefined();
  });

  it('refuses a workflow the function is not granted, without calling Step Functions', async () => {
    const onlyLifecycle = stepFunctionsExecutionOperations({ lifecycle: lifecycleArn }, new SFNClient({ region: 'eu-central-1' }));

    await expect(onlyLifecycle.redrive('return', 'ret_1')).rejects.toThrow(/not granted the return/);
    expect(sfnMock.calls()).toHaveLength(0);
  });
});

const queueUrl = 'https://sqs.eu-central-1.amazonaws.com/123456789012/OmsStateless-EventTargetDeadLetters';
const event = { version: '0', id: 'evt-1', 'detail-type': 'FulfilmentRequested', source: 'oms.orders', detail: { metadata: { eventId: 'ord_1:FulfilmentRequested', correlation: { orderId: 'ord_1' } }, data: { orderId: 'ord_1' } } };
const message = (overrides: Partial<Message> = {}): Message => ({
  MessageId: 'm-1',
  ReceiptHandle: 'rh-1',
  Body: JSON.stringify(event),
  MD5OfBody: createHash('md5').update(JSON.stringify(event)).digest('hex'),
  Attributes: { SentTimestamp: String(Date.parse('2025-03-01T10:00:00Z')) },
  MessageAttributes: {
    RULE_ARN: { DataType: 'String', StringValue: 'arn:aws:events:eu-central-1:123456789012:rule/oms-events/forward-fulfilment-to-warehouses' },
    TARGET_ARN: { DataType: 'String', StringValue: 'arn:aws:lambda:eu-central-1:123456789012:function:OmsStateless-forwardfulfilment-AbC123' },
    ERROR_CODE: { DataType: 'String', StringValue: 'SDK_CLIENT_ERROR' },
    ERROR_MESSAGE: { DataType: 'String', StringValue: 'Lambda throttled' },
  },
  ...overrides,
});

describe('sqsIntegrationDeadLetters', () => {
  it('leases by receiving with a visibility timeout, long polling, with the message and system attributes', async () => {
    // Prepare
    sqsMock.on(ReceiveMessageCommand).resolves({ Messages: [message()] });

    // Act
    const letters = await sqsIntegrationDeadLetters(queueUrl, new SQSClient({ region: 'eu-central-1' })).lease(25, 20);

    // Assess
    expect(sqsMock.commandCalls(ReceiveMessageCommand)[0]?.args[0].input).toEqual({
      QueueUrl: queueUrl,
      MaxNumberOfMessages: 10,
      VisibilityTimeout: 20,
      WaitTimeSeconds: 1,
      MessageAttributeNames: ['All'],
      MessageSystemAttributeNames: ['SentTimestamp'],
    });
    expect(letters).toEqual([
      {
        id: 'm-1',
        lease: 'rh-1',
        target: 'forward-fulfilment-to-warehouses/OmsStateless-forwardfulfilment-AbC123',
        detailType: 'FulfilmentRequested',
        orderId: 'ord_1',
        failedAt: '2025-03-01T10:00:00.000Z',
        error: 'Lambda throttled',
        event: { source: 'oms.orders', detailType: 'FulfilmentRequested', detail: JSON.stringify(event.detail) },
      },
    ]);
  });

  it('reads a Lambda on-failure destination record: the function, its error, and the event it was invoked with', () => {
    const record = {
      version: '1.0',
      timestamp: '2025-03-01T10:00:00.000Z',
      requestContext: { requestId: 'r-1', functionArn: 'arn:aws:lambda:eu-central-1:123456789012:function:OmsStateless-notify-XyZ:$LATEST', condition: 'RetriesExhausted', approximateInvokeCount: 3 },
      requestPayload: event,
      responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
      responsePayload: { errorType: 'Error', errorMessage: 'SES throttled' },
    };

    const letter = deadLetterOf(message({ Body: JSON.stringify(record), MessageAttributes: {} }));

    expect(letter).toMatchObject({ target: 'OmsStateless-notify-XyZ', detailType: 'FulfilmentRequested', orderId: 'ord_1', error: 'SES throttled', event: { source: 'oms.orders' } });
  });

  it('offers no event to put back for EventBridge’s own scheduled tick, nor for a body that is not JSON', () => {
    const tick = { ...event, source: 'aws.events', 'detail-type': 'Scheduled Event', detail: {} };

    expect(deadLetterOf(message({ Body: JSON.stringify(tick) }))).not.toHaveProperty('event');
    expect(deadLetterOf(message({ Body: 'not json' }))).toMatchObject({ id: 'm-1', detailType: 'unknown', error: expect.stringContaining('not JSON') });
  });

  it('acknowledges with a batch delete and releases with a batch visibility of 0, ten at a time, and throws on a failed entry', async () => {
    // Prepare
    sqsMock.on(DeleteMessageBatchCommand).resolves({ Successful: [], Failed: [] });
    sqsMock.on(ChangeMessageVisibilityBatchCommand).resolves({ Successful: [], Failed: [{ Id: '0', SenderFault: true, Code: 'ReceiptHandleIsInvalid' }] });
    const deadLetters = sqsIntegrationDeadLetters(queueUrl, new SQSClient({ region: 'eu-central-1' }));
    const letters = Array.from({ length: 12 }, (_, index) => deadLetterOf(message({ MessageId: `m-${index}`, ReceiptHandle: `rh-${index}` })));

    // Act
    await deadLetters.acknowledge(letters);
    const release = deadLetters.release(letters.slice(0, 1));

    // Assess
    const deletes = sqsMock.commandCalls(DeleteMessageBatchCommand).map((call) => call.args[0].input.Entries?.map((entry) => entry.ReceiptHandle));
    expect(deletes).toEqual([letters.slice(0, 10).map((letter) => letter.lease), letters.slice(10).map((letter) => letter.lease)]);
    await expect(release).rejects.toThrow(/Could not release 1/);
    expect(sqsMock.commandCalls(ChangeMessageVisibilityBatchCommand)[0]?.args[0].input.Entries).toEqual([{ Id: '0', ReceiptHandle: 'rh-0', VisibilityTimeout: 0 }]);
  });
});

const documentClient = () => DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'eu-central-1' }));

describe('DynamoDbOrderOpsQueues', () => {
  it('asks every shard of an open status for changes before the bound, after the last entry, and merges them oldest first', async () => {
    // Prepare
    documentClientMock.on(QueryCommand).callsFake((input: { ExpressionAttributeValues: Record<string, string> }) => {
      const shard = Number(input.ExpressionAttributeValues[':pk']?.split('#')[2]);
      const items = shard === 1 ? [{ pk: 'ORDER#ord_b', sk: 'ORDER', gsi4sk: '2025-03-01T10:02:00.000Z#ord_b' }] : shard === 5 ? [{ pk: 'ORDER#ord_a', sk: 'ORDER', gsi4sk: '2025-03-01T10:01:00.000Z#ord_a' }] : [];
      return { Items: items };
    });

    // Act
    const page = await new DynamoDbOrderOpsQueues(documentClient(), 'oms-orders').openOrders('PLACED', {
      changedBefore: '2025-03-01T11:00:00.000Z',
      after: { at: '2025-03-01T09:00:00.000Z', orderId: 'ord_z' },
      limit: 10,
    });

    // Assess
    const queries = documentClientMock.commandCalls(QueryCommand).map((call) => call.args[0].input);
    expect(queries.map((query) => query.ExpressionAttributeValues?.[':pk']).sort()).toEqual(Array.from({ length: opsQueueShards }, (_, shard) => `OPEN#PLACED#${shard}`));
    expect(queries[0]).toMatchObject({
      IndexName: 'byOpsQueue',
      KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :after AND :before',
      ExpressionAttributeNames: { '#pk': 'gsi4pk', '#sk': 'gsi4sk' },
      ExpressionAttributeValues: { ':after': '2025-03-01T09:00:00.000Z#ord_z', ':before': '2025-03-01T11:00:00.000Z' },
    });
    expect(page).toEqual({
      orders: [
        { orderId: 'ord_a', at: '2025-03-01T10:01:00.000Z' },
        { orderId: 'ord_b', at: '2025-03-01T10:02:00.000Z' },
      ],
      more: false,
    });
    expect(opsQueueShardOf('ord_a')).toBeLessThan(opsQueueShards);
  });

  it('reads the escalations from their one partition and says when more follow', async () => {
    documentClientMock.on(QueryCommand).resolves({
      Items: [
        { pk: 'ORDER#ord_1', sk: 'ORDER', gsi4sk: '2025-03-01T10:00:00.000Z#ord_1' },
        { pk: 'ORDER#ord_2', sk: 'ORDER', gsi4sk: '2025-03-01T11:00:00.000Z#ord_2' },
      ],
      LastEvaluatedKey: { pk: 'ORDER#ord_2' },
    });

    const page = await new DynamoDbOrderOpsQueues(documentClient(), 'oms-orders').escalatedOrders({ limit: 1 });

    expect(documentClientMock.commandCalls(QueryCommand)[0]?.args[0].input).toMatchObject({ KeyConditionExpression: '#pk = :pk', ExpressionAttributeValues: { ':pk': 'ESCALATED' }, Limit: 2 });
    expect(page).toEqual({ orders: [{ orderId: 'ord_1', at: '2025-03-01T10:00:00.000Z' }], more: true });
  });
});

describe('webhook dead letters: a sparse index', () => {
  const now = new Date('2026-03-01T10:00:00.000Z');
  const pending = newDelivery({ id: 'dlv_01', subscriptionId: 'whsub_01', channelId: 'shop-a', eventId: 'e1', eventType: 'OrderPlaced', messageId: 'e1', now });

  it('indexes a dead-lettered delivery by when it died, and only while it is dead-lettered', async () => {
    // Act
    const store = new DynamoDbWebhookStore(documentClient(), 'oms-webhooks');
    await store.replaceDelivery(deadLetteredDelivery(pending, 'gone', now), 1);
    await store.replaceDelivery(pending, 2);

    // Assess
    const [dead, alive] = documentClientMock.commandCalls(PutCommand).map((call) => call.args[0].input.Item);
    expect(dead).toMatchObject({ gsi2pk: 'DEAD_LETTERED', gsi2sk: '2026-03-01T10:00:00.000Z#dlv_01' });
    expect(alive).not.toHaveProperty('gsi2pk');
  });

  it('lists them oldest first from where the last page ended', async () => {
    documentClientMock.on(QueryCommand).resolves({ Items: [{ pk: 'SUBSCRIPTION#whsub_01', sk: 'DELIVERY#dlv_02', gsi2pk: 'DEAD_LETTERED', gsi2sk: '2026-03-01T11:00:00.000Z#dlv_02' }] });

    const page = await new DynamoDbWebhookDeadLetterIndex(documentClient(), 'oms-webhooks').deadLetters({ limit: 5, after: { subscriptionId: 'whsub_01', deliveryId: 'dlv_01', deadLetteredAt: '2026-03-01T10:00:00.000Z' } });

    expect(documentClientMock.commandCalls(QueryCommand)[0]?.args[0].input).toMatchObject({
      IndexName: 'byDeadLetter',
      ExclusiveStartKey: { pk: 'SUBSCRIPTION#whsub_01', sk: 'DELIVERY#dlv_01', gsi2pk: 'DEAD_LETTERED', gsi2sk: '2026-03-01T10:00:00.000Z#dlv_01' },
      Limit: 6,
    });
    expect(page).toEqual({ deliveries: [{ subscriptionId: 'whsub_01', deliveryId: 'dlv_02', deadLetteredAt: '2026-03-01T11:00:00.000Z' }], more: false });
  });
});

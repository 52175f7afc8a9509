import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateTableCommand, DeleteTableCommand, DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { StreamConsumerDefinition } from '../../../../infra/definitions/stream-consumers';
import { DynamoDbStreamPoller, type StreamOnFailureRecord } from '../../../../infra/local/cloud/streams/dynamodb-stream-poller';

const client = () =>
  new DynamoDBClient({
    endpoint: inject('dynamoDbEndpoint'),
    region: 'eu-central-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });

const consumer = (overrides: Partial<StreamConsumerDefinition> = {}): StreamConsumerDefinition => ({
  name: 'test-consumer',
  table: 'orders',
  function: { name: 'test', entry: 'unused', tables: {} },
  batchSize: 5,
  startingPosition: 'TRIM_HORIZON',
  maximumRetryAttempts: 2,
  reportBatchItemFailures: true,
  bisectBatchOnFunctionError: false,
  ...overrides,
});

/** A fresh table with a stream, holding items 0..count-1 written in order. */
async function tableWithItems(count: number): Promise<string> {
  const tableName = `stream-test-${Date.now()}-${Math.random().toString(36).slice(2, 7)}`;
  const dynamoDb = client();
  await dynamoDb.send(
    new CreateTableCommand({
      TableName: tableName,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
    }),
  );
  for (let i = 0; i < count; i++) {
    await dynamoDb.send(new PutItemCommand({ TableName: tableName, Item: { pk: { S: `item-${i}` }, n: { N: String(i) } } }));
  }
  createdTables.push(tableName);
  dynamoDb.destroy();
  return tableName;
}

const createdTables: string[] = [];
afterAll(async () => {
  const dynamoDb = client();
  for (const TableName of createdTables) await dynamoDb.send(new DeleteTableCommand({ TableName }));
  dynamoDb.destroy();
});

const keysOf = (event: DynamoDBStreamEvent) => event.Records.map((record) => record.dynamodb?.Keys?.pk?.S as string);

describe('DynamoDB stream → handler, as a Lambda event source mapping', () => {
  let endpoint: string;
  beforeAll(() => {
    endpoint = inject('dynamoDbEndpoint');
  });

  it('delivers every record in order, in batches of at most batchSize, with the Lambda event shape', async () => {
    // Prepare
    const tableName = await tableWithItems(12);
    const batches: DynamoDBStreamEvent[] = [];
    const poller = new DynamoDbStreamPoller({
      consumer: consumer(),
      tableName,
      endpoint,
      invoke: async (event) => {
        batches.push(event);
        return { batchItemFailures: [] };
      },
      onFailure: () => undefined,
      retryDelayMs: 1,
    });

    // Act
    await poller.idle();
    await poller.stop();

    // Assess
    expect(batches.flatMap(keysOf)).toEqual(Array.from({ length: 12 }, (_, i) => `item-${i}`));
    expect(batches.every((batch) => batch.Records.length <= 5)).toBe(true);
    const first = batches[0]?.Records[0];
    expect(first).toMatchObject({ eventName: 'INSERT', eventSource: 'aws:dynamodb', dynamodb: { NewImage: { n: { N: '0' } }, StreamViewType: 'NEW_AND_OLD_IMAGES' } });
    expect(typeof first?.dynamodb?.ApproximateCreationDateTime).toBe('number');
    expect(first?.eventSourceARN).toContain(tableName);
  });

  it('invokes the handler only with records its filter patterns match, as Lambda event filtering does', async () => {
    // Prepare: only even items, by their number attribute
    const tableName = await tableWithItems(6);
    const delivered: string[] = [];
    const poller = new DynamoDbStreamPoller({
      consumer: consumer({ filterPatterns: [{ eventName: ['INSERT'], dynamodb: { NewImage: { n: { N: ['0', '2', '4'] } } } }] }),
      tableName,
      endpoint,
      invoke: async (event) => {
        delivered.push(...keysOf(event));
        return {};
      },
      onFailure: () => undefined,
      retryDelayMs: 1,
    });

    // Act
    await poller.idle();
    await poller.stop();

    // Assess
    expect(delivered).toEqual(['item-0', 'item-2', 'item-4']);
  });

  it('retries from the first failed record of a partial batch failure, and does not redeliver the ones before it', async () => {
    // Prepare: item-2 fails once
    const tableName = await tableWithItems(5);
    const deliveries: string[][] = [];
    let failedOnce = false;
    const poller = new DynamoDbStreamPoller({
      consumer: consumer(),
      tableName,
      endpoint,
      invoke: async (event) => {
        deliveries.push(keysOf(event));
        const poison = event.Records.find((record) => record.dynamodb?.Keys?.pk?.S === 'item-2');
        if (poison && !failedOnce) {
          failedOnce = true;
          return { batchItemFailures: [{ itemIdentifier: poison.dynamodb?.SequenceNumber }] };
        }
        return {};
      },
      onFailure: () => undefined,
      retryDelayMs: 1,
    });

    // Act
    await poller.idle();
    await poller.stop();

    // Assess
    expect(deliveries).toEqual([
      ['item-0', 'item-1', 'item-2', 'item-3', 'item-4'],
      ['item-2', 'item-3', 'item-4'],
    ]);
  });

  it('hands a batch that keeps failing to the on-failure destination after maximumRetryAttempts, then moves on', async () => {
    // Prepare: a handler that throws on the batch holding item-1, forever
    const tableName = await tableWithItems(4);
    const failures: StreamOnFailureRecord[] = [];
    let invocations = 0;
    const delivered: string[] = [];
    const poller = new DynamoDbStreamPoller({
      consumer: consumer({ batchSize: 2, maximumRetryAttempts: 2 }),
      tableName,
      endpoint,
      invoke: async (event) => {
        invocations++;
        if (keysOf(event).includes('item-1')) throw Object.assign(new Error('boom'), { name: 'PoisonRecord' });
        delivered.push(...keysOf(event));
        return {};
      },
      onFailure: (record) => {
        failures.push(record);
      },
      retryDelayMs: 1,
    });

    // Act
    await poller.idle();
    await poller.stop();

    // Assess: 1 call + 2 retries for the poisoned batch, then the next batch goes through
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatchObject({
      requestContext: { condition: 'RetryAttemptsExhausted', approximateInvokeCount: 3 },
      responseContext: { functionError: 'PoisonRecord' },
      DDBStreamBatchInfo: { batchSize: 2 },
    });
    expect(delivered).toEqual(['item-2', 'item-3']);
    expect(invocations).toBe(4);
  });

  it('bisects a failing batch to isolate the poison record', async () => {
    const tableName = await tableWithItems(4);
    const failures: StreamOnFailureRecord[] = [];
    const delivered: string[] = [];
    const poller = new DynamoDbStreamPoller({
      consumer: consumer({ batchSize: 4, maximumRetryAttempts: 1, bisectBatchOnFunctionError: true, reportBatchItemFailures: false }),
      tableName,
      endpoint,
      invoke: async (event) => {
        if (keysOf(event).includes('item-2')) throw new Error('poison');
        delivered.push(...keysOf(event));
        return {};
      },
      onFailure: (record) => {
        failures.push(record);
      },
      retryDelayMs: 1,
    });

    await poller.idle();
    await poller.stop();

    expect(delivered).toEqual(['item-0', 'item-1', 'item-3']);
    expect(failures.map((f) => f.DDBStreamBatchInfo.batchSize)).toEqual([1]);
  });

  it('resumes after the last processed record when restarted with a checkpoint file', async () => {
    const tableName = await tableWithItems(3);
    const checkpointFile = join(tmpdir(), `${tableName}.checkpoint.json`);
    const first: string[] = [];
    const firstPoller = new DynamoDbStreamPoller({ consumer: consumer(), tableName, endpoint, checkpointFile, invoke: async (e) => void first.push(...keysOf(e)), onFailure: () => undefined });
    await firstPoller.idle();
    await firstPoller.stop();
    const dynamoDb = client();
    await dynamoDb.send(new PutItemCommand({ TableName: tableName, Item: { pk: { S: 'item-3' } } }));
    dynamoDb.destroy();

    const second: string[] = [];
    const secondPoller = new DynamoDbStreamPoller({ consumer: consumer(), tableName, endpoint, checkpointFile, invoke: async (e) => void second.push(...keysOf(e)), onFailure: () => undefined });
    await secondPoller.idle();
    await secondPoller.stop();

    expect(first).toEqual(['item-0', 'item-1', 'item-2']);
    expect(second).toEqual(['item-3']);
  });
});

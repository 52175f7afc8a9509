import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import type { AttributeValue, DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeAll, describe, expect, it } from 'vitest';
import { lambdaContext } from '../fixtures/api-gateway';
import { importWithLambdaEnvironment, resetBetweenLambdaTests } from '../fixtures/lambda-environment';

// A type-only import is erased, so the handler module is first loaded by the dynamic import below (after the env is set).
import type * as PublishStockEventsModule from '../../../functions/inventory/publish-stock-events';

const eventBridge = mockClient(EventBridgeClient);
let handler: typeof PublishStockEventsModule.handler;

beforeAll(async () => {
  ({ handler } = await importWithLambdaEnvironment(() => import('../../../functions/inventory/publish-stock-events'), {
    EVENT_BUS_NAME: 'oms-events',
  }));
});

resetBetweenLambdaTests(eventBridge);

/** A stock item as the stream carries it: attribute values, `available` exact as stored. */
const stockItem = (sku: string, available: number, version: number): Record<string, AttributeValue> => ({
  pk: { S: `STOCK#${sku}` },
  sk: { S: 'LOCATION#wh-1' },
  gsi1pk: { S: 'LOCATION#wh-1#STOCK' },
  gsi1sk: { S: sku },
  entity: { S: 'Stock' },
  sku: { S: sku },
  locationId: { S: 'wh-1' },
  onHand: { N: String(Math.max(0, available) + 2) },
  reserved: { N: '2' },
  safetyStock: { N: '0' },
  available: { N: String(available) },
  lowStockThreshold: { N: '5' },
  incoming: { L: [] },
  version: { N: String(version) },
  updatedAt: { S: '2026-11-23T10:00:00.000Z' },
});

let sequence = 100;
const streamRecord = (oldImage: Record<string, AttributeValue> | undefined, newImage: Record<string, AttributeValue>): DynamoDBRecord => {
  sequence += 1;
  return {
    eventID: `event-${sequence}`,
    eventName: oldImage ? 'MODIFY' : 'INSERT',
    eventSource: 'aws:dynamodb',
    awsRegion: 'eu-central-1',
    dynamodb: {
      Keys: { pk: newImage.pk as AttributeValue, sk: newImage.sk as AttributeValue },
      ...(oldImage && { OldImage: oldImage }),
      NewImage: newImage,
      SequenceNumber: String(sequence),
      StreamViewType: 'NEW_AND_OLD_IMAGES',
    },
  };
};

const reservationRecord = (): DynamoDBRecord =>
  streamRecord(undefined, {
    pk: { S: 'RESERVATION#ord-1' },
    sk: { S: 'A#wh-1' },
    entity: { S: 'Reservation' },
    status: { S: 'HELD' },
    quantity: { N: '2' },
  });

const invoke = (records: DynamoDBRecord[]) => handler({ Records: records } satisfies DynamoDBStreamEvent, lambdaContext('publish-stock-events')) as Promise<DynamoDBBatchResponse>;

const sentDetailTypes = () =>
  eventBridge.commandCalls(PutEventsCommand).flatMap((call) => (call.args[0].input.Entries ?? []).map((entry) => `${entry.DetailType} ${JSON.parse(entry.Detail ?? '{}').data.sku}`));

describe('publish-stock-events handler (inventory stream consumer)', () => {
  it('publishes the crossings of a batch, in stream order, to the bus, and skips items that are not stock', async () => {
    // Prepare
    eventBridge.on(PutEventsCommand).resolves({ FailedEntryCount: 0, Entries: [{ EventId: 'x' }] });
    const records = [
      streamRecord(stockItem('A', 6, 1), stockItem('A', 4, 2)),
      reservationRecord(),
      streamRecord(stockItem('A', 4, 2), stockItem('A', 0, 3)),
      streamRecord(stockItem('B', 20, 1), stockItem('B', 19, 2)),
      streamRecord(undefined, stockItem('C', 3, 1)),
    ];

    // Act
    const response = await invoke(records);

    // Assess
    expect(response).toEqual({ batchItemFailures: [] });
    expect(sentDetailTypes()).toEqual(['StockLow A', 'OutOfStock A', 'BackInStock C']);
    expect(eventBridge.commandCalls(PutEventsCommand)[0]?.args[0].input.Entries?.[0]).toMatchObject({ EventBusName: 'oms-events', Source: 'oms.inventory' });
  });

  it('answers the failing record and every one after it as batch item failures, keeping the ones before it done', async () => {
    // Prepare: the bus refuses the second publication
    eventBridge
      .on(PutEventsCommand)
      .resolvesOnce({ FailedEntryCount: 0, Entries: [{ EventId: 'x' }] })
      .rejectsOnce(new Error('EventBridge is unavailable'))
      .resolves({ FailedEntryCount: 0, Entries: [{ EventId: 'y' }] });
    const records = [
      streamRecord(stockItem('A', 6, 1), stockItem('A', 4, 2)),
      streamRecord(stockItem('A', 4, 2), stockItem('A', 0, 3)),
      reservationRecord(),
      streamRecord(stockItem('A', 0, 3), stockItem('A', 5, 4)),
    ];

    // Act
    const response = await invoke(records);

    // Assess: retried from the failed record on, and nothing after it was published out of order
    expect(response.batchItemFailures).toEqual(records.slice(1).map((record) => ({ itemIdentifier: record.dynamodb?.SequenceNumber })));
    expect(eventBridge.commandCalls(PutEventsCommand)).toHaveLength(2);
  });

  it('treats a malformed stock image as a failure of its record instead of publishing from it', async () => {
    // Prepare
    eventBridge.on(PutEventsCommand).resolves({ FailedEntryCount: 0, Entries: [{ EventId: 'x' }] });
    const malformed = { ...stockItem('A', 0, 3), available: { S: 'many' } };
    const records = [reservationRecord(), streamRecord(stockItem('A', 4, 2), malformed)];

    // Act
    const response = await invoke(records);

    // Assess
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: records[1]?.dynamodb?.SequenceNumber }]);
    expect(eventBridge.commandCalls(PutEventsCommand)).toHaveLength(0);
  });
});

import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { batchGetItems } from '../../../shared/adapters/dynamodb/batch-get';

const documentClientMock = mockClient(DynamoDBDocumentClient);
beforeEach(() => documentClientMock.reset());
const client = () => DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'eu-central-1' }));
const key = (index: number) => ({ pk: `K#${index}`, sk: 'S' });

describe('batchGetItems', () => {
  it('asks 100 keys at a time, and asks again, after a wait, for the keys DynamoDB left unprocessed', async () => {
    // Prepare: 150 keys; the first batch leaves two unprocessed once
    const keys = Array.from({ length: 150 }, (_, index) => key(index));
    let leftOver = true;
    documentClientMock.on(BatchGetCommand).callsFake((input: { RequestItems: Record<string, { Keys: { pk: string }[] }> }) => {
      const asked = input.RequestItems.t?.Keys ?? [];
      if (asked.length === 100 && leftOver) {
        leftOver = false;
        return { Responses: { t: asked.slice(2).map((item) => ({ ...item, found: true })) }, UnprocessedKeys: { t: { Keys: asked.slice(0, 2) } } };
      }
      return { Responses: { t: asked.map((item) => ({ ...item, found: true })) } };
    });
    const waits: number[] = [];

    // Act
    const items = await batchGetItems(client(), 't', keys, { consistentRead: true, sleep: async (ms) => void waits.push(ms) });

    // Assess
    expect(items.map((item) => item.pk).sort()).toEqual(keys.map((item) => item.pk).sort());
    const calls = documentClientMock.commandCalls(BatchGetCommand).map((call) => call.args[0].input.RequestItems?.t);
    expect(calls.map((request) => request?.Keys?.length).sort()).toEqual([100, 2, 50].sort());
    expect(calls.every((request) => request?.ConsistentRead === true)).toBe(true);
    expect(waits).toHaveLength(1);
  });
});

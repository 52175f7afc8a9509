import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GetCommand, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { consumedCapacity, recordConsumedCapacity, resetConsumedCapacity } from '../../../shared/adapters/dynamodb/consumed-capacity';

describe('consumed capacity counter', () => {
  beforeEach(() => resetConsumedCapacity());

  it('classifies CapacityUnits by command and sums per table, transactions reporting per table', () => {
    recordConsumedCapacity('GetItemCommand', { TableName: 'orders', CapacityUnits: 0.5 });
    recordConsumedCapacity('UpdateItemCommand', { TableName: 'orders', CapacityUnits: 20 });
    recordConsumedCapacity('TransactWriteItemsCommand', [
      { TableName: 'orders', CapacityUnits: 2 },
      { TableName: 'inventory', CapacityUnits: 4 },
    ]);
    recordConsumedCapacity('PutItemCommand', undefined);

    const snapshot = consumedCapacity();
    expect(snapshot.readUnits).toBe(0.5);
    expect(snapshot.writeUnits).toBe(26);
    expect(snapshot.byTable).toEqual({ orders: { readUnits: 0.5, writeUnits: 22 }, inventory: { readUnits: 0, writeUnits: 4 } });
    expect(snapshot.byCommand.TransactWriteItemsCommand).toEqual({ readUnits: 0, writeUnits: 6 });
    expect(snapshot.unreported).toEqual({ PutItemCommand: 1 });
    expect(snapshot.operations).toEqual({ GetItemCommand: 1, UpdateItemCommand: 1, TransactWriteItemsCommand: 1, PutItemCommand: 1 });
  });

  it('prefers the split read/write fields when DynamoDB reports them', () => {
    recordConsumedCapacity('TransactWriteItemsCommand', { TableName: 'orders', CapacityUnits: 6, ReadCapacityUnits: 2, WriteCapacityUnits: 4 });
    expect(consumedCapacity()).toMatchObject({ readUnits: 2, writeUnits: 4 });
  });
});

describe('the shared DynamoDB client', () => {
  // A stand-in DynamoDB endpoint: records what was asked, answers with capacity or a failed condition.
  const requests: Record<string, unknown>[] = [];
  let server: Server;

  beforeAll(async () => {
    server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        const input = JSON.parse(body) as Record<string, unknown>;
        requests.push(input);
        response.setHeader('content-type', 'application/x-amz-json-1.0');
        if (input.ConditionExpression) {
          response.writeHead(400);
          response.end(JSON.stringify({ __type: 'com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException', message: 'The conditional request failed' }));
          return;
        }
        const units = { TableName: 't', CapacityUnits: 1 };
        // Transactions answer with one entry per table.
        const capacity = input.ReturnConsumedCapacity === 'TOTAL' ? { ConsumedCapacity: input.TransactItems ? [units] : units } : {};
        response.writeHead(200);
        response.end(JSON.stringify(capacity));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    Object.assign(process.env, {
      AWS_ENDPOINT_URL_DYNAMODB: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      AWS_REGION: 'eu-central-1',
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
    });
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => {
    requests.length = 0;
    resetConsumedCapacity();
  });

  it('asks every call for its consumed capacity and records it, leaving an explicit choice alone', async () => {
    const { dynamoDbDocumentClient } = await import('../../../shared/adapters/dynamodb/document-client');
    const client = dynamoDbDocumentClient();

    await client.send(new GetCommand({ TableName: 't', Key: { pk: 'a' } }));
    await client.send(new PutCommand({ TableName: 't', Item: { pk: 'a' }, ReturnConsumedCapacity: 'NONE' }));

    expect(requests.map((request) => request.ReturnConsumedCapacity)).toEqual(['TOTAL', 'NONE']);
    expect(consumedCapacity()).toMatchObject({ readUnits: 1, writeUnits: 0, unreported: { PutItemCommand: 1 } });
  });

  it('counts failed writes with the documented minimum units', async () => {
    const { dynamoDbDocumentClient } = await import('../../../shared/adapters/dynamodb/document-client');
    const client = dynamoDbDocumentClient();

    await expect(client.send(new PutCommand({ TableName: 't', Item: { pk: 'a' }, ConditionExpression: 'attribute_not_exists(pk)' }))).rejects.toThrow();
    const transaction = new TransactWriteCommand({
      TransactItems: [
        { Put: { TableName: 't', Item: { pk: 'b' } } },
        { Put: { TableName: 't', Item: { pk: 'c' } } },
      ],
    });
    await client.send(transaction);

    const snapshot = consumedCapacity();
    expect(snapshot.failed).toEqual({ PutItemCommand: 1 });
    expect(snapshot.failedWriteUnitsEstimate).toBe(1);
    expect(snapshot.writeUnits).toBe(1);
  });
});

import { createHash } from 'node:crypto';
import {
  DynamoDBClient,
  PutItemCommand,
  TransactionCanceledException,
  UpdateItemCommand,
  type PutItemCommandInput,
} from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeAll, describe, expect, it } from 'vitest';
import { PlaceOrderRequestSchema, placeOrderExample, type Order } from '../../../shared/contracts/order';
import { ProblemSchema } from '../../../shared/contracts/problem';
import { fingerprintOrderRequest } from '../../../shared/domain/order';
import { httpEvent, lambdaContext } from '../fixtures/api-gateway';
import { importWithLambdaEnvironment, resetBetweenLambdaTests } from '../fixtures/lambda-environment';
import { placedOrder } from '../fixtures/orders';

// A type-only import is erased, so the handler module is still first loaded by the dynamic import below.
import type * as CreateOrderModule from '../../../functions/orders/create-order';

type Handler = typeof CreateOrderModule.handler;

const ordersTableName = 'oms-orders-test';
const idempotencyTableName = 'oms-idempotency-test';
const channelId = 'demo-web';

const documentClientMock = mockClient(DynamoDBDocumentClient);
const lowLevelClientMock = mockClient(DynamoDBClient);
let handler: Handler;

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** The API key cache lives as long as the module: each test uses its own key so none sees another's look-up. */
let keySequence = 0;
function activeApiKey(): string {
  keySequence += 1;
  const apiKey = `oms_unit-test-key-${keySequence}`;
  documentClientMock
    .on(GetCommand, { TableName: ordersTableName, Key: { pk: `APIKEY#${sha256(apiKey)}`, sk: 'APIKEY' } })
    .resolves({ Item: { pk: `APIKEY#${sha256(apiKey)}`, sk: 'APIKEY', entity: 'ApiKey', channelId, status: 'active' } });
  return apiKey;
}

function placeOrderEvent(apiKey: string, { body = JSON.stringify(placeOrderExample), headers = {} }: { body?: string; headers?: Record<string, string> } = {}) {
  return httpEvent({ method: 'POST', path: '/orders', headers: { 'content-type': 'application/json', 'x-api-key': apiKey, ...headers }, body });
}

async function invoke(event: ReturnType<typeof httpEvent>): Promise<APIGatewayProxyStructuredResultV2> {
  return handler(event, lambdaContext());
}

const jsonBody = (response: APIGatewayProxyStructuredResultV2) => JSON.parse(String(response.body)) as Record<string, unknown>;

beforeAll(async () => {
  ({ handler } = await importWithLambdaEnvironment(() => import('../../../functions/orders/create-order'), {
    ORDERS_TABLE_NAME: ordersTableName,
    IDEMPOTENCY_TABLE_NAME: idempotencyTableName,
  }));
});

resetBetweenLambdaTests(documentClientMock, lowLevelClientMock);

describe('POST /orders (create-order handler)', () => {
  it('answers 401 problem+json when the API key is not in the table, and writes nothing', async () => {
    // Prepare
    documentClientMock.on(GetCommand).resolves({});
    const event = placeOrderEvent('oms_unknown-key');

    // Act
    const response = await invoke(event);

    // Assess
    expect(response.statusCode).toBe(401);
    expect(response.headers).toMatchObject({ 'content-type': 'application/problem+json', 'www-authenticate': 'ApiKey header="x-api-key"' });
    expect(jsonBody(response)).toMatchObject({ status: 401, code: 'API_KEY_INVALID' });
    expect(documentClientMock.commandCalls(GetCommand)[0]?.args[0].input.Key).toEqual({
      pk: `APIKEY#${sha256('oms_unknown-key')}`,
      sk: 'APIKEY',
    });
    expect(documentClientMock.commandCalls(TransactWriteCommand)).toEqual([]);
  });

  it('answers 201 with the new order and its Location after one transaction on the orders table', async () => {
    // Prepare
    const apiKey = activeApiKey();
    documentClientMock.on(TransactWriteCommand).resolves({});

    // Act
    const response = await invoke(placeOrderEvent(apiKey));

    // Assess
    expect(response.statusCode).toBe(201);
    const order = jsonBody(response);
    expect(order).toMatchObject({ channelId, channelOrderRef: 'WEB-100234', status: 'PLACED', version: 1 });
    expect(order.id).toMatch(/^ord_[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(response.headers).toMatchObject({ 'content-type': 'application/json', location: `/orders/${String(order.id)}` });
    const writes = documentClientMock.commandCalls(TransactWriteCommand);
    expect(writes).toHaveLength(1);
    expect(writes[0]?.args[0].input.TransactItems?.map((item) => item.Put?.TableName)).toEqual([ordersTableName, ordersTableName]);
    expect(writes[0]?.args[0].input.TransactItems?.[0]?.Put?.Item).toMatchObject({
      pk: `ORDER#${String(order.id)}`,
      requestFingerprint: fingerprintOrderRequest(PlaceOrderRequestSchema.parse(placeOrderExample)),
    });
  });

  describe('when the channelOrderRef is already taken', () => {
    function storedOrderWithFingerprint(existing: Order, requestFingerprint: string) {
      documentClientMock
        .on(TransactWriteCommand)
        .rejects(
          new TransactionCanceledException({
            message: 'Transaction cancelled, please refer cancellation reasons for specific reasons [None, ConditionalCheckFailed]',
            $metadata: {},
            CancellationReasons: [{ Code: 'None' }, { Code: 'ConditionalCheckFailed' }],
          }),
        )
        .on(GetCommand, { Key: { pk: `CHANNELREF#${channelId}#WEB-100234`, sk: 'CHANNELREF' } })
        .resolves({ Item: { pk: `CHANNELREF#${channelId}#WEB-100234`, sk: 'CHANNELREF', entity: 'ChannelOrderRef', orderId: existing.id } })
        .on(GetCommand, { Key: { pk: `ORDER#${existing.id}`, sk: 'ORDER' } })
        .resolves({ Item: { pk: `ORDER#${existing.id}`, sk: 'ORDER', entity: 'Order', requestFingerprint, ...existing } });
    }

    it('answers 200 with the existing order when the stored request has the same fingerprint', async () => {
      // Prepare
      const apiKey = activeApiKey();
      const existing = placedOrder({ orderId: 'ord_EXISTING', channelId, placedAt: '2025-03-01T10:00:00.000Z' });
      storedOrderWithFingerprint(existing, fingerprintOrderRequest(PlaceOrderRequestSchema.parse(placeOrderExample)));

      // Act
      const response = await invoke(placeOrderEvent(apiKey));

      // Assess
      expect(response.statusCode).toBe(200);
      expect(jsonBody(response)).toEqual(JSON.parse(JSON.stringify(existing)));
      expect(response.headers).toMatchObject({ location: '/orders/ord_EXISTING' });
    });

    it('answers 409 DUPLICATE_CHANNEL_ORDER_REF when the stored request has different content', async () => {
      // Prepare
      const apiKey = activeApiKey();
      const existing = placedOrder({ orderId: 'ord_EXISTING', channelId });
      storedOrderWithFingerprint(existing, 'fingerprint-of-another-request');

      // Act
      const response = await invoke(placeOrderEvent(apiKey));

      // Assess
      expect(response.statusCode).toBe(409);
      expect(jsonBody(response)).toMatchObject({ code: 'DUPLICATE_CHANNEL_ORDER_REF' });
    });
  });

  it('answers 400 MALFORMED_JSON for a broken body without starting a transaction', async () => {
    // Prepare
    const apiKey = activeApiKey();
    documentClientMock.on(TransactWriteCommand).resolves({});

    // Act
    const response = await invoke(placeOrderEvent(apiKey, { body: '{"channelOrderRef": "A-1", ' }));

    // Assess
    expect(response.statusCode).toBe(400);
    expect(response.headers).toMatchObject({ 'content-type': 'application/problem+json' });
    expect(ProblemSchema.parse(jsonBody(response))).toMatchObject({ status: 400, code: 'MALFORMED_JSON' });
    expect(documentClientMock.commandCalls(TransactWriteCommand)).toEqual([]);
  });

  it('answers 422 for a request that breaks a business rule without starting a transaction', async () => {
    // Prepare
    const apiKey = activeApiKey();
    const body = { ...structuredClone(placeOrderExample), expectedTotal: { amount: 1, currency: 'EUR' } };

    // Act
    const response = await invoke(placeOrderEvent(apiKey, { body: JSON.stringify(body) }));

    // Assess
    expect(response.statusCode).toBe(422);
    expect(jsonBody(response)).toMatchObject({
      code: 'ORDER_RULES_VIOLATED',
      errors: [expect.objectContaining({ path: 'expectedTotal.amount', code: 'TOTAL_MISMATCH' })],
    });
    expect(documentClientMock.commandCalls(TransactWriteCommand)).toEqual([]);
  });

  it('records the channel-scoped Idempotency-Key in the idempotency table before the order transaction, and the result after it', async () => {
    // Prepare
    const apiKey = activeApiKey();
    const sequence: string[] = [];
    lowLevelClientMock
      .on(PutItemCommand)
      .callsFake((input: PutItemCommandInput) => {
        sequence.push(`PutItem ${input.TableName}`);
        return {};
      })
      .on(UpdateItemCommand)
      .callsFake((input: { TableName?: string }) => {
        sequence.push(`UpdateItem ${input.TableName}`);
        return {};
      });
    documentClientMock.on(TransactWriteCommand).callsFake((input: { TransactItems: { Put: { TableName: string } }[] }) => {
      sequence.push(`TransactWrite ${input.TransactItems[0]?.Put.TableName}`);
      return {};
    });

    // Act
    const response = await invoke(placeOrderEvent(apiKey, { headers: { 'Idempotency-Key': 'idem-create-1' } }));

    // Assess
    expect(response.statusCode).toBe(201);
    expect(sequence).toEqual([
      `PutItem ${idempotencyTableName}`,
      `TransactWrite ${ordersTableName}`,
      `UpdateItem ${idempotencyTableName}`,
    ]);
    const record = lowLevelClientMock.commandCalls(PutItemCommand)[0]?.args[0].input;
    // Powertools keys the record on md5([scope, key]): the channel is part of it, so channels cannot collide.
    const recordKey = createHash('md5').update(JSON.stringify([channelId, 'idem-create-1'])).digest('base64');
    expect(record?.Item?.id?.S).toBe(`place-order#${recordKey}`);
    expect(record?.Item?.status?.S).toBe('INPROGRESS');
  });

  it('does not touch the idempotency table without an Idempotency-Key', async () => {
    // Prepare
    const apiKey = activeApiKey();
    documentClientMock.on(TransactWriteCommand).resolves({});

    // Act
    const response = await invoke(placeOrderEvent(apiKey));

    // Assess
    expect(response.statusCode).toBe(201);
    expect(lowLevelClientMock.calls()).toEqual([]);
  });

  it('refuses an Idempotency-Key with a space with 400 VALIDATION_FAILED before any write', async () => {
    // Prepare
    const apiKey = activeApiKey();

    // Act
    const response = await invoke(placeOrderEvent(apiKey, { headers: { 'Idempotency-Key': 'two words' } }));

    // Assess
    expect(response.statusCode).toBe(400);
    expect(jsonBody(response)).toMatchObject({
      code: 'VALIDATION_FAILED',
      errors: [expect.objectContaining({ path: 'idempotency-key' })],
    });
    expect(lowLevelClientMock.calls()).toEqual([]);
    expect(documentClientMock.commandCalls(TransactWriteCommand)).toEqual([]);
  });
});

/**
 * The analytics functions as Lambda runs them: the consumer turns a bus event into one recorded
 * commit, and the report functions answer only ops keys, with problem+json naming a bad parameter.
 */
import { createHash } from 'node:crypto';
import { BatchGetCommand, DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyStructuredResultV2, EventBridgeEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { KpiReportSchema } from '../../../shared/contracts/reports';
import { OrderPlaced } from '../../../shared/events/catalog/order-events';
import { domainEvent, toOutgoingEvent } from '../../../shared/events/event-publisher';
import { httpEvent, lambdaContext } from '../fixtures/api-gateway';
import { importWithLambdaEnvironment, resetBetweenLambdaTests } from '../fixtures/lambda-environment';

import type * as RecordModule from '../../../functions/analytics/record-analytics-event';
import type * as KpiModule from '../../../functions/reports/get-kpi-report';

const analyticsTable = 'oms-analytics-test';
const ordersTable = 'oms-orders-test';
const dynamoDb = mockClient(DynamoDBDocumentClient);
let recordHandler: typeof RecordModule.handler;
let kpiHandler: typeof KpiModule.handler;

beforeAll(async () => {
  ({ handler: recordHandler } = await importWithLambdaEnvironment(() => import('../../../functions/analytics/record-analytics-event'), { ANALYTICS_TABLE_NAME: analyticsTable, ORDERS_TABLE_NAME: ordersTable }));
  ({ handler: kpiHandler } = await importWithLambdaEnvironment(() => import('../../../functions/reports/get-kpi-report'), { ANALYTICS_TABLE_NAME: analyticsTable, ORDERS_TABLE_NAME: ordersTable }));
});

resetBetweenLambdaTests(dynamoDb);

beforeEach(() => {
  dynamoDb.on(PutCommand).resolves({});
  dynamoDb.on(TransactWriteCommand).resolves({});
  dynamoDb.on(QueryCommand).resolves({ Items: [] });
  dynamoDb.on(BatchGetCommand).resolves({ Responses: {} });
});

const order = {
  orderId: 'ord_1',
  channelId: 'demo-web',
  channelOrderRef: 'WEB-1',
  status: 'PLACED' as const,
  customer: { id: 'c-1', email: 'ada@example.com' },
  grandTotal: { amount: 3998, currency: 'EUR' },
  placedAt: new Date().toISOString(),
};

function busEvent(detailType = OrderPlaced.detailType): EventBridgeEvent<string, unknown> {
  const outgoing = toOutgoingEvent(domainEvent(OrderPlaced, { order, deliveryMethod: 'HOME_DELIVERY', lineCount: 1 }, { eventId: 'evt-placed-1' }));
  return { version: '0', id: 'eb-1', 'detail-type': detailType, source: outgoing.source, account: '000000000000', time: new Date().toISOString(), region: 'eu-central-1', resources: [], detail: JSON.parse(outgoing.detail) };
}

let keySequence = 0;
function apiKeyWith(scopes: string[]): string {
  keySequence += 1;
  const apiKey = `oms_analytics-test-${keySequence}`;
  const hash = createHash('sha256').update(apiKey, 'utf8').digest('hex');
  dynamoDb.on(GetCommand, { TableName: ordersTable, Key: { pk: `APIKEY#${hash}`, sk: 'APIKEY' } }).resolves({ Item: { pk: `APIKEY#${hash}`, sk: 'APIKEY', entity: 'ApiKey', channelId: 'ops-team', status: 'active', scopes } });
  return apiKey;
}

const kpiRequest = (apiKey: string, query: Record<string, string>) => ({ ...httpEvent({ method: 'GET', path: '/reports/kpis', headers: { 'x-api-key': apiKey } }), queryStringParameters: query });
const bodyOf = (response: APIGatewayProxyStructuredResultV2) => JSON.parse(String(response.body));

describe('record-analytics-event handler', () => {
  it('records an OrderPlaced from the bus as one transaction on the analytics table: marker, channel hour and its rollups', async () => {
    // Act
    const summary = await recordHandler(busEvent(), lambdaContext('record-analytics-event'));

    // Assess
    expect(summary).toMatchObject({ eventId: 'evt-placed-1', outcome: 'recorded' });
    const items = dynamoDb.commandCalls(TransactWriteCommand)[0]?.args[0].input.TransactItems ?? [];
    expect(items.map((item) => item.Put?.Item?.pk ?? item.Update?.Key?.pk)).toEqual(['EVENT#evt-placed-1', 'KPI#demo-web', 'KPIDAY#demo-web', 'NETWORK', 'NETWORKDAY']);
    expect(items.every((item) => (item.Put ?? item.Update)?.TableName === analyticsTable)).toBe(true);
  });

  describe('business metrics (EMF)', () => {
    /** The EMF documents written to stdout while `act` runs, with metrics switched on as in Lambda. */
    async function emfDuring(act: () => Promise<unknown>) {
      vi.stubEnv('POWERTOOLS_METRICS_DISABLED', 'false');
      const written: string[] = [];
      const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
        written.push(String(chunk));
        return true;
      });
      try {
        await act();
      } finally {
        write.mockRestore();
        vi.stubEnv('POWERTOOLS_METRICS_DISABLED', 'true');
      }
      return written.flatMap((line) => line.split('\n')).flatMap((line) => (line.includes('"_aws"') ? [JSON.parse(line) as Record<string, unknown> & { _aws: { CloudWatchMetrics: { Namespace: string; Dimensions: string[][]; Metrics: { Name: string; Unit: string }[] }[] } }] : []));
    }

    afterEach(() => vi.restoreAllMocks());

    it('emits OrdersPlaced and OrderValue with the channel dimension, in the functions’ namespace, when an order is newly recorded', async () => {
      // Act
      const documents = await emfDuring(() => recordHandler(busEvent(), lambdaContext('record-analytics-event')));

      // Assess
      // The dashboard searches each metric by exactly these dimensions: channel, and the service Powertools adds.
      const business = documents.filter((document) => 'channel' in document);
      expect(business.map((document) => ({ metrics: document._aws.CloudWatchMetrics[0]?.Metrics, namespace: document._aws.CloudWatchMetrics[0]?.Namespace, dimensions: document._aws.CloudWatchMetrics[0]?.Dimensions.map((set) => [...set].sort()) }))).toEqual([
        { metrics: [{ Name: 'OrdersPlaced', Unit: 'Count' }], namespace: 'oms-unit', dimensions: [['channel', 'service']] },
        { metrics: [{ Name: 'OrderValue', Unit: 'None' }], namespace: 'oms-unit', dimensions: [['channel', 'service']] },
      ]);
      expect(business.map((document) => document.service)).toEqual(['oms-unit', 'oms-unit']);
      expect(business.map((document) => [document.channel, document.OrdersPlaced ?? document.OrderValue])).toEqual([
        ['demo-web', 1],
        ['demo-web', 3998],
      ]);
    });

    it('emits nothing for a redelivered event, so a replay never counts an order twice', async () => {
      // Prepare: the marker exists, the transaction is cancelled on it
      dynamoDb.on(TransactWriteCommand).rejects(new TransactionCanceledException({ message: 'Transaction cancelled', $metadata: {}, CancellationReasons: [{ Code: 'ConditionalCheckFailed' }, { Code: 'None' }] }));

      // Act
      let summary: unknown;
      const documents = await emfDuring(async () => (summary = await recordHandler(busEvent(), lambdaContext('record-analytics-event'))));

      // Assess
      expect(summary).toMatchObject({ outcome: 'duplicate' });
      expect(documents.filter((document) => 'channel' in document)).toEqual([]);
    });
  });

  it('fails an event its rule should not have sent, so the mismatch shows', async () => {
    // Act + Assess
    await expect(recordHandler(busEvent('OrderFlewAway'), lambdaContext('record-analytics-event'))).rejects.toThrow(/rule's pattern and its target disagree/);
  });
});

describe('get-kpi-report handler', () => {
  it('answers an ops key with the report of every day of the period', async () => {
    // Act
    const response = (await kpiHandler(kpiRequest(apiKeyWith(['ops']), { from: '2025-03-01', to: '2025-03-03', tz: 'Europe/Berlin' }), lambdaContext('get-kpi-report'))) as APIGatewayProxyStructuredResultV2;

    // Assess
    expect(response.statusCode).toBe(200);
    const report = KpiReportSchema.parse(bodyOf(response));
    expect(report.days.map((day) => day.date)).toEqual(['2025-03-01', '2025-03-02', '2025-03-03']);
    expect(report).toMatchObject({ timeZone: 'Europe/Berlin', channel: null, totals: { ordersPlaced: 0 } });
  });

  it('refuses a channel key without the ops scope with 403', async () => {
    // Act
    const response = (await kpiHandler(kpiRequest(apiKeyWith(['orders']), { from: '2025-03-01', to: '2025-03-03' }), lambdaContext('get-kpi-report'))) as APIGatewayProxyStructuredResultV2;

    // Assess
    expect(response.statusCode).toBe(403);
    expect(bodyOf(response)).toMatchObject({ code: 'INSUFFICIENT_SCOPE' });
    expect(dynamoDb.commandCalls(QueryCommand)).toHaveLength(0);
  });

  it.each([
    [{ from: '2025-03-01', to: '2025-03-03', tz: 'Mars/Olympus' }, 'tz'],
    [{ from: '2025-03-05', to: '2025-03-03' }, 'to'],
    [{ from: '2024-01-01', to: '2025-03-03' }, 'to'],
    [{ from: '2025-3-1', to: '2025-03-03' }, 'from'],
  ])('answers %o with 400 problem+json naming %s', async (query, field) => {
    // Act
    const response = (await kpiHandler(kpiRequest(apiKeyWith(['ops']), query), lambdaContext('get-kpi-report'))) as APIGatewayProxyStructuredResultV2;

    // Assess
    expect(response.statusCode).toBe(400);
    expect(response.headers?.['content-type']).toBe('application/problem+json');
    expect(bodyOf(response).errors.map((error: { path: string }) => error.path)).toEqual([field]);
  });
});

/** Helpers for lifecycle tests: orders of their own SKUs and customers, stock set up for them, and polling. */
import { DescribeExecutionCommand, GetExecutionHistoryCommand, SFNClient } from '@aws-sdk/client-sfn';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { expect, inject } from 'vitest';
import { localTableName, tables } from '../../../infra/definitions/tables';
import { DynamoDbInventoryRepository } from '../../../shared/adapters/dynamodb/inventory-repository';
import { call, type ApiAnswer } from '../api-client';
import { uniqueId } from '../inventory/inventory-api';

export { uniqueId };

const inventory = () =>
  new DynamoDbInventoryRepository(DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: inject('dynamoDbEndpoint') })), localTableName(tables.inventory));

/** Puts `onHand` units of a fresh SKU at each given location. */
export async function stockedSku(label: string, stock: Record<string, number>): Promise<string> {
  const sku = uniqueId(label).toUpperCase();
  for (const [locationId, onHand] of Object.entries(stock)) {
    const answer = await call('PUT', `/stock/${sku}/${locationId}`, { body: { onHand, safetyStock: 0 } });
    expect(answer.status, JSON.stringify(answer.body)).toBeLessThan(300);
  }
  return sku;
}

export const stockOf = async (sku: string, locationId: string) => inventory().getStock(sku, locationId);
export const reservationsOf = async (orderId: string) => inventory().reservationsOf(orderId);

export interface OrderSpec {
  readonly lines: readonly { sku: string; quantity: number; unitPrice?: number }[];
  readonly payment?: string;
  readonly metadata?: Record<string, string>;
  readonly overrides?: Record<string, unknown>;
  readonly apiKey?: string;
}

/** A home-delivery order in Berlin by a customer nobody else uses (so velocity rules stay quiet). */
export async function placeOrder({ lines, payment = 'pm_card_visa', metadata, overrides = {}, apiKey }: OrderSpec): Promise<{ id: string; totals: { grandTotal: { amount: number } } }> {
  const body = {
    channelOrderRef: uniqueId('LC'),
    customer: { id: uniqueId('cust'), email: 'lifecycle@example.com' },
    currency: 'EUR',
    lines: lines.map((line) => ({ sku: line.sku, quantity: line.quantity, unitPrice: { amount: line.unitPrice ?? 1000, currency: 'EUR' } })),
    deliveryMethod: 'HOME_DELIVERY',
    shippingAddress: { name: 'Ada Lovelace', line1: 'Unter den Linden 1', city: 'Berlin', postalCode: '10117', country: 'DE' },
    shippingPrice: { amount: 495, currency: 'EUR' },
    payment: { reference: payment },
    ...(metadata && { metadata }),
    ...overrides,
  };
  const answer = await call('POST', '/orders', { body, ...(apiKey && { apiKey }) });
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  return answer.body;
}

export const getOrder = async (orderId: string, apiKey?: string): Promise<ApiAnswer> => call('GET', `/orders/${orderId}`, apiKey ? { apiKey } : {});

/** Polls the order until `done` says so (or the time runs out, which fails with the last state seen). */
export async function waitForOrder(orderId: string, done: (order: any) => boolean, { timeoutMs = 30_000, apiKey }: { timeoutMs?: number; apiKey?: string } = {}): Promise<any> { // eslint-disable-line @typescript-eslint/no-explicit-any -- tests read arbitrary JSON
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    const answer = await getOrder(orderId, apiKey);
    last = answer.body;
    if (answer.status === 200 && done(answer.body)) return answer.body;
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  throw new Error(`Order ${orderId} did not get there in ${timeoutMs} ms; last seen: ${JSON.stringify(last)}`);
}

export const waitForStatus = (orderId: string, status: string, options?: { timeoutMs?: number; apiKey?: string }) =>
  waitForOrder(orderId, (order) => order.status === status, options);

export const terminalStatuses = ['COMPLETED', 'CANCELLED', 'PAYMENT_DECLINED', 'REJECTED', 'FAILED'];

const stepFunctions = () => new SFNClient({ endpoint: inject('awsEndpoint'), region: 'eu-central-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
const executionArnOf = (orderId: string) => `arn:aws:states:eu-central-1:000000000000:execution:order-lifecycle:${orderId}`;

export async function executionOf(orderId: string) {
  return stepFunctions().send(new DescribeExecutionCommand({ executionArn: executionArnOf(orderId) }));
}

/** Every event of the order's execution, with its input and output data, as the console shows them. */
export async function executionHistoryOf(orderId: string) {
  return (await stepFunctions().send(new GetExecutionHistoryCommand({ executionArn: executionArnOf(orderId), maxResults: 1000 }))).events ?? [];
}

/** The money summary must balance: nothing left authorized once the order ended. */
export function expectMoneySettled(order: any) { // eslint-disable-line @typescript-eslint/no-explicit-any -- tests read arbitrary JSON
  expect(order.money?.outstandingAuthorization?.amount ?? 0).toBe(0);
}

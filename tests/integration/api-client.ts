/** Small helpers for talking to the local runtime over real HTTP, as a storefront would. */
import { DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { inject } from 'vitest';
import { placeOrderExample } from '../../shared/contracts/order';

export const apiUrl = () => inject('apiUrl');

export interface ApiAnswer {
  status: number;
  headers: Headers;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests read arbitrary JSON
}

export async function call(
  method: string,
  path: string,
  { body, apiKey = inject('demoApiKey'), headers = {} }: { body?: unknown; apiKey?: string | null; headers?: Record<string, string> } = {},
): Promise<ApiAnswer> {
  const response = await fetch(`${apiUrl()}${path}`, {
    method,
    headers: {
      ...(body !== undefined && { 'content-type': 'application/json' }),
      ...(apiKey !== null && { 'x-api-key': apiKey }),
      ...headers,
    },
    ...(body !== undefined && { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // Not JSON: keep the text so the assertion shows it.
  }
  return { status: response.status, headers: response.headers, body: parsed };
}

let sequence = 0;
/** A valid order with a reference no other test uses. */
export function uniqueOrder(overrides: Record<string, unknown> = {}) {
  sequence += 1;
  return {
    ...structuredClone(placeOrderExample),
    channelOrderRef: `T-${process.pid}-${Date.now()}-${sequence}`,
    ...overrides,
  } as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests mutate freely
}

/**
 * Every order and channel-reference guard in the orders table, read directly: proves a rejected
 * request captured nothing. Only what capture writes is counted: the lifecycles of orders placed by
 * earlier tests keep writing their own records (task tokens, payments) in the background.
 */
export async function countStoredItems(): Promise<number> {
  const client = new DynamoDBClient({
    endpoint: inject('dynamoDbEndpoint'),
    region: 'eu-central-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  try {
    let count = 0;
    let startKey: Record<string, any> | undefined; // eslint-disable-line @typescript-eslint/no-explicit-any
    do {
      const page = await client.send(new ScanCommand({
          TableName: inject('ordersTableName'),
          Select: 'COUNT',
          FilterExpression: 'entity IN (:order, :guard)',
          ExpressionAttributeValues: { ':order': { S: 'Order' }, ':guard': { S: 'ChannelOrderRef' } },
          ExclusiveStartKey: startKey,
        }));
      count += page.Count ?? 0;
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return count;
  } finally {
    client.destroy();
  }
}

/**
 * What capture decided about an order, without what its lifecycle changes from the first second on
 * (status, version, risk verdict, shipments, payments): a read may come after the first step ran.
 */
// eslint-disable-next-line @typescript-eslint/no-unused-vars, @typescript-eslint/no-explicit-any -- the lifecycle's fields are left out on purpose; tests read arbitrary JSON
export const asCaptured = ({ status, statusHistory, version, updatedAt, risk, shipments, payments, money, paymentAction, ...captured }: any) => captured;

/** Helpers for the inventory API tests: their own keys, locations and SKUs, and direct reads of the table. */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, expect, inject } from 'vitest';
import { localTableName, tables } from '../../../infra/definitions/tables';
import { DynamoDbInventoryRepository } from '../../../shared/adapters/dynamodb/inventory-repository';
import { adjustmentKey } from '../../../shared/adapters/dynamodb/inventory-keys';
import type { ApiScope } from '../../../shared/ports/channel-repository';
import { call, type ApiAnswer } from '../api-client';
import { issueApiKey } from './scoped-api-key';

let sequence = 0;
/** An id no other test (or run) uses. */
export const uniqueId = (label: string) => `${label}-${process.pid}-${Date.now().toString(36)}-${(sequence += 1)}`;

/** Keys with exactly the scopes a test needs, issued once per test file. */
export async function issueInventoryKeys() {
  const scoped = (scopes: readonly ApiScope[]) => issueApiKey(scopes);
  return {
    writer: await scoped(['inventory:read', 'inventory:write']),
    reader: await scoped(['inventory:read']),
  };
}

/** An API call with a given key; JSON bodies as with `call`, strings sent as they are. */
export const callWith =
  (apiKey: string) =>
  (method: string, path: string, options: { body?: unknown; headers?: Record<string, string> } = {}): Promise<ApiAnswer> =>
    call(method, path, { ...options, apiKey });

/** A location body of LocationInput + id: a warehouse unless told otherwise. */
export function locationBody(id: string, overrides: Record<string, unknown> = {}) {
  return {
    id,
    name: `Test location ${id}`,
    type: 'WAREHOUSE',
    coordinates: { lat: 50.1109, lon: 8.6821 },
    country: 'DE',
    capabilities: { ship: true, pickup: false, shipFromStore: false },
    cutoff: { time: '16:00', timeZone: 'Europe/Berlin' },
    processingDays: 1,
    shipmentCost: 400,
    ...overrides,
  };
}

/** Creates a location through the API and checks it was created. */
export async function createLocation(apiKey: string, id = uniqueId('loc'), overrides: Record<string, unknown> = {}) {
  const answer = await callWith(apiKey)('POST', '/locations', { body: locationBody(id, overrides) });
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  return answer.body as { id: string; version: number };
}

/** Expects a problem+json answer with this status and code. */
export function expectProblem(answer: ApiAnswer, status: number, code: string) {
  expect(answer.status, JSON.stringify(answer.body)).toBe(status);
  expect(answer.headers.get('content-type')).toBe('application/problem+json');
  expect(answer.body).toMatchObject({ status, code });
}

function documentClient() {
  const client = new DynamoDBClient({
    endpoint: inject('dynamoDbEndpoint'),
    region: 'eu-central-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  return { client, documents: DynamoDBDocumentClient.from(client) };
}

/** The inventory repository on the runtime's table for a whole test file; its connection is closed after the file's tests. */
export function inventoryForTestFile(): DynamoDbInventoryRepository {
  const { client, documents } = documentClient();
  afterAll(() => client.destroy());
  return new DynamoDbInventoryRepository(documents, localTableName(tables.inventory));
}

/** The inventory repository on the runtime's table, for arranging state the API does not create (reservations). */
export async function withInventory<T>(work: (inventory: DynamoDbInventoryRepository) => Promise<T>): Promise<T> {
  const { client, documents } = documentClient();
  try {
    return await work(new DynamoDbInventoryRepository(documents, localTableName(tables.inventory)));
  } finally {
    client.destroy();
  }
}

/** The stored record of an adjustment, read straight from the table: proves whether it was written. */
export async function storedAdjustment(adjustmentId: string): Promise<Record<string, unknown> | undefined> {
  const { client, documents } = documentClient();
  try {
    const { Item } = await documents.send(new GetCommand({ TableName: localTableName(tables.inventory), Key: adjustmentKey(adjustmentId), ConsistentRead: true }));
    return Item;
  } finally {
    client.destroy();
  }
}

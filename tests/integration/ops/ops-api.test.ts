/**
 * The Ops API end to end on the local runtime: ops keys only, the hold queue, stuck orders, failed
 * executions and their redrive, dead letters and their redrive, and escalations, each from the real
 * lifecycle, bus, queue and tables.
 */
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { DynamoDbOrderRepository } from '../../../shared/adapters/dynamodb/order-repository';
import { call, type ApiAnswer } from '../api-client';
import { issueApiKey } from '../inventory/scoped-api-key';
import { executionOf, placeOrder, stockedSku, uniqueId, waitForOrder, waitForStatus } from '../lifecycle/lifecycle-api';

let opsKey: string;
let ordersKey: string;
beforeAll(async () => {
  opsKey = await issueApiKey(['ops']);
  ordersKey = await issueApiKey(['orders']);
});

const opsCall = (method: string, path: string, body?: unknown) => call(method, path, { apiKey: opsKey, ...(body !== undefined && { body }) });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Pages through an ops list until an item matches (or the list ends). */
async function findListed(path: string, matches: (item: any) => boolean): Promise<any> { // eslint-disable-line @typescript-eslint/no-explicit-any -- tests read arbitrary JSON
  let cursor: string | undefined;
  for (let page = 0; page < 50; page++) {
    const separator = path.includes('?') ? '&' : '?';
    const answer = await opsCall('GET', `${path}${cursor ? `${separator}cursor=${encodeURIComponent(cursor)}` : ''}`);
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    const found = answer.body.items.find(matches);
    if (found) return found;
    cursor = answer.body.nextCursor;
    if (!cursor) return undefined;
  }
  return undefined;
}

/** Asks again until the item is listed, or the time runs out. */
async function eventuallyListed(path: string, matches: (item: any) => boolean, timeoutMs = 20_000): Promise<any> { // eslint-disable-line @typescript-eslint/no-explicit-any -- tests read arbitrary JSON
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const found = await findListed(path, matches);
    if (found) return found;
    await sleep(250);
  }
  throw new Error(`Nothing matching was listed at ${path} within ${timeoutMs} ms`);
}

const billedInFrance = { billingAddress: { name: 'Ada', line1: '1 Rue de Rivoli', city: 'Paris', postalCode: '75001', country: 'FR' } };

describe('Ops API', () => {
  it.each([
    ['GET', '/ops/stuck-orders'],
    ['GET', '/ops/hold-queue'],
    ['GET', '/ops/escalations'],
    ['GET', '/ops/executions'],
    ['POST', '/ops/executions/ord_01/redrive'],
    ['GET', '/ops/dead-letters'],
    ['POST', '/ops/dead-letters/redrive'],
  ])('answers %s %s 403 INSUFFICIENT_SCOPE to a channel key without ops', async (method, path) => {
    // Act
    const answer = await call(method, path, { apiKey: ordersKey, ...(method === 'POST' && { body: { ids: ['integration:m-1'] } }) });

    // Assess
    expect(answer.status).toBe(403);
    expect(answer.body).toMatchObject({ code: 'INSUFFICIENT_SCOPE' });
  });

  it('answers a bad query or body 400 naming the field, and an unknown execution 404', async () => {
    const badStatus = await opsCall('GET', '/ops/executions?status=SUCCEEDED');
    const badCursor = await opsCall('GET', '/ops/stuck-orders?cursor=bm90LWEtY3Vyc29y');
    const badId = await opsCall('POST', '/ops/dead-letters/redrive', { ids: ['not-a-dead-letter'] });
    const unknown = await opsCall('POST', '/ops/executions/ord_does_not_exist/redrive');

    expect(badStatus.status).toBe(400);
    expect(badStatus.body.errors).toEqual([expect.objectContaining({ path: 'status' })]);
    expect(badCursor.status).toBe(400);
    expect(badCursor.body).toMatchObject({ code: 'INVALID_CURSOR', errors: [expect.objectContaining({ path: 'cursor' })] });
    expect(badId.status).toBe(400);
    expect(badId.body.errors).toEqual([expect.objectContaining({ path: 'ids[0]' })]);
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ code: 'EXECUTION_NOT_FOUND' });
  });

  it('lists an order the risk screen held in the hold queue, with why and since when', async () => {
    // Prepare
    const sku = await stockedSku('ops-held', { 'wh-leipzig': 2 });
    const placed = await placeOrder({ lines: [{ sku, quantity: 1 }], overrides: billedInFrance });
    const order = await waitForStatus(placed.id, 'ON_HOLD');

    // Act
    const held = await eventuallyListed('/ops/hold-queue?limit=100', (item) => item.orderId === placed.id);

    // Assess
    expect(held).toEqual({
      orderId: placed.id,
      channelId: 'demo-web',
      since: order.statusHistory.findLast((change: { status: string }) => change.status === 'ON_HOLD').at,
      reasons: expect.arrayContaining([expect.objectContaining({ code: expect.any(String), message: expect.any(String) })]),
      grandTotal: order.totals.grandTotal,
    });
  });

  it('lists an order waiting for its warehouse past the IN_FULFILMENT service level as stuck, with the wait', async () => {
    // Prepare: the sandbox warehouse never answers this order; the tests' service level for IN_FULFILMENT is 1 s
    const sku = await stockedSku('ops-stuck', { 'wh-leipzig': 2 });
    const placed = await placeOrder({ lines: [{ sku, quantity: 1 }], metadata: { 'sandbox.wms': 'manual' } });
    await waitForStatus(placed.id, 'IN_FULFILMENT');

    // Act
    const stuck = await eventuallyListed('/ops/stuck-orders?status=IN_FULFILMENT&limit=100', (item) => item.orderId === placed.id && item.waitingFor.waits.length > 0);

    // Assess
    expect(stuck).toMatchObject({
      orderId: placed.id,
      channelId: 'demo-web',
      status: 'IN_FULFILMENT',
      slaSeconds: 1,
      waitingFor: { summary: expect.stringContaining('fulfilment#'), waits: [expect.objectContaining({ kind: 'fulfilment' })] },
    });
    expect(stuck.overdueSeconds).toBeGreaterThanOrEqual(0);

    // Cleanup: no order of this test keeps waiting
    expect((await call('POST', `/orders/${placed.id}/cancel`, { body: { reason: 'ops test done' } })).status).toBeLessThan(300);
  });

  it('lists a lifecycle execution that failed for real, with its error and failed state, and redrives it', async () => {
    // Prepare: the sandbox carrier refuses to serve OPS-REJECT, so shipping fails for good and the execution fails
    const sku = await stockedSku('ops-failed', { 'wh-leipzig': 2 });
    const shippingAddress = { name: 'Ada Lovelace', line1: 'Nowhere 1', city: 'Berlin', postalCode: 'OPS-REJECT', country: 'DE' };
    const placed = await placeOrder({ lines: [{ sku, quantity: 1 }], overrides: { shippingAddress } });
    await waitForStatus(placed.id, 'FAILED');
    await expect.poll(async () => (await executionOf(placed.id)).status, { timeout: 20_000, interval: 200 }).toBe('FAILED');

    // Act
    const failed = await eventuallyListed('/ops/executions?status=FAILED&stateMachine=lifecycle&limit=50', (item) => item.executionName === placed.id);
    const redrive = await opsCall('POST', `/ops/executions/${placed.id}/redrive`);

    // Assess
    expect(failed).toMatchObject({
      executionName: placed.id,
      executionArn: expect.stringContaining(`:execution:order-lifecycle:${placed.id}`),
      stateMachine: 'lifecycle',
      orderId: placed.id,
      status: 'FAILED',
      error: 'OrderFailed',
      cause: expect.any(String),
      failedState: 'OrderFailed',
      redriveCount: 0,
    });
    expect(redrive.status, JSON.stringify(redrive.body)).toBe(202);
    expect(redrive.body).toMatchObject({ executionName: placed.id, stateMachine: 'lifecycle', redriveDate: expect.any(String) });
    // The redrive runs the failed state again (the Fail state fails again): redriven once, FAILED once more.
    await expect.poll(async () => (await executionOf(placed.id)).redriveCount, { timeout: 10_000, interval: 200 }).toBe(1);
  });

  it('lists an event a rule target could not take from the dead-letter queue, and redrives it onto the bus', { timeout: 150_000 }, async () => {
    // Prepare: a FulfilmentCancelled that breaks its contract, so the warehouse forwarder fails it until the rule gives up
    const eventId = uniqueId('ops-dead-letter');
    const orderId = uniqueId('ord_ops');
    const bus = new EventBridgeClient({ endpoint: inject('awsEndpoint'), region: 'eu-central-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    const detail = { metadata: { eventId, eventVersion: 1, occurredAt: new Date().toISOString(), correlation: { orderId } }, data: { orderId, broken: true } };
    const put = await bus.send(new PutEventsCommand({ Entries: [{ EventBusName: 'oms-events', Source: 'oms.orders', DetailType: 'FulfilmentCancelled', Detail: JSON.stringify(detail) }] }));
    bus.destroy();
    expect(put.FailedEntryCount).toBe(0);

    // Act
    const letter = await eventuallyListed('/ops/dead-letters?source=integration&limit=100', (item) => item.orderId === orderId, 120_000);
    const redrive = await opsCall('POST', '/ops/dead-letters/redrive', { ids: [letter.id] });

    // Assess
    expect(letter).toMatchObject({
      id: expect.stringMatching(/^integration:/),
      source: 'integration',
      target: 'forward-fulfilment-to-warehouses/oms-local-forward-fulfilment-message',
      detailType: 'FulfilmentCancelled',
      orderId,
      failedAt: expect.any(String),
      error: expect.any(String),
    });
    expect(redrive.status, JSON.stringify(redrive.body)).toBe(200);
    expect(redrive.body).toEqual({ redriven: [letter.id], notFound: [], failed: [], more: false });
    expect(await findListed('/ops/dead-letters?source=integration&limit=100', (item) => item.id === letter.id)).toBeUndefined();
    // Back on the bus as it was: the same detail, so the same event id
    const published: ApiAnswer = await call('GET', `/dev/events?detailType=FulfilmentCancelled`, { apiKey: null });
    expect(published.body.items.filter((event: { detail: typeof detail }) => event.detail.metadata.eventId === eventId)).toHaveLength(2);
  });

  it('lists an escalated order with who escalated it and why', async () => {
    // Prepare: an order parked ON_HOLD, escalated through the repository as customer service's action would
    const sku = await stockedSku('ops-escalated', { 'wh-leipzig': 2 });
    const placed = await placeOrder({ lines: [{ sku, quantity: 1 }], overrides: billedInFrance });
    await waitForStatus(placed.id, 'ON_HOLD');
    const escalation = { by: 'cs-agent-7', reason: 'Customer called about the hold', at: new Date().toISOString() };
    await escalate(placed.id, escalation);

    // Act
    const escalated = await eventuallyListed('/ops/escalations?limit=100', (item) => item.orderId === placed.id);
    const stillHeld = await findListed('/ops/hold-queue?limit=100', (item) => item.orderId === placed.id);

    // Assess: an escalated order is in the escalations, not also in the hold queue
    expect(escalated).toEqual({ orderId: placed.id, channelId: 'demo-web', status: 'ON_HOLD', ...escalation });
    expect(stillHeld).toBeUndefined();
    await waitForOrder(placed.id, (order) => order.escalation?.by === 'cs-agent-7');
  });
});

/** Sets the order's escalation with the production repository (optimistic locking: the lifecycle may write meanwhile). */
async function escalate(orderId: string, escalation: { by: string; reason: string; at: string }) {
  const client = new DynamoDBClient({ endpoint: inject('dynamoDbEndpoint'), region: 'eu-central-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  try {
    const orders = new DynamoDbOrderRepository(DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } }), inject('ordersTableName'));
    for (let attempt = 0; attempt < 10; attempt++) {
      const stored = await orders.get(orderId);
      if (!stored) throw new Error(`No order ${orderId}`);
      const { order } = stored;
      if (await orders.update({ ...order, escalation, version: order.version + 1, updatedAt: escalation.at }, order.version)) return;
    }
    throw new Error(`Could not escalate ${orderId}`);
  } finally {
    client.destroy();
  }
}

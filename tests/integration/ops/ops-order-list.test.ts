/**
 * The cross-channel order list for ops: GET /ops/orders on the local runtime, and the byPlacedMonth
 * index walk underneath it on DynamoDB Local, across months, shards and window bounds.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { opsQueueShardOf, placedMonthOf, placedMonthPartition, placedSortKey } from '../../../shared/adapters/dynamodb/order-keys';
import { DynamoDbOrderOpsQueues } from '../../../shared/adapters/dynamodb/order-ops-queues';
import type { QueuedOrder } from '../../../shared/ports/ops-queues';
import { call } from '../api-client';
import { issueApiKey } from '../inventory/scoped-api-key';
import { placeOrder, stockedSku, waitForStatus } from '../lifecycle/lifecycle-api';

const suffix = randomBytes(4).toString('hex');
const [channelA, channelB] = [`ops-list-a-${suffix}`, `ops-list-b-${suffix}`];
let opsKey: string;
let keyA: string;
let keyB: string;

beforeAll(async () => {
  opsKey = await issueApiKey(['ops'], 'ops-team');
  keyA = await issueApiKey(['orders'], channelA);
  keyB = await issueApiKey(['orders'], channelB);
});

const opsGet = (path: string) => call('GET', path, { apiKey: opsKey });

/** Every page of an ops order list, following nextCursor. */
async function allPages(path: string): Promise<{ id: string; channelId: string; placedAt: string; status: string }[][]> {
  const pages = [];
  let cursor: string | undefined;
  do {
    const answer = await opsGet(`${path}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    pages.push(answer.body.items);
    cursor = answer.body.nextCursor;
  } while (cursor && pages.length < 200);
  return pages;
}

describe('GET /ops/orders', () => {
  it('lists every channel’s orders newest first, page by page, and one channel’s when named', async () => {
    // Prepare: orders in two channels, interleaved
    const since = new Date(Date.now() - 1000).toISOString();
    const sku = await stockedSku('ops-list', { 'wh-leipzig': 20 });
    const placed = [];
    for (const apiKey of [keyA, keyB, keyA, keyB]) placed.push(await placeOrder({ lines: [{ sku, quantity: 1 }], apiKey }));

    // Act
    const pages = await allPages(`/ops/orders?limit=2&placedFrom=${encodeURIComponent(since)}`);
    const onlyB = await opsGet(`/ops/orders?channel=${channelB}&limit=100`);

    // Assess: the window holds other tests' orders too, so the check is on ours and on the order of all
    const listed = pages.flat();
    expect(pages.slice(0, -1).every((page) => page.length === 2)).toBe(true);
    expect(new Set(listed.map((order) => order.id)).size).toBe(listed.length);
    const sortKeys = listed.map((order) => `${order.placedAt}#${order.id}`);
    expect(sortKeys).toEqual([...sortKeys].sort().reverse());
    const ours = listed.filter((order) => order.channelId === channelA || order.channelId === channelB).map((order) => order.id);
    expect(ours).toEqual(placed.map((order) => order.id).reverse());
    expect(onlyB.status).toBe(200);
    expect(onlyB.body.items.map((order: { id: string }) => order.id)).toEqual([placed[3]?.id, placed[1]?.id]);
  });

  it('lets an ops key read any channel’s order and timeline, while another channel’s key still gets 404', async () => {
    // Prepare
    const sku = await stockedSku('ops-read', { 'wh-leipzig': 2 });
    const placed = await placeOrder({ lines: [{ sku, quantity: 1 }], apiKey: keyA });

    // Act
    const asOps = await call('GET', `/orders/${placed.id}`, { apiKey: opsKey });
    const timeline = await call('GET', `/orders/${placed.id}/timeline`, { apiKey: opsKey });
    const asOtherChannel = await call('GET', `/orders/${placed.id}`, { apiKey: keyB });

    // Assess
    expect(asOps.status, JSON.stringify(asOps.body)).toBe(200);
    expect(asOps.body).toMatchObject({ id: placed.id, channelId: channelA });
    expect(timeline.status).toBe(200);
    expect(timeline.body.items.length).toBeGreaterThan(0);
    expect(asOtherChannel).toMatchObject({ status: 404, body: { code: 'ORDER_NOT_FOUND' } });
  });

  it('filters by status across channels: every item in that status, a completed order among the completed', async () => {
    // Prepare
    const since = new Date(Date.now() - 1000).toISOString();
    const sku = await stockedSku('ops-list-status', { 'wh-leipzig': 5 });
    const completed = await placeOrder({ lines: [{ sku, quantity: 1 }], apiKey: keyA });
    await waitForStatus(completed.id, 'COMPLETED', { apiKey: keyA });

    // Act
    const pages = await allPages(`/ops/orders?status=COMPLETED&limit=1&placedFrom=${encodeURIComponent(since)}`);

    // Assess
    const listed = pages.flat();
    expect(listed.every((order) => order.status === 'COMPLETED')).toBe(true);
    expect(listed.map((order) => order.id)).toContain(completed.id);
  });

  it('answers 400 naming the field for a customer without a channel, a reversed window and a foreign cursor, and 403 to a channel key', async () => {
    const customerWithoutChannel = await opsGet('/ops/orders?customerId=cust-1');
    const reversed = await opsGet('/ops/orders?placedFrom=2026-03-02T00:00:00Z&placedTo=2026-03-01T00:00:00Z');
    const foreignCursor = await opsGet(`/ops/orders?cursor=${Buffer.from(JSON.stringify({ pk: 'x' })).toString('base64url')}`);
    const channelKey = await call('GET', '/ops/orders', { apiKey: keyA });

    expect(customerWithoutChannel).toMatchObject({ status: 400, body: { code: 'CHANNEL_REQUIRED', errors: [{ path: 'channel' }] } });
    expect(reversed).toMatchObject({ status: 422, body: { code: 'INVALID_DATE_RANGE', errors: [{ path: 'placedFrom' }] } });
    expect(foreignCursor).toMatchObject({ status: 400, body: { code: 'INVALID_CURSOR' } });
    expect(channelKey).toMatchObject({ status: 403, body: { code: 'INSUFFICIENT_SCOPE' } });
  });
});

describe('DynamoDbOrderOpsQueues.placedOrders (DynamoDB Local)', () => {
  const client = new DynamoDBClient({ endpoint: inject('dynamoDbEndpoint'), region: 'eu-central-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  const documents = DynamoDBDocumentClient.from(client);
  afterAll(() => client.destroy());

  it('walks months newest first across shards and empty months, inside the window, without losing or repeating an entry', async () => {
    // Prepare: index entries only (no order entity, so nothing starts a lifecycle), in a year no test places orders in
    const year = 1990 + (Number.parseInt(suffix, 16) % 9);
    const at = (month: number, day: number, ms = 0) => new Date(Date.UTC(year, month - 1, day, 12, 0, 0, ms)).toISOString();
    const entries: QueuedOrder[] = [
      { orderId: `ord_p1_${suffix}`, at: at(1, 1) },
      { orderId: `ord_p2_${suffix}`, at: at(1, 31) },
      { orderId: `ord_p3_${suffix}`, at: at(3, 15) },
      { orderId: `ord_p4_${suffix}`, at: at(3, 15) },
      { orderId: `ord_p5_${suffix}`, at: at(3, 15, 1) },
      { orderId: `ord_p6_${suffix}`, at: at(7, 4) },
      { orderId: `ord_p7_${suffix}`, at: at(12, 31) },
      { orderId: `ord_p8_${suffix}`, at: at(12, 31, 5) },
    ];
    const outside = [{ orderId: `ord_before_${suffix}`, at: new Date(Date.UTC(year - 1, 11, 31, 23, 59, 59, 999)).toISOString() }, { orderId: `ord_after_${suffix}`, at: new Date(Date.UTC(year + 1, 0, 1)).toISOString() }];
    for (const entry of [...entries, ...outside]) {
      await documents.send(
        new PutCommand({
          TableName: inject('ordersTableName'),
          Item: { pk: `ORDER#${entry.orderId}`, sk: 'ORDER', entity: 'PlacedIndexProbe', gsi5pk: placedMonthPartition(placedMonthOf(entry.at), opsQueueShardOf(entry.orderId)), gsi5sk: placedSortKey(entry.at, entry.orderId) },
        }),
      );
    }
    const queues = new DynamoDbOrderOpsQueues(documents, inject('ordersTableName'));
    const window = { placedFrom: new Date(Date.UTC(year, 0, 1)).toISOString(), placedTo: new Date(Date.UTC(year + 1, 0, 1)).toISOString() };

    // Act
    const pages = [];
    let after: QueuedOrder | undefined;
    for (let page = 0; page < 10; page++) {
      const answer = await queues.placedOrders({ ...window, ...(after && { after }), limit: 3 });
      pages.push(answer);
      after = answer.orders.at(-1);
      if (!answer.more) break;
    }

    // Assess
    const newestFirst = [...entries].sort((a, b) => placedSortKey(b.at, b.orderId).localeCompare(placedSortKey(a.at, a.orderId)));
    expect(pages.flatMap((page) => page.orders)).toEqual(newestFirst);
    expect(pages.map((page) => [page.orders.length, page.more])).toEqual([[3, true], [3, true], [2, false]]);
  });
});

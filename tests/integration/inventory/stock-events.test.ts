/**
 * Stock events end to end on the local runtime: stock changed through the API reaches the inventory
 * table's stream, the stream consumer publishes StockLow / OutOfStock / BackInStock on the local
 * bus, and GET /dev/events shows what was published.
 */
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { eventDetailSchema } from '../../../shared/events/define-event';
import { BackInStock, OutOfStock, StockLow } from '../../../shared/events/catalog/stock-events';
import { callWith, issueInventoryKeys, uniqueId } from './inventory-api';

interface PublishedEvent {
  readonly id: string;
  readonly time: string;
  readonly source: string;
  readonly detailType: string;
  readonly detail: { metadata: { eventId: string }; data: { sku: string; available: number } };
}

let api: ReturnType<typeof callWith>;

beforeAll(async () => {
  const { writer } = await issueInventoryKeys();
  api = callWith(writer);
});

async function devEvents(query: Record<string, string>): Promise<{ status: number; body: { items: PublishedEvent[] } }> {
  const response = await fetch(`${inject('apiUrl')}/dev/events?${new URLSearchParams(query)}`);
  return { status: response.status, body: (await response.json()) as { items: PublishedEvent[] } };
}

/** The stock events of one SKU since `since`, once there are `count` of them (the stream is polled, so they arrive shortly after). */
async function stockEventsOf(sku: string, since: string, count: number): Promise<PublishedEvent[]> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const { body } = await devEvents({ source: 'oms.inventory', since });
    const ofSku = body.items.filter((event) => event.detail.data.sku === sku);
    if (ofSku.length >= count || Date.now() > deadline) return ofSku;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const adjust = async (sku: string, locationId: string, delta: number) => {
  const answer = await api('POST', '/stock/adjustments', { body: { adjustmentId: uniqueId('adj'), sku, locationId, delta, reason: 'Stock events test' } });
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  return answer.body as { available: number; version: number };
};

describe('stock events on the local bus', () => {
  it('publishes StockLow, OutOfStock and BackInStock as stock at a demo warehouse crosses its threshold, zero, and back', async () => {
    // Prepare: 5 units of a new SKU at the seeded Leipzig DC, low at 2 or fewer
    const sku = uniqueId('EVT');
    const locationId = 'wh-leipzig';
    const since = new Date().toISOString();
    const stocked = await api('PUT', `/stock/${sku}/${locationId}`, { body: { onHand: 5, safetyStock: 0, lowStockThreshold: 2 } });
    expect(stocked.status).toBe(200);

    // Act: down to the threshold, down to zero
    await adjust(sku, locationId, -3);
    const emptied = await adjust(sku, locationId, -2);
    const whileEmpty = await stockEventsOf(sku, since, 3);

    // Assess
    expect(whileEmpty.map((event) => event.detailType)).toEqual(['BackInStock', 'StockLow', 'OutOfStock']);
    expect(whileEmpty.map((event) => event.detail.data.available)).toEqual([5, 2, 0]);
    const [, low, out] = whileEmpty;
    expect(eventDetailSchema(StockLow).safeParse(low?.detail).error).toBeUndefined();
    expect(eventDetailSchema(OutOfStock).safeParse(out?.detail).error).toBeUndefined();
    expect(out?.detail.metadata.eventId).toBe(`stock:${sku}:${locationId}:OutOfStock:${emptied.version}`);

    // Act: back up
    const refilled = await adjust(sku, locationId, 4);
    const afterRefill = await stockEventsOf(sku, since, 4);

    // Assess
    expect(afterRefill.map((event) => event.detailType)).toEqual(['BackInStock', 'StockLow', 'OutOfStock', 'BackInStock']);
    expect(eventDetailSchema(BackInStock).safeParse(afterRefill[3]?.detail).error).toBeUndefined();
    expect(afterRefill[3]?.detail.metadata.eventId).toBe(`stock:${sku}:${locationId}:BackInStock:${refilled.version}`);
  });

  it('publishes nothing for changes that cross no line', async () => {
    // Prepare
    const sku = uniqueId('EVT-QUIET');
    const since = new Date().toISOString();
    await api('PUT', `/stock/${sku}/wh-munich`, { body: { onHand: 50, safetyStock: 0, lowStockThreshold: 5 } });

    // Act: a move that stays above the threshold, then one that marks the end of the test
    await adjust(sku, 'wh-munich', -10);
    await adjust(sku, 'wh-munich', -36);
    const published = await stockEventsOf(sku, since, 2);

    // Assess: BackInStock when stocked, StockLow at 4; nothing for 50 → 40
    expect(published.map((event) => `${event.detailType} ${event.detail.data.available}`)).toEqual(['BackInStock 50', 'StockLow 4']);
  });
});

describe('GET /dev/events', () => {
  it('answers without an API key and filters by detail-type', async () => {
    // Act
    const answer = await devEvents({ detailType: 'BackInStock' });

    // Assess
    expect(answer.status).toBe(200);
    expect(answer.body.items.length).toBeGreaterThan(0);
    expect(new Set(answer.body.items.map((event) => event.detailType))).toEqual(new Set(['BackInStock']));
  });

  it('refuses a `since` that is not an ISO 8601 instant, and an unknown filter', async () => {
    // Act
    const badSince = await devEvents({ since: 'yesterday' });
    const unknown = await devEvents({ channel: 'web' });

    // Assess
    expect(badSince.status).toBe(400);
    expect(unknown.status).toBe(400);
  });
});

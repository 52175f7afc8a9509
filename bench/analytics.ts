/**
 * Analytics: how fast a 90-day KPI report answers over 100,000 orders' counters, and how many events a
 * second the consumer records, both on DynamoDB Local.
 * - kpi_query_p99_ms: 100,000 orders in three channels over 90 days (with their allocations,
 *   shipments (a fifth split in two), deliveries, cancellations, refunds, returns and stock events)
 *   are aggregated by the same pure functions the consumer uses, and their counters written through the
 *   adapter's commit; then GET /reports/kpis's use case runs for the 90 days in Europe/Berlin over all
 *   channels, 40 times after a warm-up. Only the counters the KPI report reads are loaded (channel and
 *   network hours and their day rollups; per-SKU and per-location hours, read by the returns report,
 *   are not). The same query in America/New_York (5 or 4 hours from UTC: more hours per day to
 *   correct the day rollups by) and for one channel (its own series, and the network's stock
 *   counters) is printed for people.
 * - analytics_consumer_events_per_s: the record use case on 3,000 events of fresh orders, 8 at a time
 *   (as concurrent Lambda invocations would be), one in ten delivered twice.
 * Printed for people and as `BENCH <name> <value> <unit>`. `npx tsx bench/analytics.ts`, or from bench/run.ts.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { tables } from '../infra/definitions/tables';
import { createTables } from '../infra/local/create-tables';
import { startDynamoDbLocal } from '../infra/local/dynamodb-local';
import { DynamoDbAnalyticsStore } from '../shared/adapters/dynamodb/analytics-store';
import { applyToEntities, entityId, incrementsOf, mergeIncrements, type AnalyticsEvent, type CounterIncrement, type EntityFacts } from '../shared/domain/analytics/analytics-increments';
import { getKpiReport } from '../shared/use-cases/analytics/get-analytics-reports';
import { recordAnalyticsEvent } from '../shared/use-cases/analytics/record-analytics-event';
import { seededRandom } from './seeded-random';

const orderCount = Number(process.env.BENCH_ANALYTICS_ORDERS ?? 100_000);
const days = 90;
const queryRuns = 40;
const consumerEvents = 3000;
const consumerConcurrency = 8;

const report = (name: string, value: number, unit: string, label: string) => {
  console.log(`${label.padEnd(44)} ${value} ${unit}`);
  console.log(`BENCH ${name} ${value} ${unit}`);
};
const round = (value: number, digits = 1) => Number(value.toFixed(digits));
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] as number;

const channels = ['web', 'pos', 'marketplace'];
const skus = Array.from({ length: 200 }, (_, index) => `SKU-${String(index).padStart(4, '0')}`);
const iso = (ms: number) => new Date(ms).toISOString();

/** The events of one order (and now and then a stock event), as the lifecycle publishes them. */
function orderEvents(index: number, placedAt: number, random: () => number, prefix: string): AnalyticsEvent[] {
  const events: AnalyticsEvent[] = [];
  let sequence = 0;
  const emit = (detailType: string, at: number, data: unknown) =>
    events.push({ detailType, metadata: { eventId: `${prefix}-${index}-${sequence++}`, eventVersion: 1, occurredAt: iso(at), correlation: {} }, data });
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)] as T;
  const order = { orderId: `${prefix}-ord-${index}`, channelId: pick(channels), channelOrderRef: `R${index}`, status: 'PLACED', customer: { id: 'c', email: 'c@example.com' }, grandTotal: { amount: 1000 + Math.floor(random() * 20_000), currency: random() < 0.8 ? 'EUR' : 'USD' }, placedAt: iso(placedAt) };
  emit('OrderPlaced', placedAt, { order, deliveryMethod: 'HOME_DELIVERY', lineCount: 2 });
  if (random() < 0.03) {
    emit('OrderCancelled', placedAt + 600_000, { order, reason: pick(['CUSTOMER_REQUEST', 'FRAUD_SUSPECTED', 'PAYMENT_EXPIRED']) });
    emit('PaymentRefunded', placedAt + 660_000, { order, refundId: `rf-${index}`, amount: order.grandTotal, reason: 'cancelled' });
    return events;
  }
  const shipments = Array.from({ length: random() < 0.2 ? 2 : 1 }, (_, s) => ({ shipmentId: `${order.orderId}-s${s}`, promiseDate: iso(placedAt + (2 + Math.floor(random() * 3)) * 86_400_000).slice(0, 10), lines: [{ lineId: `l${s}`, sku: pick(skus), quantity: 1 + Math.floor(random() * 3) }] }));
  emit('OrderAllocated', placedAt + 60_000, { order, shipments: shipments.map((s) => ({ ...s, locationId: 'wh-1' })), backorderedLines: [] });
  for (const shipment of shipments) {
    const shippedAt = placedAt + (2 + random() * 40) * 3_600_000;
    emit('ShipmentShipped', shippedAt, { order, shipmentId: shipment.shipmentId, locationId: 'wh-1', status: 'SHIPPED', lines: shipment.lines });
    emit('ShipmentStatusChanged', shippedAt + (12 + random() * 90) * 3_600_000, { order, shipmentId: shipment.shipmentId, locationId: 'wh-1', from: 'OUT_FOR_DELIVERY', to: 'DELIVERED' });
  }
  if (random() < 0.08) {
    const line = shipments[0]?.lines[0] as { sku: string; quantity: number };
    emit('ReturnRequested', placedAt + 6 * 86_400_000, { order, returnId: `ret-${index}`, lines: [{ lineId: 'l0', sku: line.sku, quantity: 1, reasonCode: pick(['TOO_SMALL', 'DAMAGED', 'CHANGED_MIND']) }] });
    emit('ReturnRefunded', placedAt + 9 * 86_400_000, { order, returnId: `ret-${index}`, amount: { amount: 1500, currency: order.grandTotal.currency } });
  }
  if (random() < 0.05) emit(pick(['StockLow', 'OutOfStock', 'BackInStock']), placedAt + 120_000, { sku: pick(skus), locationId: pick(['wh-1', 'wh-2', 'store-3']), onHand: Math.floor(random() * 30) });
  return events;
}

/** Every counter of the orders, added up in memory by the consumer's own pure functions. */
function aggregate(from: number): { counters: CounterIncrement[]; events: number } {
  const random = seededRandom(42);
  const entities = new Map<string, EntityFacts>();
  const increments: CounterIncrement[] = [];
  let events = 0;
  for (let index = 0; index < orderCount; index++) {
    const placedAt = from + Math.floor(random() * days * 86_400_000);
    for (const event of orderEvents(index, placedAt, random, 'load')) {
      events += 1;
      const own = incrementsOf(event);
      const changes = applyToEntities(event, entities);
      for (const { key, facts } of changes.writes) entities.set(entityId(key), facts);
      // The report reads channel and network days and hours; per-SKU and per-location hours are the returns report's.
      increments.push(...[...own.counters, ...changes.counters].filter(({ target }) => target.kind !== 'sku' && target.kind !== 'stock'));
    }
    if (increments.length > 50_000) increments.splice(0, increments.length, ...mergeIncrements(increments));
  }
  return { counters: mergeIncrements(increments), events };
}

async function inParallel<T>(items: readonly T[], concurrency: number, work: (item: T) => Promise<unknown>) {
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < items.length) await work(items[next++] as T);
  }));
}

async function main() {
  const dynamoDb = await startDynamoDbLocal({ stateDirectory: join(tmpdir(), 'oms-bench-analytics') });
  try {
    const lowLevel = new DynamoDBClient({ endpoint: dynamoDb.endpoint, region: 'eu-central-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    await createTables(lowLevel, [{ definition: tables.analytics, tableName: 'oms-analytics-bench' }]);
    const store = new DynamoDbAnalyticsStore(DynamoDBDocumentClient.from(lowLevel, { marshallOptions: { removeUndefinedValues: true } }), 'oms-analytics-bench');

    const to = Date.parse(`${new Date().toISOString().slice(0, 10)}T00:00:00Z`) - 86_400_000;
    const from = to - (days - 1) * 86_400_000;
    const aggregated = aggregate(from);
    const parts: CounterIncrement[][] = [];
    for (let index = 0; index < aggregated.counters.length; index += 99) parts.push(aggregated.counters.slice(index, index + 99));
    const loadStarted = performance.now();
    await inParallel([...parts.entries()], 4, ([part, counters]) => store.commit({ eventId: `bench-load-${part}`, entityCount: 0, entityWrites: [], entityCounters: [], counters, channels }));
    console.log(`Loaded ${orderCount} orders (${aggregated.events} events) as ${aggregated.counters.length} hour and day counter items in ${round((performance.now() - loadStarted) / 1000)} s`);

    const timeQuery = async (timeZone: string, channel?: string) => {
      const period = { from: iso(from).slice(0, 10), to: iso(to).slice(0, 10), timeZone, ...(channel && { channel }) };
      const check = await getKpiReport(period, { store });
      const expected = channel ? orderCount / channels.length : orderCount;
      if (check.totals.ordersPlaced < expected * 0.95) throw new Error(`The report counts ${check.totals.ordersPlaced} orders of ${expected}`);
      for (let run = 0; run < 3; run++) await getKpiReport(period, { store });
      const timings: number[] = [];
      for (let run = 0; run < queryRuns; run++) {
        const started = performance.now();
        await getKpiReport(period, { store });
        timings.push(performance.now() - started);
      }
      timings.sort((a, b) => a - b);
      console.log(`90-day KPI report (${check.totals.ordersPlaced} orders, ${channel ?? `${channels.length} channels`}, ${timeZone}): p50 ${round(percentile(timings, 0.5))} ms, p99 ${round(percentile(timings, 0.99))} ms over ${queryRuns} runs`);
      return round(percentile(timings, 0.99));
    };
    const berlinP99 = await timeQuery('Europe/Berlin');
    await timeQuery('America/New_York');
    await timeQuery('Europe/Berlin', 'web');
    report('kpi_query_p99_ms', berlinP99, 'ms', '90-day KPI query p99');

    const random = seededRandom(7);
    const stream: AnalyticsEvent[] = [];
    for (let index = 0; stream.length < consumerEvents; index++) stream.push(...orderEvents(index, Date.now() - 3 * 86_400_000 + Math.floor(random() * 86_400_000), random, 'live'));
    const withDuplicates = stream.slice(0, consumerEvents).flatMap((event, index) => (index % 10 === 0 ? [event, event] : [event]));
    const started = performance.now();
    await inParallel(withDuplicates, consumerConcurrency, (event) => recordAnalyticsEvent(event, { store, now: () => new Date() }));
    const seconds = (performance.now() - started) / 1000;
    console.log(`Consumer: ${withDuplicates.length} events (one in ten twice), ${consumerConcurrency} at a time, in ${round(seconds)} s`);
    report('analytics_consumer_events_per_s', round(withDuplicates.length / seconds), 'events/s', 'Analytics consumer throughput');
    lowLevel.destroy();
  } finally {
    await dynamoDb.stop();
  }
}

await main();

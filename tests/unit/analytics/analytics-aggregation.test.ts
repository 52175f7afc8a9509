/**
 * Analytics from events: whatever the order events arrive in, however often EventBridge delivers each
 * one and however many are recorded at once, the reports equal a plain recomputation from the
 * distinct events.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { eventDetailSchema, type EventDefinition } from '../../../shared/events/define-event';
import { OrderAllocated, OrderCancelled, OrderPlaced, PaymentRefunded, ShipmentShipped, ShipmentStatusChanged } from '../../../shared/events/catalog/order-events';
import { ReturnRefunded, ReturnRequested, StoreCreditIssued } from '../../../shared/events/catalog/return-events';
import { BackInStock, OutOfStock, StockLow } from '../../../shared/events/catalog/stock-events';
import { returnReasonCodes } from '../../../shared/contracts/returns';
import { type AnalyticsEvent, deliveredOnTime, stockEventCounters } from '../../../shared/domain/analytics/analytics-increments';
import { kpiReport, returnsReport } from '../../../shared/domain/analytics/analytics-report';
import { bucketOf, bucketValue } from '../../../shared/domain/analytics/lead-time-histogram';
import { addDays, instantAtWallClock, type IsoDate } from '../../../shared/domain/promise-dates';
import { countingPlan, localDateOf, localDayHours } from '../../../shared/domain/analytics/time-buckets';
import { getKpiReport, getReturnsReport, kpiReportPlanned, returnsReportPlanned } from '../../../shared/use-cases/analytics/get-analytics-reports';
import { recordAnalyticsEvent } from '../../../shared/use-cases/analytics/record-analytics-event';
import type { BusinessMetrics } from '../../../shared/ports/business-metrics';
import { InMemoryAnalyticsStore } from './in-memory-analytics-store';

const start = Date.parse('2025-03-27T00:00:00Z'); // Europe and the US change clocks within the window
const minute = 60_000;
const iso = (ms: number) => new Date(ms).toISOString();
const skus = ['SKU-A', 'SKU-B', 'SKU-C'] as const;

const lineArb = fc.record({ sku: fc.constantFrom(...skus), quantity: fc.integer({ min: 1, max: 3 }) });
const orderArb = fc.record({
  channel: fc.constantFrom('web', 'pos'),
  placedMinute: fc.integer({ min: 0, max: 5 * 24 * 60 }),
  amount: fc.integer({ min: 100, max: 100_000 }),
  currency: fc.constantFrom('EUR', 'USD'),
  allocatedTwice: fc.boolean(),
  shipments: fc.array(
    fc.record({
      promiseDayOffset: fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }),
      // The zone of the location it ships from, which makes the promise an instant; absent: a promise published before promisedBy.
      promiseZone: fc.option(fc.constantFrom('Europe/Berlin', 'America/Los_Angeles', 'Asia/Tokyo'), { nil: undefined }),
      shipAfterSeconds: fc.integer({ min: 0, max: 3 * 86_400 }),
      deliverAfterSeconds: fc.option(fc.integer({ min: 60, max: 4 * 86_400 }), { nil: undefined }),
      pickedUp: fc.boolean(),
      lines: fc.array(lineArb, { minLength: 1, maxLength: 2 }),
    }),
    { maxLength: 3 },
  ),
  cancellation: fc.option(fc.record({ whole: fc.boolean(), reason: fc.constantFrom('CUSTOMER_REQUEST', 'FRAUD_SUSPECTED', 'PAYMENT_EXPIRED'), afterMinutes: fc.integer({ min: 1, max: 3000 }) }), { nil: undefined }),
  refunds: fc.array(fc.record({ kind: fc.constantFrom('payment', 'return', 'storeCredit'), amount: fc.integer({ min: 1, max: 5000 }), afterMinutes: fc.integer({ min: 1, max: 6000 }) }), { maxLength: 2 }),
  returnRequest: fc.option(
    fc.record({ lines: fc.array(fc.record({ sku: fc.constantFrom(...skus), quantity: fc.integer({ min: 1, max: 2 }), reasonCode: fc.constantFrom(...returnReasonCodes) }), { minLength: 1, maxLength: 3 }), afterMinutes: fc.integer({ min: 60, max: 6000 }) }),
    { nil: undefined },
  ),
});
const stockArb = fc.record({
  kind: fc.constantFrom('StockLow', 'OutOfStock', 'BackInStock'),
  sku: fc.constantFrom(...skus),
  locationId: fc.constantFrom('wh-1', 'store-2'),
  onHand: fc.integer({ min: 0, max: 40 }),
  minute: fc.integer({ min: 0, max: 7 * 24 * 60 }),
});
const worldArb = fc.record({
  orders: fc.array(orderArb, { maxLength: 12 }),
  stock: fc.array(stockArb, { maxLength: 8 }),
  duplicates: fc.array(fc.nat(), { maxLength: 25 }),
  shuffle: fc.array(fc.nat(), { minLength: 200, maxLength: 200 }),
  concurrency: fc.integer({ min: 1, max: 6 }),
  timeZone: fc.constantFrom('UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Tokyo'),
});
type World = typeof worldArb extends fc.Arbitrary<infer W> ? W : never;

interface Made {
  readonly definition: EventDefinition;
  readonly event: AnalyticsEvent;
}

/** The distinct events of the world, complete enough to pass their catalog contracts. */
function eventsOf(world: World): Made[] {
  const made: Made[] = [];
  let sequence = 0;
  const emit = (definition: EventDefinition, at: number, data: unknown) =>
    made.push({ definition, event: { detailType: definition.detailType, metadata: { eventId: `evt-${sequence++}`, eventVersion: 1, occurredAt: iso(at), correlation: {} }, data } });
  world.orders.forEach((spec, orderIndex) => {
    const orderId = `ord-${orderIndex}`;
    const placedAt = start + spec.placedMinute * minute;
    const order = { orderId, channelId: spec.channel, channelOrderRef: `R-${orderIndex}`, status: 'PLACED', customer: { id: 'c', email: 'c@example.com' }, grandTotal: { amount: spec.amount, currency: spec.currency }, placedAt: iso(placedAt) };
    emit(OrderPlaced, placedAt, { order, deliveryMethod: 'HOME_DELIVERY', lineCount: 1 });
    const shipments = spec.shipments.map((shipment, index) => {
      const promiseDate = shipment.promiseDayOffset === undefined ? undefined : localDateOf(placedAt + shipment.promiseDayOffset * 86_400_000, 'UTC');
      const promisedBy = promiseDate && shipment.promiseZone ? instantAtWallClock(addDays(promiseDate as IsoDate, 1), '00:00', shipment.promiseZone).toISOString() : undefined;
      return { ...shipment, shipmentId: `${orderId}-s${index}`, promiseDate, promisedBy };
    });
    const allocated = {
      order,
      shipments: shipments.map((s) => ({
        shipmentId: s.shipmentId,
        locationId: 'wh-1',
        lines: s.lines.map((line, i) => ({ lineId: `l${i}`, ...line })),
        ...(s.promiseDate && { promiseDate: s.promiseDate }),
        ...(s.promisedBy && { promisedBy: s.promisedBy }),
      })),
      backorderedLines: [],
    };
    if (shipments.length > 0) emit(OrderAllocated, placedAt + minute, allocated);
    if (shipments.length > 0 && spec.allocatedTwice) emit(OrderAllocated, placedAt + 2 * minute, allocated);
    for (const s of shipments) {
      const shippedAt = placedAt + s.shipAfterSeconds * 1000;
      const lines = s.lines.map((line, i) => ({ lineId: `l${i}`, ...line }));
      emit(ShipmentShipped, shippedAt, { order, shipmentId: s.shipmentId, locationId: 'wh-1', status: 'SHIPPED', lines });
      emit(ShipmentStatusChanged, shippedAt + minute, { order, shipmentId: s.shipmentId, locationId: 'wh-1', from: 'SHIPPED', to: 'IN_TRANSIT' });
      if (s.deliverAfterSeconds !== undefined) {
        emit(ShipmentStatusChanged, shippedAt + s.deliverAfterSeconds * 1000, { order, shipmentId: s.shipmentId, locationId: 'wh-1', from: 'IN_TRANSIT', to: s.pickedUp ? 'PICKED_UP' : 'DELIVERED' });
      }
    }
    if (spec.cancellation) {
      emit(OrderCancelled, placedAt + spec.cancellation.afterMinutes * minute, { order, reason: spec.cancellation.reason, ...(!spec.cancellation.whole && { lineIds: ['l0'] }) });
    }
    spec.refunds.forEach((refund, index) => {
      const at = placedAt + refund.afterMinutes * minute;
      const amount = { amount: refund.amount, currency: spec.currency };
      if (refund.kind === 'payment') emit(PaymentRefunded, at, { order, refundId: `rf-${index}`, amount, reason: 'cancelled' });
      else if (refund.kind === 'return') {
        emit(ReturnRefunded, at, { order, returnId: 'ret-1', refundMethod: 'ORIGINAL_PAYMENT', refundId: `rf-${index}`, amount, restockingFee: { amount: 0, currency: spec.currency }, shippingRefunded: { amount: 0, currency: spec.currency }, lines: [] });
      } else emit(StoreCreditIssued, at, { order, creditId: `cr-${index}`, amount, reason: 'goodwill' });
    });
    if (spec.returnRequest) {
      emit(ReturnRequested, placedAt + spec.returnRequest.afterMinutes * minute, {
        order,
        returnId: `ret-${orderIndex}`,
        method: 'MAIL',
        refundMethod: 'ORIGINAL_PAYMENT',
        receivingLocationId: 'wh-1',
        lines: spec.returnRequest.lines.map((line, i) => ({ lineId: `l${i}`, ...line })),
        expiresAt: iso(placedAt + 30 * 86_400_000),
      });
    }
  });
  const stockDefinitions = { StockLow, OutOfStock, BackInStock };
  for (const stock of world.stock) {
    const { kind, minute: at, ...position } = stock;
    emit(stockDefinitions[kind], start + at * minute, { ...position, reserved: 0, safetyStock: 0, available: position.onHand, stockVersion: 1, ...(kind === 'StockLow' && { lowStockThreshold: 5 }) });
  }
  return made;
}

/** The stream as the bus might deliver it: some events twice or more, all in a shuffled order. */
function streamOf(events: readonly AnalyticsEvent[], world: World): AnalyticsEvent[] {
  if (events.length === 0) return [];
  const stream = [...events, ...world.duplicates.map((index) => events[index % events.length] as AnalyticsEvent)];
  for (let index = stream.length - 1; index > 0; index--) {
    const other = (world.shuffle[index % world.shuffle.length] ?? 0) % (index + 1);
    [stream[index], stream[other]] = [stream[other] as AnalyticsEvent, stream[index] as AnalyticsEvent];
  }
  return stream;
}

// Every generated event falls in it: the latest (a delivery) comes at most 12 days after the start.
const period = (timeZone: string) => ({ from: '2025-03-25', to: '2025-04-10', timeZone });

// ---- the plain recomputation, from the distinct events ----

const rateOf = (numerator: number, denominator: number) => (denominator > 0 ? numerator / denominator : null);
const nearestRank = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.max(1, Math.ceil(p * values.length)) - 1];
const reportedPercentile = (values: number[], p: number) => (values.length === 0 ? null : Math.round(bucketValue(bucketOf(nearestRank(values, p) as number))));
const bump = (record: Record<string, number>, key: string, by = 1) => {
  record[key] = (record[key] ?? 0) + by;
};
const data = (event: AnalyticsEvent) => event.data as any; // eslint-disable-line @typescript-eslint/no-explicit-any -- the test reads its own events

function expectedKpis(events: readonly AnalyticsEvent[], timeZone: string, day?: string) {
  const dayOf = (at: string) => localDateOf(Date.parse(at), timeZone);
  const inScope = (at: string) => day === undefined || dayOf(at) === day;
  const of = (type: string) => events.filter((event) => event.detailType === type);
  const placed = of('OrderPlaced').filter((event) => inScope(data(event).order.placedAt));
  const gross: Record<string, { amount: number; orders: number }> = {};
  for (const event of placed) {
    const { amount, currency } = data(event).order.grandTotal;
    gross[currency] = { amount: (gross[currency]?.amount ?? 0) + amount, orders: (gross[currency]?.orders ?? 0) + 1 };
  }
  const shipped = of('ShipmentShipped').filter((event) => inScope(event.metadata.occurredAt));
  const seconds = (event: AnalyticsEvent) => Math.max(0, (Date.parse(event.metadata.occurredAt) - Date.parse(data(event).order.placedAt)) / 1000);
  const deliveredEvents = of('ShipmentStatusChanged').filter((event) => ['DELIVERED', 'PICKED_UP'].includes(data(event).to));
  const delivered = deliveredEvents.filter((event) => inScope(event.metadata.occurredAt));
  const promises = new Map<string, { promiseDate: string; promisedBy?: string }>();
  for (const event of of('OrderAllocated')) for (const s of data(event).shipments) if (s.promiseDate) promises.set(s.shipmentId, { promiseDate: s.promiseDate, ...(s.promisedBy && { promisedBy: s.promisedBy }) });
  const judged = delivered.filter((event) => promises.has(data(event).shipmentId));
  const onTime = judged.filter((event) => deliveredOnTime(event.metadata.occurredAt, promises.get(data(event).shipmentId) as { promiseDate: string })).length;
  const shipmentsByOrder = new Map<string, Set<string>>();
  for (const event of of('ShipmentShipped')) {
    if (!inScope(data(event).order.placedAt)) continue;
    const set = shipmentsByOrder.get(data(event).order.orderId) ?? new Set<string>();
    set.add(data(event).shipmentId);
    shipmentsByOrder.set(data(event).order.orderId, set);
  }
  const ordersShipped = shipmentsByOrder.size;
  const cohortShipments = [...shipmentsByOrder.values()].reduce((sum, set) => sum + set.size, 0);
  const splitOrders = [...shipmentsByOrder.values()].filter((set) => set.size > 1).length;
  const cancellations = of('OrderCancelled').filter((event) => inScope(data(event).order.placedAt));
  const whole = cancellations.filter((event) => !data(event).lineIds);
  const reasons: Record<string, number> = {};
  for (const event of whole) bump(reasons, data(event).reason);
  const stockOf = (type: string) => of(type).filter((event) => inScope(event.metadata.occurredAt)).length;
  return {
    ordersPlaced: placed.length,
    grossValue: Object.keys(gross)
      .sort()
      .map((currency) => ({ currency, amount: gross[currency]!.amount, orders: gross[currency]!.orders, averageOrderValue: Math.round(gross[currency]!.amount / gross[currency]!.orders) })),
    leadTimes: {
      placedToShipped: { count: shipped.length, p50Seconds: reportedPercentile(shipped.map(seconds), 0.5), p90Seconds: reportedPercentile(shipped.map(seconds), 0.9) },
      placedToDelivered: { count: delivered.length, p50Seconds: reportedPercentile(delivered.map(seconds), 0.5), p90Seconds: reportedPercentile(delivered.map(seconds), 0.9) },
    },
    delivery: {
      shipmentsShipped: shipped.length,
      unitsShipped: shipped.reduce((sum, event) => sum + data(event).lines.reduce((n: number, line: { quantity: number }) => n + line.quantity, 0), 0),
      delivered: delivered.length,
      onTime,
      late: judged.length - onTime,
      onTimeRate: rateOf(onTime, judged.length),
    },
    split: { ordersShipped, splitOrders, shipments: cohortShipments, shipmentsPerOrder: rateOf(cohortShipments, ordersShipped), splitRate: rateOf(splitOrders, ordersShipped) },
    cancellations: { cancelled: whole.length, cancelledPartly: cancellations.length - whole.length, rate: rateOf(whole.length, placed.length), reasons },
    inventory: { outOfStock: stockOf('OutOfStock'), lowStock: stockOf('StockLow'), backInStock: stockOf('BackInStock') },
    webhooks: { attempts: 0, failedAttempts: 0, attemptSuccessRate: null, delivered: 0, deadLettered: 0, endpointGone: 0, deliverySuccessRate: null },
  };
}

function expectedReturns(events: readonly AnalyticsEvent[], timeZone: string) {
  const returned: Record<string, { units: number; reasons: Record<string, number> }> = {};
  const shippedUnits: Record<string, number> = {};
  for (const event of events) {
    if (event.detailType === 'ShipmentShipped') for (const line of data(event).lines) bump(shippedUnits, line.sku, line.quantity);
    if (event.detailType !== 'ReturnRequested') continue;
    for (const line of data(event).lines) {
      const entry = (returned[line.sku] ??= { units: 0, reasons: {} });
      entry.units += line.quantity;
      bump(entry.reasons, line.reasonCode, line.quantity);
    }
  }
  const samples = new Map<string, { sum: number; count: number }>();
  for (const event of events.filter((e) => ['StockLow', 'OutOfStock', 'BackInStock'].includes(e.detailType))) {
    const key = `${data(event).sku}|${data(event).locationId}`;
    const sample = samples.get(key) ?? { sum: 0, count: 0 };
    samples.set(key, { sum: sample.sum + data(event).onHand, count: sample.count + 1 });
  }
  const averageOnHand = (sku: string) => {
    const means = [...samples].filter(([key]) => key.startsWith(`${sku}|`)).map(([, sample]) => sample.sum / sample.count);
    return means.length === 0 ? null : means.reduce((a, b) => a + b, 0);
  };
  const refunds = (type: string) => {
    const matching = events.filter((event) => event.detailType === type);
    const amounts: Record<string, number> = {};
    for (const event of matching) bump(amounts, data(event).amount.currency, data(event).amount.amount);
    return { count: matching.length, amounts: Object.keys(amounts).sort().map((currency) => ({ currency, amount: amounts[currency] })) };
  };
  const unitsReturned = Object.values(returned).reduce((sum, entry) => sum + entry.units, 0);
  const unitsShipped = Object.values(shippedUnits).reduce((sum, units) => sum + units, 0);
  const reasons: Record<string, number> = {};
  for (const entry of Object.values(returned)) for (const [code, units] of Object.entries(entry.reasons)) bump(reasons, code, units);
  return {
    totals: {
      returns: events.filter((event) => event.detailType === 'ReturnRequested').length,
      unitsReturned,
      unitsShipped,
      returnRate: rateOf(unitsReturned, unitsShipped),
      reasons,
      refunds: { payment: refunds('PaymentRefunded'), return: refunds('ReturnRefunded'), storeCredit: refunds('StoreCreditIssued') },
    },
    skus: Object.fromEntries(
      [...new Set([...Object.keys(returned), ...Object.keys(shippedUnits)])].map((sku) => {
        const average = averageOnHand(sku);
        return [sku, { unitsShipped: shippedUnits[sku] ?? 0, unitsReturned: returned[sku]?.units ?? 0, reasons: returned[sku]?.reasons ?? {}, averageOnHand: average, turnover: average === null ? null : rateOf(shippedUnits[sku] ?? 0, average) }];
      }),
    ),
    timeZone,
  };
}

async function recordAll(stream: readonly AnalyticsEvent[], store: InMemoryAnalyticsStore, concurrency: number, metrics?: BusinessMetrics) {
  const now = () => new Date(start + 12 * 86_400_000);
  for (let index = 0; index < stream.length; index += concurrency) {
    await Promise.all(stream.slice(index, index + concurrency).map((event) => recordAnalyticsEvent(event, { store, now, ...(metrics && { metrics }) })));
  }
}

/** The business metrics published, added up per name and channel. */
function metricsCollector() {
  const sums: Record<string, number> = {};
  const metrics: BusinessMetrics = {
    publish: (list) => {
      for (const metric of list) bump(sums, `${metric.name}|${metric.unit}|${metric.channel}`, metric.value);
    },
  };
  return { metrics, sums };
}

/** The business metrics the distinct events should give: each order placed, shipped, cancelled, returned once. */
function expectedMetrics(events: readonly AnalyticsEvent[]) {
  const sums: Record<string, number> = {};
  const shippedOrders = new Set<string>();
  for (const event of events) {
    const { order } = data(event);
    if (event.detailType === 'OrderPlaced') {
      bump(sums, `OrdersPlaced|Count|${order.channelId}`);
      bump(sums, `OrderValue|NoUnit|${order.channelId}`, order.grandTotal.amount);
    }
    if (event.detailType === 'ShipmentShipped' && !shippedOrders.has(order.orderId)) {
      shippedOrders.add(order.orderId);
      bump(sums, `OrdersShipped|Count|${order.channelId}`);
    }
    if (event.detailType === 'OrderCancelled' && !data(event).lineIds) bump(sums, `OrdersCancelled|Count|${order.channelId}`);
    if (event.detailType === 'ReturnRequested') bump(sums, `OrdersReturned|Count|${order.channelId}`);
  }
  return sums;
}

describe('analytics aggregation', () => {
  it('builds events that pass their catalog contracts (so the property below feeds what the bus carries)', () => {
    // Prepare
    const world = fc.sample(worldArb, { numRuns: 5, seed: 7 });

    // Act
    const made = world.flatMap(eventsOf);

    // Assess
    expect(made.length).toBeGreaterThan(0);
    for (const { definition, event } of made) expect(eventDetailSchema(definition).safeParse({ metadata: event.metadata, data: event.data }).error).toBeUndefined();
  });

  it('reports the same KPIs, returns and business metrics as a recomputation from the distinct events, whatever duplicates, order and concurrency', async () => {
    await fc.assert(
      fc.asyncProperty(worldArb, async (world) => {
        // Prepare
        const events = eventsOf(world).map(({ event }) => event);
        const store = new InMemoryAnalyticsStore();
        const published = metricsCollector();

        // Act
        await recordAll(streamOf(events, world), store, world.concurrency, published.metrics);
        const kpis = await getKpiReport(period(world.timeZone), { store });
        const returns = await getReturnsReport(period(world.timeZone), { store });

        // Assess
        const countedNothing = (event: AnalyticsEvent) =>
          (event.detailType === 'ShipmentStatusChanged' && data(event).to === 'IN_TRANSIT') ||
          (event.detailType === 'OrderAllocated' && !data(event).shipments.some((shipment: { promiseDate?: string }) => shipment.promiseDate));
        expect(store.markers.size).toBe(events.filter((event) => !countedNothing(event)).length);
        expect(kpis.totals).toEqual(expectedKpis(events, world.timeZone));
        for (const day of kpis.days) expect(day).toEqual({ date: day.date, ...expectedKpis(events, world.timeZone, day.date) });
        const expected = expectedReturns(events, world.timeZone);
        expect(returns.totals).toMatchObject(expected.totals);
        expect(Object.fromEntries(returns.skus.map(({ sku, returnRate: _rate, ...figures }) => [sku, figures]))).toEqual(expected.skus);
        expect(published.sums).toEqual(expectedMetrics(events));
      }),
      { numRuns: 100 },
    );
    // A hundred worlds take well under a second alone; the margin is for a machine busy with other suites.
  }, 60_000);

  it('answers from day and network rollups exactly what adding up each channel’s hours answers, in any zone and period, :30 and :45 offsets included', async () => {
    const zones = ['UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'Asia/Kathmandu', 'Australia/Adelaide', 'America/St_Johns', 'Pacific/Chatham', 'Pacific/Kiritimati', 'Pacific/Pago_Pago'];
    const scopeArb = fc.record({ timeZone: fc.constantFrom(...zones), startDay: fc.integer({ min: 0, max: 10 }), length: fc.integer({ min: 0, max: 12 }), channel: fc.constantFrom(undefined, 'web', 'pos') });
    await fc.assert(
      fc.asyncProperty(worldArb, scopeArb, async (world, { timeZone, startDay, length, channel }) => {
        // Prepare
        const store = new InMemoryAnalyticsStore();
        await recordAll(streamOf(eventsOf(world).map(({ event }) => event), world), store, world.concurrency);
        const from = localDateOf(Date.parse('2025-03-23T12:00:00Z') + startDay * 86_400_000, 'UTC');
        const to = localDateOf(Date.parse(`${from}T12:00:00Z`) + length * 86_400_000, 'UTC');
        const reportPeriod = { from, to, timeZone, ...(channel && { channel }) };
        const hours = localDayHours(from, to, timeZone);
        const rollups = countingPlan(hours);
        const hourly = countingPlan(hours, { dayRollups: false });

        // Act
        const kpis = await kpiReportPlanned(reportPeriod, hours, rollups, { store });
        const returns = await returnsReportPlanned(reportPeriod, hours, rollups, { store });

        // Assess: the plain computation adds up the hours of each channel in scope, and the stock events' hours.
        const channels = channel ? [channel] : await store.listChannels();
        const channelHours = (await Promise.all(channels.map((name) => store.channelCounters(name, hourly)))).flat();
        const stockEvents = await store.networkCounters(hourly, stockEventCounters);
        const skuHours = (await Promise.all(channels.map((name) => store.skuHours(name, hours.firstHour, hours.lastHour)))).flat();
        expect(kpis).toEqual(kpiReport(reportPeriod, hours, hourly, channelHours, stockEvents));
        expect(returns).toEqual(returnsReport(reportPeriod, hours, hourly, channelHours, skuHours, await store.stockHours(hours.firstHour, hours.lastHour)));
        expect(rollups.days.length + rollups.hours.length).toBeLessThanOrEqual(hourly.hours.length);
      }),
      { numRuns: 150 },
    );
  }, 60_000);

  it('counts a shipment on time once, whether its promise or its delivery is recorded first', async () => {
    // Prepare
    const world: World = {
      orders: [{ channel: 'web', placedMinute: 0, amount: 1000, currency: 'EUR', allocatedTwice: true, shipments: [{ promiseDayOffset: 1, promiseZone: undefined, shipAfterSeconds: 3600, deliverAfterSeconds: 86_400, pickedUp: false, lines: [{ sku: 'SKU-A', quantity: 1 }] }], cancellation: undefined, refunds: [], returnRequest: undefined }],
      stock: [],
      duplicates: [],
      shuffle: [],
      concurrency: 1,
      timeZone: 'UTC',
    };
    const events = eventsOf(world).map(({ event }) => event);
    const deliveredFirst = [...events].reverse();
    const inOrder = new InMemoryAnalyticsStore();
    const reversed = new InMemoryAnalyticsStore();

    // Act
    await recordAll(events, inOrder, 1);
    await recordAll(deliveredFirst, reversed, 1);

    // Assess
    for (const store of [inOrder, reversed]) {
      const { totals } = await getKpiReport(period('UTC'), { store });
      expect(totals.delivery).toMatchObject({ delivered: 1, onTime: 1, late: 0, onTimeRate: 1 });
    }
  });

  it('counts a shipment on time once when its promise and its delivery are recorded at the same time', async () => {
    // Prepare
    const world: World = {
      orders: [{ channel: 'web', placedMinute: 0, amount: 1000, currency: 'EUR', allocatedTwice: false, shipments: [{ promiseDayOffset: 0, promiseZone: undefined, shipAfterSeconds: 3600, deliverAfterSeconds: 7 * 86_400, pickedUp: false, lines: [{ sku: 'SKU-A', quantity: 1 }] }], cancellation: undefined, refunds: [], returnRequest: undefined }],
      stock: [],
      duplicates: [],
      shuffle: [],
      concurrency: 1,
      timeZone: 'UTC',
    };
    const events = eventsOf(world).map(({ event }) => event);
    const racing = events.filter((event) => event.detailType === 'OrderAllocated' || (event.detailType === 'ShipmentStatusChanged' && data(event).to === 'DELIVERED'));
    const store = new InMemoryAnalyticsStore();

    // Act: both read the shipment before either commits; the second commit finds it changed.
    await recordAll(racing, store, 2);

    // Assess
    expect(store.conflicts).toBeGreaterThanOrEqual(1);
    const { totals } = await getKpiReport(period('UTC'), { store });
    expect(totals.delivery).toMatchObject({ delivered: 1, onTime: 0, late: 1, onTimeRate: 0 });
  });

  it('rolls the hours up into the local days of the asked time zone', async () => {
    // Prepare: an order at 23:30 UTC is placed the next day in Berlin and the same day in New York.
    const world: World = { orders: [{ channel: 'web', placedMinute: 23 * 60 + 30, amount: 500, currency: 'EUR', allocatedTwice: false, shipments: [], cancellation: undefined, refunds: [], returnRequest: undefined }], stock: [], duplicates: [], shuffle: [], concurrency: 1, timeZone: 'UTC' };
    const store = new InMemoryAnalyticsStore();
    await recordAll(eventsOf(world).map(({ event }) => event), store, 1);

    // Act
    const berlin = await getKpiReport(period('Europe/Berlin'), { store });
    const newYork = await getKpiReport(period('America/New_York'), { store });

    // Assess
    expect(berlin.days.filter((day) => day.ordersPlaced > 0).map((day) => day.date)).toEqual(['2025-03-28']);
    expect(newYork.days.filter((day) => day.ordersPlaced > 0).map((day) => day.date)).toEqual(['2025-03-27']);
  });
});

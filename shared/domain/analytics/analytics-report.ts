/**
 * From counters to reports: pure functions that add up day and hour counters into the days of the
 * report's time zone (as the counting plan says) and the period, and derive the figures (averages,
 * rates, percentiles) only then, because averages and percentiles cannot be added.
 */
import { leadTimeKinds, percentileOf } from './lead-time-histogram';
import type { CountingPlan, LocalDayHours } from './time-buckets';

export type Counters = Readonly<Record<string, number>>;

/** The counters of one bucket: a UTC day (a rollup) or a UTC hour. */
export interface BucketCounters {
  readonly bucket: string;
  readonly counters: Counters;
}

/** A channel's counters of one bucket. */
export interface ChannelCounters extends BucketCounters {
  readonly channel: string;
}

export interface SkuHour {
  readonly channel: string;
  readonly hour: string;
  readonly sku: string;
  readonly counters: Counters;
}

export interface StockHour {
  readonly hour: string;
  readonly sku: string;
  readonly locationId: string;
  readonly counters: Counters;
}

/** numerator / denominator, or null when there is nothing to divide by. */
const rate = (numerator: number, denominator: number): number | null => (denominator > 0 ? numerator / denominator : null);

function add(into: Record<string, number>, counters: Counters, sign: 1 | -1 = 1): void {
  for (const [name, amount] of Object.entries(counters)) into[name] = (into[name] ?? 0) + sign * amount;
}

/** `prefix:<key>` counters as key → amount. */
function byPrefix(counters: Counters, prefix: string): Record<string, number> {
  const found: Record<string, number> = {};
  const start = `${prefix}:`;
  for (const name in counters) {
    const amount = counters[name] ?? 0;
    if (amount !== 0 && name.startsWith(start)) found[name.slice(start.length)] = amount;
  }
  return found;
}

const sortedRecord = (record: Record<string, number>) => Object.fromEntries(Object.entries(record).sort(([a], [b]) => a.localeCompare(b)));

function leadTime(counters: Counters, prefix: string) {
  const histogram = new Map(Object.entries(byPrefix(counters, prefix)).map(([bucket, count]) => [Number(bucket), count]));
  const count = [...histogram.values()].reduce((sum, n) => sum + n, 0);
  const seconds = (p: number) => {
    const value = percentileOf(histogram, p);
    return value === undefined ? null : Math.round(value);
  };
  return { count, p50Seconds: seconds(0.5), p90Seconds: seconds(0.9) };
}

const get = (counters: Counters, name: string) => counters[name] ?? 0;

/**
 * Partner webhooks: of the attempts made, the share the endpoint took (2xx); of the deliveries that
 * ended, the share delivered (the others were given up after the retry window, or refused with 410).
 */
function webhookFigures(counters: Counters) {
  const attempts = get(counters, 'webhookAttempts');
  const failedAttempts = get(counters, 'webhookAttemptsFailed');
  const delivered = get(counters, 'webhookDelivered');
  const deadLettered = get(counters, 'webhookDeadLettered');
  const endpointGone = get(counters, 'webhookEndpointGone');
  return {
    attempts,
    failedAttempts,
    attemptSuccessRate: rate(attempts - failedAttempts, attempts),
    delivered,
    deadLettered,
    endpointGone,
    deliverySuccessRate: rate(delivered, delivered + deadLettered + endpointGone),
  };
}

/** The KPIs of a set of counters (a day, or the period), orders and stock. */
export function kpiFigures(counters: Counters, stock: Counters) {
  const placed = get(counters, 'placed');
  const gross = byPrefix(counters, 'gross');
  const placedIn = byPrefix(counters, 'placed');
  const shippedOrders = get(counters, 'cohortShippedOrders');
  const onTime = get(counters, 'onTime');
  const late = get(counters, 'late');
  const cancelled = get(counters, 'cancelled');
  return {
    ordersPlaced: placed,
    grossValue: Object.keys(gross)
      .sort()
      .map((currency) => ({
        currency,
        amount: gross[currency] ?? 0,
        orders: placedIn[currency] ?? 0,
        averageOrderValue: placedIn[currency] ? Math.round((gross[currency] ?? 0) / (placedIn[currency] ?? 1)) : null,
      })),
    leadTimes: { placedToShipped: leadTime(counters, leadTimeKinds.placedToShipped), placedToDelivered: leadTime(counters, leadTimeKinds.placedToDelivered) },
    delivery: { shipmentsShipped: get(counters, 'shipments'), unitsShipped: get(counters, 'unitsShipped'), delivered: get(counters, 'delivered'), onTime, late, onTimeRate: rate(onTime, onTime + late) },
    split: {
      ordersShipped: shippedOrders,
      splitOrders: get(counters, 'cohortSplitOrders'),
      shipments: get(counters, 'cohortShipments'),
      shipmentsPerOrder: rate(get(counters, 'cohortShipments'), shippedOrders),
      splitRate: rate(get(counters, 'cohortSplitOrders'), shippedOrders),
    },
    cancellations: { cancelled, cancelledPartly: get(counters, 'cancelledPartly'), rate: rate(cancelled, placed), reasons: sortedRecord(byPrefix(counters, 'cancelReason')) },
    inventory: { outOfStock: get(stock, 'outOfStock'), lowStock: get(stock, 'lowStock'), backInStock: get(stock, 'backInStock') },
    webhooks: webhookFigures(counters),
  };
}
export type KpiFigures = ReturnType<typeof kpiFigures>;

export interface ReportPeriod {
  readonly from: string;
  readonly to: string;
  readonly timeZone: string;
  readonly channel?: string;
}

/**
 * The counters of each local day of the period (the signed sum of its plan's buckets, over every
 * row: several channels add up), and of the whole period (the sum of its days).
 */
function rollUp(rows: readonly BucketCounters[], hours: LocalDayHours, plan: CountingPlan) {
  // Vectors of the counter names seen, not objects: a report adds ~100,000 counters, and objects that
  // gain dozens of names each are slow to add to in V8. Whole numbers stay exact in doubles.
  const indexOf = new Map<string, number>();
  for (const row of rows) for (const name in row.counters) if (!indexOf.has(name)) indexOf.set(name, indexOf.size);
  const names = [...indexOf.keys()];
  const byBucket = new Map<string, Float64Array>();
  for (const row of rows) {
    const sum = byBucket.get(row.bucket) ?? new Float64Array(names.length);
    for (const [name, amount] of Object.entries(row.counters)) {
      const at = indexOf.get(name) as number;
      sum[at] = (sum[at] as number) + amount;
    }
    byBucket.set(row.bucket, sum);
  }
  // Counters that add up to 0 are left out, as if never counted: the figures read a missing counter as 0.
  const countersOf = (sum: Float64Array): Counters => {
    const counters: Record<string, number> = {};
    names.forEach((name, index) => {
      if (sum[index] !== 0) counters[name] = sum[index] as number;
    });
    return counters;
  };
  const total = new Float64Array(names.length);
  const days = new Map(
    hours.days.map((date) => {
      const day = new Float64Array(names.length);
      for (const { bucket, sign } of plan.termsOfDay.get(date) ?? []) {
        const sum = byBucket.get(bucket);
        if (sum) for (let index = 0; index < names.length; index++) day[index] = (day[index] as number) + sign * (sum[index] as number);
      }
      for (let index = 0; index < names.length; index++) total[index] = (total[index] as number) + (day[index] as number);
      return [date, countersOf(day)];
    }),
  );
  return { days, total: countersOf(total) };
}

/** The KPIs from the order counters of the report's scope (a channel's, or the network's) and the network's stock counters. */
export function kpiReport(period: ReportPeriod, hours: LocalDayHours, plan: CountingPlan, orderRows: readonly BucketCounters[], stockRows: readonly BucketCounters[]) {
  const orders = rollUp(orderRows, hours, plan);
  const stock = rollUp(stockRows, hours, plan);
  return {
    ...periodOf(period),
    days: hours.days.map((date) => ({ date, ...kpiFigures(orders.days.get(date) ?? {}, stock.days.get(date) ?? {}) })),
    totals: kpiFigures(orders.total, stock.total),
  };
}

const periodOf = ({ from, to, timeZone, channel }: ReportPeriod) => ({ from, to, timeZone, channel: channel ?? null });

const refundKinds = ['payment', 'return', 'storeCredit'] as const;

/** The returns figures of a set of channel counters (a day, or the period). */
export function returnFigures(counters: Counters) {
  const refunds = Object.fromEntries(
    refundKinds.map((kind) => {
      const amounts = byPrefix(counters, `refunded:${kind}`);
      return [kind, { count: get(counters, `refunds:${kind}`), amounts: Object.keys(amounts).sort().map((currency) => ({ currency, amount: amounts[currency] ?? 0 })) }];
    }),
  ) as Record<(typeof refundKinds)[number], { count: number; amounts: { currency: string; amount: number }[] }>;
  return {
    returns: get(counters, 'returns'),
    unitsReturned: get(counters, 'returnedUnits'),
    unitsShipped: get(counters, 'unitsShipped'),
    returnRate: rate(get(counters, 'returnedUnits'), get(counters, 'unitsShipped')),
    reasons: sortedRecord(byPrefix(counters, 'returnReason')),
    refunds,
  };
}

/** At most this many SKUs are listed, most returned first; skuCount says how many there were. */
export const maxReportedSkus = 200;

/**
 * The returns report: per day and for the period, and per SKU for the period with its inventory
 * turnover (units shipped ÷ average on hand, see skuFigures).
 */
export function returnsReport(period: ReportPeriod, hours: LocalDayHours, plan: CountingPlan, orderRows: readonly BucketCounters[], skuHours: readonly SkuHour[], stockHours: readonly StockHour[]) {
  const orders = rollUp(orderRows, hours, plan);
  const skus = skuFigures(skuHours.filter((row) => hours.dayOfHour.has(row.hour)), stockHours.filter((row) => hours.dayOfHour.has(row.hour)));
  const sampled = skus.filter((sku) => sku.averageOnHand !== null);
  const sampledShipped = sampled.reduce((sum, sku) => sum + sku.unitsShipped, 0);
  const averageOnHand = sampled.reduce((sum, sku) => sum + (sku.averageOnHand ?? 0), 0);
  return {
    ...periodOf(period),
    days: hours.days.map((date) => ({ date, ...returnFigures(orders.days.get(date) ?? {}) })),
    totals: {
      ...returnFigures(orders.total),
      inventory: { skusSampled: sampled.length, unitsShipped: sampledShipped, averageOnHand, turnover: rate(sampledShipped, averageOnHand) },
    },
    skuCount: skus.length,
    skus: skus.slice(0, maxReportedSkus),
  };
}

/**
 * Per SKU: units shipped and returned (by reason) in the period, the return rate (units returned ÷
 * units shipped in the same period, not per order shipped), and inventory turnover = units shipped ÷
 * average on hand, where average on hand is the sum over locations of the mean on-hand the stock events
 * of the period reported there. Stock events come only when a threshold is crossed, so that mean is
 * of low points and turnover reads high; SKUs without a stock event have none (null). Only SKUs shipped or
 * returned in the scope (channel or all) are listed.
 */
export function skuFigures(skuHours: readonly SkuHour[], stockHours: readonly StockHour[]) {
  const bySku = new Map<string, Record<string, number>>();
  for (const row of skuHours) {
    const counters = bySku.get(row.sku) ?? {};
    add(counters, row.counters);
    bySku.set(row.sku, counters);
  }
  const samples = new Map<string, Map<string, { sum: number; count: number }>>();
  for (const row of stockHours) {
    const locations = samples.get(row.sku) ?? new Map<string, { sum: number; count: number }>();
    const sample = locations.get(row.locationId) ?? { sum: 0, count: 0 };
    sample.sum += get(row.counters, 'onHandSum');
    sample.count += get(row.counters, 'onHandSamples');
    locations.set(row.locationId, sample);
    samples.set(row.sku, locations);
  }
  // The SKUs the scope shipped or got back; stock events of other SKUs only lend them their on-hand.
  return [...bySku.keys()]
    .map((sku) => {
      const counters = bySku.get(sku) ?? {};
      const locations = [...(samples.get(sku)?.values() ?? [])].filter((sample) => sample.count > 0);
      const averageOnHand = locations.length > 0 ? locations.reduce((sum, sample) => sum + sample.sum / sample.count, 0) : null;
      const shipped = get(counters, 'shipped');
      return {
        sku,
        unitsShipped: shipped,
        unitsReturned: get(counters, 'returned'),
        returnRate: rate(get(counters, 'returned'), shipped),
        reasons: sortedRecord(byPrefix(counters, 'reason')),
        averageOnHand,
        turnover: averageOnHand === null ? null : rate(shipped, averageOnHand),
      };
    })
    .sort((a, b) => b.unitsReturned - a.unitsReturned || b.unitsShipped - a.unitsShipped || a.sku.localeCompare(b.sku));
}

/**
 * What one domain event adds to the analytics counters: pure functions, no I/O.
 *
 * Most events add to counters on their own (an order placed: one more order and its value, in the
 * hour it was placed). Two figures need two events about the same thing, which may arrive in any
 * order: on time (the promise date comes with OrderAllocated, the delivery with
 * ShipmentStatusChanged) and shipments per order (every ShipmentShipped of the order). For those an
 * entity record (a shipment, an order) keeps the facts seen so far, and the counter is added by
 * whichever event completes them, exactly once. Every counter lands in an hour taken from the event
 * itself (its business time, or the order's placedAt for per-order ratios), so reordered events
 * give the same totals. The counters reports add up per day (a channel's, and the network's: every
 * channel and the stock events) are also added to their UTC day and to the network, in the same
 * commit (withRollups), so a long period of every channel reads one series of days, not hours.
 */
import type * as z from 'zod';
import type { EventDefinition, EventMetadata } from '../../events/define-event';
import { OrderAllocated, OrderCancelled, OrderPlaced, PaymentRefunded, ShipmentShipped, ShipmentStatusChanged } from '../../events/catalog/order-events';
import { ReturnRefunded, ReturnRequested, StoreCreditIssued } from '../../events/catalog/return-events';
import { BackInStock, OutOfStock, StockLow } from '../../events/catalog/stock-events';
import { withCustomerShipmentStatuses } from '../lifecycle/status-transitions';
import { bucketOf, leadTimeKinds } from './lead-time-histogram';
import { dayOf, hourOf } from './time-buckets';

/** Shipment statuses that mean the customer has the goods (the status model's list). */
export const deliveredStatuses = withCustomerShipmentStatuses;

/** The events analytics reads; the rule's pattern is built from this list. */
export const analyticsEventDefinitions: readonly EventDefinition[] = [
  OrderPlaced,
  OrderAllocated,
  ShipmentShipped,
  ShipmentStatusChanged,
  OrderCancelled,
  PaymentRefunded,
  ReturnRequested,
  ReturnRefunded,
  StoreCreditIssued,
  StockLow,
  OutOfStock,
  BackInStock,
];

export interface AnalyticsEvent {
  readonly detailType: string;
  readonly metadata: EventMetadata;
  readonly data: unknown;
}

/**
 * Where counters are added: a channel's hour, a SKU's hour in a channel, a SKU at a location (stock
 * has no channel), or the network's hour: every channel's counters together, and the stock events.
 * Channel and network hours have day rollups (`YYYY-MM-DD`, UTC), each the sum of its 24 hours.
 */
export type CounterTarget =
  | { readonly kind: 'channel'; readonly channel: string; readonly hour: string }
  | { readonly kind: 'channelDay'; readonly channel: string; readonly day: string }
  | { readonly kind: 'sku'; readonly channel: string; readonly hour: string; readonly sku: string }
  | { readonly kind: 'stock'; readonly hour: string; readonly sku: string; readonly locationId: string }
  | { readonly kind: 'network'; readonly hour: string }
  | { readonly kind: 'networkDay'; readonly day: string };

export interface CounterIncrement {
  readonly target: CounterTarget;
  /** Counter name → amount added (counts, units, minor units of money). */
  readonly counters: Readonly<Record<string, number>>;
}

export type EntityKey = { readonly kind: 'shipment'; readonly id: string } | { readonly kind: 'order'; readonly id: string };

export interface ShipmentFacts {
  readonly kind: 'shipment';
  readonly promiseDate?: string;
  /** The end of the promise date where the parcel ships from (absent on promises made before it was published). */
  readonly promisedBy?: string;
  readonly delivered?: { readonly at: string; readonly channel: string };
  /** Set once the on-time counter was added. */
  readonly counted?: boolean;
}

export interface OrderFacts {
  readonly kind: 'order';
  /** The shipments of the order seen shipped, each once. */
  readonly shipped: readonly string[];
}

export type EntityFacts = ShipmentFacts | OrderFacts;

export const entityId = (key: EntityKey): string => `${key.kind}#${key.id}`;

export function targetId(target: CounterTarget): string {
  switch (target.kind) {
    case 'channel':
      return `channel|${target.channel}|${target.hour}`;
    case 'channelDay':
      return `channelDay|${target.channel}|${target.day}`;
    case 'sku':
      return `sku|${target.channel}|${target.hour}|${target.sku}`;
    case 'stock':
      return `stock|${target.hour}|${target.sku}|${target.locationId}`;
    case 'network':
      return `network|${target.hour}`;
    case 'networkDay':
      return `networkDay|${target.day}`;
  }
}

/**
 * The rollups of hourly increments, added with them: a channel's hour also goes to the channel's day
 * and to the network's hour and day (the report of every channel reads one series, not one per
 * channel); the network's own hours (stock events) to its day. Written in the same transaction as
 * the hour and the event's dedup marker, a rollup always holds exactly the sum of what it rolls up.
 * Per-SKU and per-location hours have none: only the returns report reads them, for the period.
 */
export function withRollups(increments: readonly CounterIncrement[]): CounterIncrement[] {
  const rollups = increments.flatMap(({ target, counters }): CounterIncrement[] => {
    if (target.kind === 'channel') {
      return [
        { target: { kind: 'channelDay', channel: target.channel, day: dayOf(target.hour) }, counters },
        { target: { kind: 'network', hour: target.hour }, counters },
        { target: { kind: 'networkDay', day: dayOf(target.hour) }, counters },
      ];
    }
    if (target.kind === 'network') return [{ target: { kind: 'networkDay', day: dayOf(target.hour) }, counters }];
    return [];
  });
  return [...increments, ...rollups];
}

/**
 * The most counter items the facts of one entity complete: one hour of a channel (on time, or the
 * order's shipments) and its rollups. A store sizes its transactions by it.
 */
export const counterItemsPerEntity = 4;

/** The network's counters of stock events; a channel's report reads only these of the network. */
export const stockEventCounters = ['lowStock', 'outOfStock', 'backInStock'] as const;
type StockEventCounter = (typeof stockEventCounters)[number];

/** Reasons are free text on some events: long ones are cut so a counter name stays small. */
const label = (text: string) => text.slice(0, 64);

type Data<Definition> = Definition extends EventDefinition<infer Schema extends z.ZodType> ? z.output<Schema> : never;
const dataOf = <Definition extends EventDefinition>(_definition: Definition, event: AnalyticsEvent) => event.data as Data<Definition>;

const secondsBetween = (from: string, to: string) => Math.max(0, (Date.parse(to) - Date.parse(from)) / 1000);

export interface EventIncrements {
  /** Counters that follow from the event alone. */
  readonly counters: readonly CounterIncrement[];
  /** Entities whose facts the event adds to; their counters come from applyToEntities. */
  readonly entities: readonly EntityKey[];
}

/** The counters of an event on its own (with their day rollups), and the entities it adds facts to. */
export function incrementsOf(event: AnalyticsEvent): EventIncrements {
  const hourly = hourlyIncrementsOf(event);
  return { counters: withRollups(hourly.counters), entities: hourly.entities };
}

function hourlyIncrementsOf(event: AnalyticsEvent): EventIncrements {
  const at = event.metadata.occurredAt;
  switch (event.detailType) {
    case OrderPlaced.detailType: {
      const { order } = dataOf(OrderPlaced, event);
      const currency = order.grandTotal.currency;
      return {
        counters: [{ target: { kind: 'channel', channel: order.channelId, hour: hourOf(order.placedAt) }, counters: { placed: 1, [`placed:${currency}`]: 1, [`gross:${currency}`]: order.grandTotal.amount } }],
        entities: [],
      };
    }
    case OrderAllocated.detailType: {
      const { shipments } = dataOf(OrderAllocated, event);
      return { counters: [], entities: shipments.filter((shipment) => shipment.promiseDate !== undefined).map((shipment) => ({ kind: 'shipment', id: shipment.shipmentId })) };
    }
    case ShipmentShipped.detailType: {
      const { order, lines } = dataOf(ShipmentShipped, event);
      const hour = hourOf(at);
      const units = lines.reduce((sum, line) => sum + line.quantity, 0);
      const leadTime = `${leadTimeKinds.placedToShipped}:${bucketOf(secondsBetween(order.placedAt, at))}`;
      return {
        counters: [
          { target: { kind: 'channel', channel: order.channelId, hour }, counters: { shipments: 1, unitsShipped: units, [leadTime]: 1 } },
          ...lines.map((line): CounterIncrement => ({ target: { kind: 'sku', channel: order.channelId, hour, sku: line.sku }, counters: { shipped: line.quantity } })),
        ],
        entities: [{ kind: 'order', id: order.orderId }],
      };
    }
    case ShipmentStatusChanged.detailType: {
      const { order, to, shipmentId } = dataOf(ShipmentStatusChanged, event);
      if (!(deliveredStatuses as readonly string[]).includes(to)) return { counters: [], entities: [] };
      const leadTime = `${leadTimeKinds.placedToDelivered}:${bucketOf(secondsBetween(order.placedAt, at))}`;
      return {
        counters: [{ target: { kind: 'channel', channel: order.channelId, hour: hourOf(at) }, counters: { delivered: 1, [leadTime]: 1 } }],
        entities: [{ kind: 'shipment', id: shipmentId }],
      };
    }
    case OrderCancelled.detailType: {
      const { order, reason, lineIds } = dataOf(OrderCancelled, event);
      // Per order placed: the rate is the share of the period's orders that were cancelled, whenever that happened.
      const target: CounterTarget = { kind: 'channel', channel: order.channelId, hour: hourOf(order.placedAt) };
      const whole = lineIds === undefined || lineIds.length === 0;
      return { counters: [{ target, counters: whole ? { cancelled: 1, [`cancelReason:${label(reason)}`]: 1 } : { cancelledPartly: 1 } }], entities: [] };
    }
    case PaymentRefunded.detailType: {
      const { order, amount } = dataOf(PaymentRefunded, event);
      return { counters: [refund(order.channelId, at, 'payment', amount)], entities: [] };
    }
    case ReturnRefunded.detailType: {
      const { order, amount } = dataOf(ReturnRefunded, event);
      return { counters: [refund(order.channelId, at, 'return', amount)], entities: [] };
    }
    case StoreCreditIssued.detailType: {
      const { order, amount } = dataOf(StoreCreditIssued, event);
      return { counters: [refund(order.channelId, at, 'storeCredit', amount)], entities: [] };
    }
    case ReturnRequested.detailType: {
      const { order, lines } = dataOf(ReturnRequested, event);
      const hour = hourOf(at);
      const byReason: Record<string, number> = { returns: 1 };
      for (const line of lines) {
        byReason.returnedUnits = (byReason.returnedUnits ?? 0) + line.quantity;
        byReason[`returnReason:${line.reasonCode}`] = (byReason[`returnReason:${line.reasonCode}`] ?? 0) + line.quantity;
      }
      return {
        counters: [
          { target: { kind: 'channel', channel: order.channelId, hour }, counters: byReason },
          ...lines.map((line): CounterIncrement => ({ target: { kind: 'sku', channel: order.channelId, hour, sku: line.sku }, counters: { returned: line.quantity, [`reason:${line.reasonCode}`]: line.quantity } })),
        ],
        entities: [],
      };
    }
    case StockLow.detailType:
    case OutOfStock.detailType:
    case BackInStock.detailType: {
      const { sku, locationId, onHand } = dataOf(OutOfStock, event);
      const kind: StockEventCounter = event.detailType === StockLow.detailType ? 'lowStock' : event.detailType === OutOfStock.detailType ? 'outOfStock' : 'backInStock';
      const hour = hourOf(at);
      return {
        counters: [
          { target: { kind: 'stock', hour, sku, locationId }, counters: { [kind]: 1, onHandSamples: 1, onHandSum: Math.max(0, onHand) } },
          // The KPI report's stock figures, network-wide: one item per hour, not one per SKU and location.
          { target: { kind: 'network', hour }, counters: { [kind]: 1 } },
        ],
        entities: [],
      };
    }
    default:
      return { counters: [], entities: [] };
  }
}

function refund(channel: string, at: string, kind: 'payment' | 'return' | 'storeCredit', amount: { amount: number; currency: string }): CounterIncrement {
  return { target: { kind: 'channel', channel, hour: hourOf(at) }, counters: { [`refunds:${kind}`]: 1, [`refunded:${kind}:${amount.currency}`]: amount.amount } };
}

export interface EntityChanges {
  /** The entities' new facts (only those that changed). */
  readonly writes: readonly { readonly key: EntityKey; readonly facts: EntityFacts }[];
  /** Counters completed by these facts. */
  readonly counters: readonly CounterIncrement[];
}

/**
 * On time: delivered before the end of the promise date, in the zone of the location the parcel
 * ships from (the calendar the date was counted in), which `promisedBy` says as an instant. A promise
 * published without it (before it existed) is judged by the date in UTC.
 */
export const deliveredOnTime = (deliveredAt: string, promise: { readonly promiseDate: string; readonly promisedBy?: string }): boolean =>
  promise.promisedBy !== undefined ? Date.parse(deliveredAt) < Date.parse(promise.promisedBy) : deliveredAt.slice(0, 10) <= promise.promiseDate;

/**
 * What the event adds to the facts of its entities (current facts by entityId; absent when none
 * yet), and the counters that become complete. Repeating an event's facts changes nothing.
 */
export function applyToEntities(event: AnalyticsEvent, current: ReadonlyMap<string, EntityFacts | undefined>): EntityChanges {
  const writes: { key: EntityKey; facts: EntityFacts }[] = [];
  const counters: CounterIncrement[] = [];
  const shipmentOf = (key: EntityKey): ShipmentFacts => {
    const facts = current.get(entityId(key));
    return facts?.kind === 'shipment' ? facts : { kind: 'shipment' };
  };
  const countOnTime = (key: EntityKey, facts: ShipmentFacts) => {
    if (facts.counted || !facts.promiseDate || !facts.delivered) return facts;
    const onTime = deliveredOnTime(facts.delivered.at, { promiseDate: facts.promiseDate, ...(facts.promisedBy !== undefined && { promisedBy: facts.promisedBy }) });
    counters.push({ target: { kind: 'channel', channel: facts.delivered.channel, hour: hourOf(facts.delivered.at) }, counters: { [onTime ? 'onTime' : 'late']: 1 } });
    return { ...facts, counted: true };
  };

  switch (event.detailType) {
    case OrderAllocated.detailType: {
      for (const shipment of dataOf(OrderAllocated, event).shipments) {
        if (shipment.promiseDate === undefined) continue;
        const key: EntityKey = { kind: 'shipment', id: shipment.shipmentId };
        const facts = shipmentOf(key);
        // The first promise stands: it is the one the customer was given.
        if (facts.promiseDate !== undefined) continue;
        writes.push({ key, facts: countOnTime(key, { ...facts, promiseDate: shipment.promiseDate, ...(shipment.promisedBy !== undefined && { promisedBy: shipment.promisedBy }) }) });
      }
      break;
    }
    case ShipmentStatusChanged.detailType: {
      const { order, to, shipmentId } = dataOf(ShipmentStatusChanged, event);
      if (!(deliveredStatuses as readonly string[]).includes(to)) break;
      const key: EntityKey = { kind: 'shipment', id: shipmentId };
      const facts = shipmentOf(key);
      if (facts.delivered !== undefined) break;
      writes.push({ key, facts: countOnTime(key, { ...facts, delivered: { at: event.metadata.occurredAt, channel: order.channelId } }) });
      break;
    }
    case ShipmentShipped.detailType: {
      const { order, shipmentId } = dataOf(ShipmentShipped, event);
      const key: EntityKey = { kind: 'order', id: order.orderId };
      const known = current.get(entityId(key));
      const shipped = known?.kind === 'order' ? known.shipped : [];
      if (shipped.includes(shipmentId)) break;
      writes.push({ key, facts: { kind: 'order', shipped: [...shipped, shipmentId] } });
      // Per order placed, like cancellations: of the period's orders, how many shipped, and in how many parcels.
      const added: Record<string, number> = { cohortShipments: 1 };
      if (shipped.length === 0) added.cohortShippedOrders = 1;
      if (shipped.length === 1) added.cohortSplitOrders = 1;
      counters.push({ target: { kind: 'channel', channel: order.channelId, hour: hourOf(order.placedAt) }, counters: added });
      break;
    }
    default:
      break;
  }
  return { writes, counters: withRollups(counters) };
}

/** The channels increments add to: the reports must know of them. */
export const channelsOf = (increments: readonly CounterIncrement[]): string[] => [...new Set(increments.flatMap(({ target }) => ('channel' in target ? [target.channel] : [])))];

/** Adds increments of the same target together: a transaction may touch an item only once. */
export function mergeIncrements(increments: readonly CounterIncrement[]): CounterIncrement[] {
  const merged = new Map<string, { target: CounterTarget; counters: Record<string, number> }>();
  for (const { target, counters } of increments) {
    const entry = merged.get(targetId(target)) ?? { target, counters: {} };
    for (const [name, amount] of Object.entries(counters)) entry.counters[name] = (entry.counters[name] ?? 0) + amount;
    merged.set(targetId(target), entry);
  }
  return [...merged.values()];
}

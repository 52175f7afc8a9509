import type { BucketCounters, ChannelCounters, SkuHour, StockHour } from '../domain/analytics/analytics-report';
import type { CounterIncrement, EntityFacts, EntityKey } from '../domain/analytics/analytics-increments';

/** Which buckets to read: UTC days (`YYYY-MM-DD`) and UTC hours (`YYYY-MM-DDTHH`), each sorted. */
export interface BucketSet {
  readonly days: readonly string[];
  readonly hours: readonly string[];
}

/** An entity's facts and the version they were read at (writes are conditional on it). */
export interface VersionedFacts {
  readonly facts: EntityFacts;
  readonly version: number;
}

/** Everything one event adds, written all together or not at all, once per event id. */
export interface AnalyticsCommit {
  readonly eventId: string;
  /** How many entities the event may touch: a bound the store can size its writes by, the same on every delivery. */
  readonly entityCount: number;
  /** New facts, each written only if the entity is still at `expectedVersion` (0: does not exist yet). */
  readonly entityWrites: readonly { readonly key: EntityKey; readonly facts: EntityFacts; readonly expectedVersion: number }[];
  /** Counters completed by the entity writes: added only together with them. */
  readonly entityCounters: readonly CounterIncrement[];
  /** Counters of the event on its own, in a fixed order. */
  readonly counters: readonly CounterIncrement[];
  /** The channels these counters belong to, so that reports of every channel find them. */
  readonly channels: readonly string[];
}

/**
 * recorded: the counters were added now. duplicate: this event id was recorded before; nothing was
 * added. conflict: an entity changed since it was read (another event about it was recorded in
 * between); nothing of the entity part was added, so read again and retry.
 */
export type CommitOutcome = 'recorded' | 'duplicate' | 'conflict';

export interface AnalyticsStore {
  readEntities(keys: readonly EntityKey[]): Promise<ReadonlyMap<string, VersionedFacts>>;
  commit(commit: AnalyticsCommit): Promise<CommitOutcome>;
  /** Every channel with counters (orders placed, webhook deliveries, ...). */
  listChannels(): Promise<string[]>;
  /** A channel's counters of these UTC days (rollups) and UTC hours; a bucket without counters is left out. */
  channelCounters(channel: string, buckets: BucketSet): Promise<ChannelCounters[]>;
  /**
   * The network's counters (every channel's, and the stock events) of these UTC days and hours,
   * likewise; only the named counters when `counterNames` is given.
   */
  networkCounters(buckets: BucketSet, counterNames?: readonly string[]): Promise<BucketCounters[]>;
  /** A channel's per-SKU hourly counters from firstHour to lastHour (both included, `YYYY-MM-DDTHH`). */
  skuHours(channel: string, firstHour: string, lastHour: string): Promise<SkuHour[]>;
  stockHours(firstHour: string, lastHour: string): Promise<StockHour[]>;
}

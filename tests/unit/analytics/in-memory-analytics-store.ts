/**
 * The analytics store in memory, with the same promises as the DynamoDB adapter: an event id is
 * recorded once (a second commit is a duplicate and adds nothing), entity writes are conditional on
 * the version read (a stale one is a conflict and adds nothing), and a commit is all or nothing. Every
 * call yields to the event loop first, so events recorded concurrently interleave their reads and
 * commits as Lambda invocations do.
 */
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { entityId, targetId, type CounterTarget, type EntityKey } from '../../../shared/domain/analytics/analytics-increments';
import type { BucketCounters, ChannelCounters, SkuHour, StockHour } from '../../../shared/domain/analytics/analytics-report';
import type { AnalyticsCommit, AnalyticsStore, BucketSet, CommitOutcome, VersionedFacts } from '../../../shared/ports/analytics-store';

export class InMemoryAnalyticsStore implements AnalyticsStore {
  readonly markers = new Set<string>();
  readonly entities = new Map<string, VersionedFacts>();
  readonly counters = new Map<string, { target: CounterTarget; counters: Record<string, number> }>();
  readonly channels = new Set<string>();
  conflicts = 0;

  async readEntities(keys: readonly EntityKey[]): Promise<ReadonlyMap<string, VersionedFacts>> {
    await yieldToEventLoop();
    return new Map(keys.flatMap((key) => (this.entities.has(entityId(key)) ? [[entityId(key), this.entities.get(entityId(key)) as VersionedFacts]] : [])));
  }

  async commit(commit: AnalyticsCommit): Promise<CommitOutcome> {
    await yieldToEventLoop();
    for (const channel of commit.channels) this.channels.add(channel);
    if (this.markers.has(commit.eventId)) return 'duplicate';
    if (commit.entityWrites.some(({ key, expectedVersion }) => (this.entities.get(entityId(key))?.version ?? 0) !== expectedVersion)) {
      this.conflicts += 1;
      return 'conflict';
    }
    this.markers.add(commit.eventId);
    for (const { key, facts, expectedVersion } of commit.entityWrites) this.entities.set(entityId(key), { facts, version: expectedVersion + 1 });
    for (const { target, counters } of [...commit.entityCounters, ...commit.counters]) {
      const entry = this.counters.get(targetId(target)) ?? { target, counters: {} };
      for (const [name, amount] of Object.entries(counters)) entry.counters[name] = (entry.counters[name] ?? 0) + amount;
      this.counters.set(targetId(target), entry);
    }
    return 'recorded';
  }

  async listChannels(): Promise<string[]> {
    return [...this.channels];
  }

  private inRange(hour: string, first: string, last: string) {
    return hour >= first && hour <= last;
  }

  async channelCounters(channel: string, { days, hours }: BucketSet): Promise<ChannelCounters[]> {
    const read = (target: CounterTarget) => this.counters.get(targetId(target))?.counters;
    return [
      ...days.map((day) => ({ channel, bucket: day, counters: read({ kind: 'channelDay', channel, day }) })),
      ...hours.map((hour) => ({ channel, bucket: hour, counters: read({ kind: 'channel', channel, hour }) })),
    ].flatMap(({ counters, ...row }) => (counters ? [{ ...row, counters: { ...counters } }] : []));
  }

  async networkCounters({ days, hours }: BucketSet, counterNames?: readonly string[]): Promise<BucketCounters[]> {
    const read = (target: CounterTarget) => {
      const counters = this.counters.get(targetId(target))?.counters;
      return counters && counterNames ? Object.fromEntries(Object.entries(counters).filter(([name]) => counterNames.includes(name))) : counters;
    };
    return [
      ...days.map((day) => ({ bucket: day, counters: read({ kind: 'networkDay', day }) })),
      ...hours.map((hour) => ({ bucket: hour, counters: read({ kind: 'network', hour }) })),
    ].flatMap(({ counters, ...row }) => (counters ? [{ ...row, counters: { ...counters } }] : []));
  }

  async skuHours(channel: string, firstHour: string, lastHour: string): Promise<SkuHour[]> {
    return [...this.counters.values()].flatMap(({ target, counters }) =>
      target.kind === 'sku' && target.channel === channel && this.inRange(target.hour, firstHour, lastHour) ? [{ channel, hour: target.hour, sku: target.sku, counters }] : [],
    );
  }

  async stockHours(firstHour: string, lastHour: string): Promise<StockHour[]> {
    return [...this.counters.values()].flatMap(({ target, counters }) =>
      target.kind === 'stock' && this.inRange(target.hour, firstHour, lastHour) ? [{ hour: target.hour, sku: target.sku, locationId: target.locationId, counters }] : [],
    );
  }
}

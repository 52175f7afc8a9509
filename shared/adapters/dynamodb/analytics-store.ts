/**
 * The analytics table (infra/definitions/tables.ts): hourly counters and their day rollups, the facts
 * of entities that join two events, and a dedup marker per event.
 *
 * | item              | pk                       | sk                           |
 * |-------------------|--------------------------|------------------------------|
 * | channel hour      | KPI#<channelId>          | <YYYY-MM-DDTHH>              |
 * | channel day       | KPIDAY#<channelId>       | <YYYY-MM-DD>                 |
 * | SKU hour          | SKU#<channelId>          | <YYYY-MM-DDTHH>#<sku>        |
 * | stock hour        | STOCK                    | <YYYY-MM-DDTHH>#<sku>#<loc>  |
 * | network hour      | NETWORK                  | <YYYY-MM-DDTHH>              |
 * | network day       | NETWORKDAY               | <YYYY-MM-DD>                 |
 *
 * The network's items hold every channel's counters added up, and the stock events' (which belong
 * to no channel): the report of every channel reads one series, however many channels there are.
 * | known channel     | CHANNELS                 | <channelId>                  |
 * | entity facts      | ENTITY#<kind>#<id>       | ENTITY                       |
 * | dedup marker      | EVENT#<eventId>          | PART#<n>                     |
 *
 * - A report reads a channel's (or the network's) days with one Query (a range of sort keys) and the
 *   few hours that correct them to local days by key (BatchGetItem), never a Scan. Days live in partitions of their
 *   own, so a range of days never takes in hours, nor a range of hours days.
 * - Counters are attributes named `c:<counter>`, added with ADD, so concurrent events never lose an
 *   update. An hour's item is one item per channel: DynamoDB takes ~1,000 writes a second on it,
 *   far above an OMS's events per channel; sharding it would be the next step past that. A day item
 *   takes the writes of its hours, which come mostly one hour at a time: it is about as hot. The
 *   network's hour and day take every channel's writes: at ~2 KB, a transactional ADD costs ~4
 *   write units, so they carry a few hundred counted events a second, OMS-wide (an OMS of a million
 *   orders a day peaks near that; past it, the network items would be split into shards).
 * - An event's writes go in one TransactWriteItems with the put of its marker (condition: it does
 *   not exist), so a redelivered event adds nothing, to an hour or to its day. A transaction holds 100
 *   items: an event with more (a return of 150 SKUs) is written in parts of at most 100, each with
 *   its own marker (PART#0, PART#1, ...), so a retry after a part failed adds only the parts still
 *   missing. Part 0 carries the entity writes, conditional on the version read, the counters they
 *   complete, and the hours that have day rollups together with their days (see partsOf).
 * - Markers expire after 30 days and entities after 120 (TTL attribute expiresAtEpoch); counters stay.
 */
import { GetCommand, PutCommand, type DynamoDBDocumentClient, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import type { BucketCounters, ChannelCounters, Counters, SkuHour, StockHour } from '../../domain/analytics/analytics-report';
import { counterItemsPerEntity, entityId, mergeIncrements, type CounterIncrement, type CounterTarget, type EntityFacts, type EntityKey } from '../../domain/analytics/analytics-increments';
import type { AnalyticsCommit, AnalyticsStore, BucketSet, CommitOutcome, VersionedFacts } from '../../ports/analytics-store';
import { batchGetItems } from './batch-get';
import { queryAll } from './query-pages';
import { failedConditionIndexes, transactWrite } from './transaction-retry';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];
type Item = Record<string, unknown>;

export const markerTtlSeconds = 30 * 86_400;
export const entityTtlSeconds = 120 * 86_400;
const maxTransactItems = 100;
const counterPrefix = 'c:';

export const analyticsKeys = {
  channelHour: (channel: string, hour: string) => ({ pk: `KPI#${channel}`, sk: hour }),
  channelDay: (channel: string, day: string) => ({ pk: `KPIDAY#${channel}`, sk: day }),
  networkHour: (hour: string) => ({ pk: 'NETWORK', sk: hour }),
  networkDay: (day: string) => ({ pk: 'NETWORKDAY', sk: day }),
  skuHour: (channel: string, hour: string, sku: string) => ({ pk: `SKU#${channel}`, sk: `${hour}#${sku}` }),
  stockHour: (hour: string, sku: string, locationId: string) => ({ pk: 'STOCK', sk: `${hour}#${sku}#${locationId}` }),
  channel: (channel: string) => ({ pk: 'CHANNELS', sk: channel }),
  entity: (key: EntityKey) => ({ pk: `ENTITY#${entityId(key)}`, sk: 'ENTITY' }),
  marker: (eventId: string, part: number) => ({ pk: `EVENT#${eventId}`, sk: `PART#${part}` }),
};

function keyOf(target: CounterTarget) {
  switch (target.kind) {
    case 'channel':
      return { key: analyticsKeys.channelHour(target.channel, target.hour), identity: { channel: target.channel, hour: target.hour } };
    case 'channelDay':
      return { key: analyticsKeys.channelDay(target.channel, target.day), identity: { channel: target.channel, day: target.day } };
    case 'sku':
      return { key: analyticsKeys.skuHour(target.channel, target.hour, target.sku), identity: { channel: target.channel, hour: target.hour, sku: target.sku } };
    case 'stock':
      return { key: analyticsKeys.stockHour(target.hour, target.sku, target.locationId), identity: { hour: target.hour, sku: target.sku, locationId: target.locationId } };
    case 'network':
      return { key: analyticsKeys.networkHour(target.hour), identity: { hour: target.hour } };
    case 'networkDay':
      return { key: analyticsKeys.networkDay(target.day), identity: { day: target.day } };
  }
}

function countersOf(item: Item): Counters {
  const counters: Record<string, number> = {};
  for (const name in item) {
    const value = item[name];
    if (typeof value === 'number' && name.startsWith(counterPrefix)) counters[name.slice(counterPrefix.length)] = value;
  }
  return counters;
}

export class DynamoDbAnalyticsStore implements AnalyticsStore {
  /** Channels this container has registered: the registration is a put per channel, not per order. */
  private readonly knownChannels = new Set<string>();

  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async readEntities(keys: readonly EntityKey[]): Promise<ReadonlyMap<string, VersionedFacts>> {
    const found = new Map<string, VersionedFacts>();
    if (keys.length === 0) return found;
    if (keys.length === 1) {
      const key = keys[0] as EntityKey;
      const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: analyticsKeys.entity(key), ConsistentRead: true }));
      if (Item) found.set(entityId(key), { facts: Item.facts as EntityFacts, version: Item.version as number });
      return found;
    }
    const byPk = new Map(keys.map((key) => [analyticsKeys.entity(key).pk, key]));
    for (const item of await batchGetItems(this.client, this.tableName, [...byPk.keys()].map((pk) => ({ pk, sk: 'ENTITY' })), { consistentRead: true })) {
      const key = byPk.get(item.pk as string);
      if (key) found.set(entityId(key), { facts: item.facts as EntityFacts, version: item.version as number });
    }
    return found;
  }

  async commit(commit: AnalyticsCommit): Promise<CommitOutcome> {
    for (const channel of commit.channels.filter((known) => !this.knownChannels.has(known))) {
      // Before the counters, so a report never misses a channel that has counters.
      await this.client.send(new PutCommand({ TableName: this.tableName, Item: { ...analyticsKeys.channel(channel), channel } }));
      this.knownChannels.add(channel);
    }
    const nowEpoch = Math.floor(this.now().getTime() / 1000);
    const parts = partsOf(commit);
    let recorded = false;
    for (const [part, { entityWrites, counters }] of parts.entries()) {
      const items: TransactItem[] = [
        { Put: { TableName: this.tableName, Item: { ...analyticsKeys.marker(commit.eventId, part), expiresAtEpoch: nowEpoch + markerTtlSeconds }, ConditionExpression: 'attribute_not_exists(pk)' } },
        ...entityWrites.map(({ key, facts, expectedVersion }): TransactItem => ({
          Put: {
            TableName: this.tableName,
            Item: { ...analyticsKeys.entity(key), facts, version: expectedVersion + 1, expiresAtEpoch: nowEpoch + entityTtlSeconds },
            ...(expectedVersion === 0 ? { ConditionExpression: 'attribute_not_exists(pk)' } : { ConditionExpression: '#version = :expected', ExpressionAttributeNames: { '#version': 'version' }, ExpressionAttributeValues: { ':expected': expectedVersion } }),
          },
        })),
        ...counters.map((increment) => this.counterUpdate(increment)),
      ];
      try {
        await transactWrite(this.client, items);
        recorded = true;
      } catch (error) {
        const failed = failedConditionIndexes(error);
        if (failed.length === 0) throw error;
        // The marker is item 0: this part was recorded by an earlier delivery.
        if (failed.includes(0)) continue;
        return 'conflict';
      }
    }
    return recorded ? 'recorded' : 'duplicate';
  }

  private counterUpdate({ target, counters }: CounterIncrement): TransactItem {
    const { key, identity } = keyOf(target);
    const names: Record<string, string> = {};
    const values: Record<string, unknown> = {};
    const sets = Object.entries(identity).map(([name, value], index) => {
      names[`#i${index}`] = name;
      values[`:i${index}`] = value;
      return `#i${index} = :i${index}`;
    });
    const adds = Object.entries(counters).map(([name, amount], index) => {
      names[`#c${index}`] = `${counterPrefix}${name}`;
      values[`:c${index}`] = amount;
      return `#c${index} :c${index}`;
    });
    return {
      Update: { TableName: this.tableName, Key: key, UpdateExpression: `SET ${sets.join(', ')} ADD ${adds.join(', ')}`, ExpressionAttributeNames: names, ExpressionAttributeValues: values },
    };
  }

  async listChannels(): Promise<string[]> {
    const items = await queryAll(this.client, { TableName: this.tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': 'CHANNELS' } });
    return items.map((item) => item.channel as string);
  }

  async channelCounters(channel: string, buckets: BucketSet): Promise<ChannelCounters[]> {
    const items = await this.bucketsOf(analyticsKeys.channelDay(channel, '').pk, (hour) => analyticsKeys.channelHour(channel, hour), buckets);
    return items.map((item) => ({ channel, bucket: item.sk as string, counters: countersOf(item) }));
  }

  async networkCounters(buckets: BucketSet, counterNames?: readonly string[]): Promise<BucketCounters[]> {
    const items = await this.bucketsOf(analyticsKeys.networkDay('').pk, analyticsKeys.networkHour, buckets, counterNames);
    return items.map((item) => ({ bucket: item.sk as string, counters: countersOf(item) }));
  }

  async skuHours(channel: string, firstHour: string, lastHour: string): Promise<SkuHour[]> {
    const items = await this.hoursOf(`SKU#${channel}`, firstHour, `${lastHour}#\uffff`);
    return items.map((item) => ({ channel, hour: item.hour as string, sku: item.sku as string, counters: countersOf(item) }));
  }

  async stockHours(firstHour: string, lastHour: string): Promise<StockHour[]> {
    const items = await this.hoursOf('STOCK', firstHour, `${lastHour}#\uffff`);
    return items.map((item) => ({ hour: item.hour as string, sku: item.sku as string, locationId: item.locationId as string, counters: countersOf(item) }));
  }

  /**
   * A range of hours, read as slices of up to 15 days queried at the same time: a query answers 1 MB
   * a page, one page after the other, and a quarter of hourly counters is several MB.
   */
  private async hoursOf(pk: string, from: string, to: string): Promise<Item[]> {
    const slices = hourSlices(from, to);
    const pages = await Promise.all(
      slices.map(([sliceFrom, sliceTo]) =>
        queryAll(this.client, {
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
          ExpressionAttributeValues: { ':pk': pk, ':from': sliceFrom, ':to': sliceTo },
        }),
      ),
    );
    return pages.flat();
  }

  /**
   * Day rollups and hours: the days with Queries of up to 100 days at a time (a year is four, side
   * by side), the hours by key in batches of 100. Both kinds of read run at once. With
   * `counterNames`, only those counters are read (a projection: DynamoDB Local's time, and the
   * SDK's, grow with the attributes returned).
   */
  private async bucketsOf(dayPk: string, hourKey: (hour: string) => { pk: string; sk: string }, { days, hours }: BucketSet, counterNames?: readonly string[]): Promise<Item[]> {
    const projection = counterNames && {
      ProjectionExpression: ['#sk', ...counterNames.map((_, index) => `#p${index}`)].join(', '),
      ExpressionAttributeNames: { '#sk': 'sk', ...Object.fromEntries(counterNames.map((name, index) => [`#p${index}`, `${counterPrefix}${name}`])) },
    };
    const wanted = new Set(days);
    const dayRanges: [string, string][] = [];
    for (let index = 0; index < days.length; index += 100) dayRanges.push([days[index] as string, days[Math.min(index + 99, days.length - 1)] as string]);
    const [dayItems, hourItems] = await Promise.all([
      Promise.all(
        dayRanges.map(([first, last]) =>
          queryAll(this.client, {
            TableName: this.tableName,
            KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :from AND :to',
            ExpressionAttributeNames: { '#pk': 'pk', '#sk': 'sk', ...projection?.ExpressionAttributeNames },
            ExpressionAttributeValues: { ':pk': dayPk, ':from': first, ':to': last },
            ...(projection && { ProjectionExpression: projection.ProjectionExpression }),
          }),
        ),
      ).then((pages) => pages.flat().filter((item) => wanted.has(item.sk as string))),
      this.itemsByKey(hours.map(hourKey), projection),
    ]);
    return [...dayItems, ...hourItems];
  }

  /** Items by key (see batchGetItems). */
  private itemsByKey(keys: readonly { pk: string; sk: string }[], projection?: { ProjectionExpression: string; ExpressionAttributeNames: Record<string, string> }): Promise<Item[]> {
    return batchGetItems(this.client, this.tableName, keys, projection ? { projection } : {});
  }
}

const sliceMs = 15 * 86_400_000;

/**
 * Contiguous sort-key ranges covering from..to: cut at every 15th day's first hour. Bounds keep what
 * follows the hour (`#<sku>…`), so a slice ends just before the next one's first hour.
 */
export function hourSlices(from: string, to: string): [string, string][] {
  const slices: [string, string][] = [];
  let start = from;
  for (let cut = Date.parse(`${from.slice(0, 13)}:00:00Z`) + sliceMs; ; cut += sliceMs) {
    const next = new Date(cut).toISOString().slice(0, 13);
    if (next > to) break;
    slices.push([start, `${new Date(cut - 3_600_000).toISOString().slice(0, 13)}#\uffff`]);
    start = next;
  }
  slices.push([start, to]);
  return slices;
}

/** Channel and network hours and their rollups: what a report adds up per local day. */
const isRolledUp = (target: CounterTarget) => target.kind === 'channel' || target.kind === 'channelDay' || target.kind === 'network' || target.kind === 'networkDay';

/**
 * The commit in transactions of at most 100 items. Part 0: the marker, the entity writes and the
 * counters they complete, then as many of the event's own counters as always fit (the room left
 * depends only on how many entities the event may touch, so every delivery splits alike); then
 * parts of 99 counters and a marker.
 */
export function partsOf(commit: AnalyticsCommit): { entityWrites: AnalyticsCommit['entityWrites']; counters: CounterIncrement[] }[] {
  // Each entity: its write and the counter items its facts may complete.
  const room = maxTransactItems - 1 - (1 + counterItemsPerEntity) * commit.entityCount;
  if (room < 0) throw new Error(`Event ${commit.eventId} touches ${commit.entityCount} entities, more than one transaction holds`);
  // Channel and network hours and their rollups first: the few items of an event that so always land
  // in part 0, so a rollup never differs from what it rolls up while a big event is half written.
  const counters = mergeIncrements(commit.counters).sort((a, b) => Number(!isRolledUp(a.target)) - Number(!isRolledUp(b.target)));
  const parts = [{ entityWrites: commit.entityWrites, counters: mergeIncrements([...commit.entityCounters, ...counters.slice(0, room)]) }];
  for (let index = room; index < counters.length; index += maxTransactItems - 1) parts.push({ entityWrites: [], counters: counters.slice(index, index + maxTransactItems - 1) });
  return parts;
}

import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { OpenOrderStatus } from '../../domain/ops/service-levels';
import type { OrderOpsQueues, PlacedRange, QueuedOrder, QueuePage, QueueRange } from '../../ports/ops-queues';
import { escalatedPartition, openStatusPartition, opsQueueShards, orderIndexes, placedMonthOf, placedMonthPartition } from './order-keys';

type Item = Record<string, unknown>;

const index = orderIndexes.byOpsQueue;
const placedIndex = orderIndexes.byPlacedMonth;
const positionOf = (entry: QueuedOrder) => `${entry.at}#${entry.orderId}`;

/** The entry an index item stands for: the order id from the table key, the time from the sort key. */
function entryOf(item: Item, sortKey: string = index.sk): QueuedOrder & { position: string } {
  const position = String(item[sortKey]);
  return { orderId: String(item.pk).slice('ORDER#'.length), at: position.slice(0, position.indexOf('#')), position };
}

/** The month before `yyyy-mm`. */
function previousMonth(month: string): string {
  const [year, monthOfYear] = month.split('-').map(Number) as [number, number];
  return monthOfYear === 1 ? `${year - 1}-12` : `${year}-${String(monthOfYear - 1).padStart(2, '0')}`;
}

const newestFirst = (a: { position: string }, b: { position: string }) => (a.position < b.position ? 1 : a.position > b.position ? -1 : 0);

/**
 * The ops queues in the orders table's byOpsQueue index (key design in order-keys.ts). An open
 * status is spread over shards: each is queried for the same range and the answers are merged,
 * oldest first, so a page is the oldest `limit` entries of all of them.
 */
export class DynamoDbOrderOpsQueues implements OrderOpsQueues {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async openOrders(status: OpenOrderStatus, { after, changedBefore, limit }: QueueRange & { changedBefore?: string }): Promise<QueuePage> {
    const afterPosition = after && positionOf(after);
    // `<changedBefore>` sorts before every key of an order changed at that instant: the bound is strictly earlier changes.
    if (afterPosition !== undefined && changedBefore !== undefined && afterPosition >= changedBefore) return { orders: [], more: false };
    const shards = await Promise.all(
      Array.from({ length: opsQueueShards }, (_, shard) => this.queryPartition(openStatusPartition(status, shard), { afterPosition, before: changedBefore, limit })),
    );
    const merged = shards
      .flatMap((shard) => shard.entries)
      .sort((a, b) => (a.position < b.position ? -1 : a.position > b.position ? 1 : 0));
    return {
      orders: merged.slice(0, limit).map(({ orderId, at }) => ({ orderId, at })),
      more: merged.length > limit || shards.some((shard) => shard.more),
    };
  }

  /**
   * Month by month, newest first: each month's shards are queried below the position reached and
   * merged, until one entry more than the page is found (so `more` is known) or the window ends.
   */
  async placedOrders({ after, placedFrom, placedTo, limit }: PlacedRange): Promise<QueuePage> {
    const from = new Date(placedFrom).toISOString();
    // Sort keys are `<placedAt>#<orderId>`: a bare instant sorts before every order placed at it, so it is an exclusive upper bound.
    let upper = after ? positionOf(after) : new Date(placedTo).toISOString();
    const oldestMonth = placedMonthOf(from);
    const found: (QueuedOrder & { position: string })[] = [];
    for (let month = placedMonthOf(upper); month >= oldestMonth && found.length <= limit; ) {
      const wanted = limit + 1 - found.length;
      const shards = await Promise.all(
        Array.from({ length: opsQueueShards }, (_, shard) =>
          this.client.send(
            new QueryCommand({
              TableName: this.tableName,
              IndexName: placedIndex.name,
              KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :from AND :upper',
              ExpressionAttributeNames: { '#pk': placedIndex.pk, '#sk': placedIndex.sk },
              ExpressionAttributeValues: { ':pk': placedMonthPartition(month, shard), ':from': from, ':upper': upper },
              ScanIndexForward: false,
              // BETWEEN includes the upper bound: the previous page's last entry comes back and is dropped.
              Limit: wanted + 1,
            }),
          ),
        ),
      );
      const entries = shards
        .flatMap((shard) => (shard.Items ?? []).map((item) => entryOf(item, placedIndex.sk)))
        .filter((entry) => entry.position !== upper)
        .sort(newestFirst);
      found.push(...entries.slice(0, wanted));
      // A shard that stopped early (its Limit or a 1 MB page) may hold more of this month below what was taken.
      const monthMayHoldMore = shards.some((shard) => shard.LastEvaluatedKey !== undefined);
      const last = found.at(-1);
      if (monthMayHoldMore && last && found.length <= limit) upper = last.position;
      else if (!monthMayHoldMore) month = previousMonth(month);
    }
    return { orders: found.slice(0, limit).map(({ orderId, at }) => ({ orderId, at })), more: found.length > limit };
  }

  async escalatedOrders({ after, limit }: QueueRange): Promise<QueuePage> {
    const { entries, more } = await this.queryPartition(escalatedPartition, { afterPosition: after && positionOf(after), limit });
    return { orders: entries.map(({ orderId, at }) => ({ orderId, at })), more };
  }

  private async queryPartition(partition: string, { afterPosition, before, limit }: { afterPosition?: string; before?: string; limit: number }) {
    const between = afterPosition !== undefined && before !== undefined;
    const range = between
      ? { condition: ' AND #sk BETWEEN :after AND :before', values: { ':after': afterPosition, ':before': before } }
      : afterPosition !== undefined
        ? { condition: ' AND #sk > :after', values: { ':after': afterPosition } }
        : before !== undefined
          ? { condition: ' AND #sk < :before', values: { ':before': before } }
          : { condition: '', values: {} };
    const extra = between ? 2 : 1;
    const page = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: index.name,
        KeyConditionExpression: `#pk = :pk${range.condition}`,
        ExpressionAttributeNames: { '#pk': index.pk, ...(range.condition && { '#sk': index.sk }) },
        ExpressionAttributeValues: { ':pk': partition, ...range.values },
        // One entry more than the page tells whether any follows (Limit alone always leaves a LastEvaluatedKey);
        // BETWEEN includes its lower bound, the entry the previous page ended with, which is dropped.
        Limit: limit + extra,
      }),
    );
    const items = page.Items ?? [];
    const entries = items.map((item) => entryOf(item)).filter((entry) => entry.position !== afterPosition);
    // A LastEvaluatedKey before the Limit was reached is DynamoDB's 1 MB page end: more may follow.
    return { entries: entries.slice(0, limit), more: entries.length > limit || (page.LastEvaluatedKey !== undefined && items.length < limit + extra) };
  }
}

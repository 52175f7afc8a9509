import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { OpenOrderStatus } from '../../domain/ops/service-levels';
import type { OrderOpsQueues, QueuedOrder, QueuePage, QueueRange } from '../../ports/ops-queues';
import { escalatedPartition, openStatusPartition, opsQueueShards, orderIndexes } from './order-keys';

type Item = Record<string, unknown>;

const index = orderIndexes.byOpsQueue;
const positionOf = (entry: QueuedOrder) => `${entry.at}#${entry.orderId}`;

/** The entry an index item stands for: the order id from the table key, the time from the sort key. */
function entryOf(item: Item): QueuedOrder & { position: string } {
  const position = String(item[index.sk]);
  return { orderId: String(item.pk).slice('ORDER#'.length), at: position.slice(0, position.indexOf('#')), position };
}

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
    const entries = items.map(entryOf).filter((entry) => entry.position !== afterPosition);
    // A LastEvaluatedKey before the Limit was reached is DynamoDB's 1 MB page end: more may follow.
    return { entries: entries.slice(0, limit), more: entries.length > limit || (page.LastEvaluatedKey !== undefined && items.length < limit + extra) };
  }
}

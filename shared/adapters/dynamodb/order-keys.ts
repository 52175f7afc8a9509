import type { Order } from '../../contracts/order';
import { statusEnteredAt } from '../../domain/ops/service-levels';
import { isTerminalOrderStatus } from '../../domain/lifecycle/status-transitions';

/**
 * Key design of the orders table (single table, see infra/definitions/tables.ts).
 *
 * | item               | pk                          | sk          |
 * |--------------------|-----------------------------|-------------|
 * | order              | ORDER#<orderId>             | ORDER       |
 * | channel-ref guard  | CHANNELREF#<channel>#<ref>  | CHANNELREF  |
 * | channel            | CHANNEL#<channel>           | CHANNEL     |
 * | API key            | APIKEY#<sha256 of key>      | APIKEY      |
 *
 * Access patterns served by indexes (all newest first, sort key `<placedAt>#<orderId>`):
 * - byChannelStatus   gsi1pk = CHANNEL#<channel>#STATUS#<status>
 * - byChannelCustomer gsi2pk = CHANNEL#<channel>#CUSTOMER#<customerId>
 * - byChannelPlacedAt gsi3pk = CHANNEL#<channel>
 * Every one of these partition keys starts with the channel, so a channel's query can never cross channels.
 *
 * Every order across channels, for `ops` keys only (byPlacedMonth, KEYS_ONLY):
 * - gsi5pk = PLACED#<yyyy-mm>#<shard 0..7>   gsi5sk = <placedAt>#<orderId>
 * Written once, when the order is placed: its keys never change, so the lifecycle's writes never
 * touch it. By month, so newest first is one month's shards queried together and merged, and an
 * empty month is a handful of tiny queries; sharded like the ops queues, so a busy month spreads
 * its writes over eight partitions.
 *
 * Ops queues (across channels, for `ops` keys only), one sparse index, byOpsQueue (KEYS_ONLY):
 * - escalated orders:  gsi4pk = ESCALATED                      gsi4sk = <escalation.at>#<orderId>
 * - other open orders: gsi4pk = OPEN#<status>#<shard 0..7>     gsi4sk = <entered that status at>#<orderId>
 * - terminal orders carry neither (unless escalated), so the index holds only what ops may act on.
 * An order is in exactly one queue: an escalated one is a person's already, whatever its status,
 * until customer service clears the escalation; every other open order sits in its status, longest
 * there first, so "in its status past the service level" is one key condition (gsi4sk < now − SLA).
 * One index rather than one per queue: DynamoDB (and so a CloudFormation update) creates one index
 * per table update. The open partitions are sharded by a hash of the order id because every order
 * passes through each status (PLACED takes every capture). The sort key changes only with the status,
 * so the lifecycle's other writes do not touch the index; KEYS_ONLY keeps the writes that do small,
 * and the queues read the orders from the table.
 */
export const orderKey = (orderId: string) => ({ pk: `ORDER#${orderId}`, sk: 'ORDER' });
export const channelRefKey = (channelId: string, channelOrderRef: string) => ({
  pk: `CHANNELREF#${channelId}#${channelOrderRef}`,
  sk: 'CHANNELREF',
});
export const channelKey = (channelId: string) => ({ pk: `CHANNEL#${channelId}`, sk: 'CHANNEL' });
export const apiKeyKey = (apiKeyHash: string) => ({ pk: `APIKEY#${apiKeyHash}`, sk: 'APIKEY' });

export const orderIndexes = {
  byChannelStatus: { name: 'byChannelStatus', pk: 'gsi1pk', sk: 'gsi1sk' },
  byChannelCustomer: { name: 'byChannelCustomer', pk: 'gsi2pk', sk: 'gsi2sk' },
  byChannelPlacedAt: { name: 'byChannelPlacedAt', pk: 'gsi3pk', sk: 'gsi3sk' },
  byOpsQueue: { name: 'byOpsQueue', pk: 'gsi4pk', sk: 'gsi4sk' },
  byPlacedMonth: { name: 'byPlacedMonth', pk: 'gsi5pk', sk: 'gsi5sk' },
} as const;

export const opsQueueShards = 8;
export const escalatedPartition = 'ESCALATED';
export const openStatusPartition = (status: string, shard: number) => `OPEN#${status}#${shard}`;
/** The index attributes an order may carry or not (sparse): a write without them removes them. */
export const sparseOrderIndexAttributes = ['gsi4pk', 'gsi4sk'] as const;

/** The shard of an open order: a stable FNV-1a hash of its id. */
export function opsQueueShardOf(orderId: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < orderId.length; index++) {
    hash ^= orderId.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % opsQueueShards;
}

/** The order's byOpsQueue keys: the escalations, its open status's shard, or none once it is closed. */
export function opsQueueKeys(order: Pick<Order, 'id' | 'status' | 'statusHistory' | 'updatedAt' | 'escalation'>): { gsi4pk: string; gsi4sk: string } | Record<string, never> {
  if (order.escalation) return { gsi4pk: escalatedPartition, gsi4sk: `${order.escalation.at}#${order.id}` };
  if (isTerminalOrderStatus(order.status)) return {};
  return { gsi4pk: openStatusPartition(order.status, opsQueueShardOf(order.id)), gsi4sk: `${statusEnteredAt(order)}#${order.id}` };
}

export const placedSortKey = (placedAt: string, orderId: string) => `${placedAt}#${orderId}`;
/** `yyyy-mm` of an ISO instant, the month partition an order placed then is listed in. */
export const placedMonthOf = (instant: string) => instant.slice(0, 7);
export const placedMonthPartition = (month: string, shard: number) => `PLACED#${month}#${shard}`;

export function orderIndexKeys(order: Pick<Order, 'id' | 'channelId' | 'status' | 'statusHistory' | 'customer' | 'placedAt' | 'updatedAt' | 'escalation'>) {
  const sortKey = placedSortKey(order.placedAt, order.id);
  return {
    ...opsQueueKeys(order),
    gsi1pk: `CHANNEL#${order.channelId}#STATUS#${order.status}`,
    gsi1sk: sortKey,
    gsi2pk: `CHANNEL#${order.channelId}#CUSTOMER#${order.customer.id}`,
    gsi2sk: sortKey,
    gsi3pk: `CHANNEL#${order.channelId}`,
    gsi3sk: sortKey,
    gsi5pk: placedMonthPartition(placedMonthOf(order.placedAt), opsQueueShardOf(order.id)),
    gsi5sk: sortKey,
  };
}

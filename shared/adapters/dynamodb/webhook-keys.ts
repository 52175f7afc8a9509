/**
 * Key design of the webhooks table (single table, see infra/definitions/tables.ts).
 *
 * | item           | pk                          | sk                       | gsi1pk (byNextAttempt) | gsi1sk               |
 * |----------------|-----------------------------|--------------------------|------------------------|----------------------|
 * | subscription   | CHANNEL#<channelId>         | SUBSCRIPTION#<id>        |                        |                      |
 * | delivery       | SUBSCRIPTION#<id>           | DELIVERY#<deliveryId>    | DUE#<shard 0..7>       | <nextAttemptAt, ISO> |
 * | event payload  | EVENT#<eventId>             | EVENT                    |                        |                      |
 *
 * - A channel's subscriptions are one partition: the fan-out reads them with one Query, and a
 *   subscription is only found through its channel, so another channel's id is simply not found.
 * - A subscription's deliveries are one partition, sorted by their ULID id: the delivery log is a
 *   Query, newest first.
 * - The payload is stored once per event, whatever the number of subscriptions, and its put is
 *   the fan-out's dedup: it is written with the event's deliveries in one transaction, on the
 *   condition that it does not exist yet.
 * - byNextAttempt is sparse and is the retry schedule: a delivery carries gsi1pk/gsi1sk only while
 *   PENDING, so the sweeper asks each shard for `gsi1sk <= now` (a handful of Queries, never a Scan)
 *   and finds a due delivery however late it is. The shard (a hash of the delivery id) spreads the
 *   index writes of a burst of events over several partitions. KEYS_ONLY: the sweeper reads each
 *   delivery strongly consistently before it claims it anyway, and an attempt rewrites the delivery,
 *   which with ALL would rewrite the index entry at full size too.
 * - byDeadLetter is sparse too: a delivery carries gsi2pk = DEAD_LETTERED and gsi2sk =
 *   <deadLetteredAt>#<deliveryId> only while DEAD_LETTERED, so ops lists the dead letters of every
 *   channel and subscription, oldest first, with one Query. One partition: a delivery dead-letters
 *   at most once a day (its retry window), and is not rewritten until it is redriven.
 */
export const subscriptionKey = (channelId: string, subscriptionId: string) => ({ pk: `CHANNEL#${channelId}`, sk: `SUBSCRIPTION#${subscriptionId}` });
export const channelSubscriptionsPartition = (channelId: string) => `CHANNEL#${channelId}`;
export const subscriptionPrefix = 'SUBSCRIPTION#';

export const deliveryPartition = (subscriptionId: string) => `SUBSCRIPTION#${subscriptionId}`;
export const deliveryPrefix = 'DELIVERY#';
export const deliveryKey = (subscriptionId: string, deliveryId: string) => ({ pk: deliveryPartition(subscriptionId), sk: `${deliveryPrefix}${deliveryId}` });

export const eventPayloadKey = (eventId: string) => ({ pk: `EVENT#${eventId}`, sk: 'EVENT' });

export const dueShards = 8;
export const duePartition = (shard: number) => `DUE#${shard}`;

/** The shard of a delivery: a stable FNV-1a hash of its id. */
export function dueShardOf(deliveryId: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < deliveryId.length; index++) {
    hash ^= deliveryId.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % dueShards;
}

/** The byNextAttempt keys of a pending delivery; an ISO UTC timestamp sorts as its instant does. */
export const dueIndexKeys = (deliveryId: string, nextAttemptAt: string) => ({ gsi1pk: duePartition(dueShardOf(deliveryId)), gsi1sk: nextAttemptAt });

/** A delivery's ref from the table keys the index returns. */
export function deliveryRefOfKeys(pk: unknown, sk: unknown): { subscriptionId: string; deliveryId: string } | undefined {
  if (typeof pk !== 'string' || typeof sk !== 'string' || !pk.startsWith('SUBSCRIPTION#') || !sk.startsWith(deliveryPrefix)) return undefined;
  return { subscriptionId: pk.slice('SUBSCRIPTION#'.length), deliveryId: sk.slice(deliveryPrefix.length) };
}

export const deadLetterPartition = 'DEAD_LETTERED';
/** The byDeadLetter keys of a dead-lettered delivery. */
export const deadLetterIndexKeys = (deliveryId: string, deadLetteredAt: string) => ({ gsi2pk: deadLetterPartition, gsi2sk: `${deadLetteredAt}#${deliveryId}` });

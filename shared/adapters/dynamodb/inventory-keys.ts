/**
 * Key design of the inventory table (single table, see infra/definitions/tables.ts).
 *
 * | item              | pk                       | sk                  | gsi1pk (byLocation)      | gsi1sk |
 * |-------------------|--------------------------|---------------------|--------------------------|--------|
 * | location          | LOCATION#<id>            | LOCATION            | LOCATIONS                | <id>   |
 * | stock             | STOCK#<sku>              | LOCATION#<id>       | LOCATION#<id>#STOCK      | <sku>  |
 * | reservation line  | RESERVATION#<orderId>    | <sku>#<locationId>  |                          |        |
 * | adjustment        | ADJUSTMENT#<id>          | ADJUSTMENT          |                          |        |
 *
 * | item                        | gsi2pk (byHoldExpiry)  | gsi2sk               |
 * |-----------------------------|------------------------|----------------------|
 * | reservation line, HELD only | HOLDS#<shard 00..15>   | <expiresAt, ISO UTC> |
 *
 * byHoldExpiry is sparse: a line carries gsi2pk/gsi2sk while it is HELD, and settling it (release,
 * consume, expiry) removes them, so the index holds exactly the open holds. The expiry sweeper asks
 * every shard for `gsi2sk <= now`: a handful of Queries, never a Scan, and an expired hold is found
 * however long ago it expired (a time-bucketed key would need a look-back window, and a hold older
 * than the window would never be found). The shard, from the order id, spreads the index writes of
 * a busy sale over 16 partitions instead of one (every hold written now expires at about the same
 * time, so the time alone would put them all in one partition).
 *
 * Stock keeps `available` (= onHand − reserved − safetyStock) as its own attribute, because a
 * condition expression cannot do arithmetic: a reservation is one conditional update,
 * `available >= :quantity`, which is what makes overselling impossible under any concurrency.
 * The stored value is exact and may be negative (a count below what is reserved); the adapter
 * reports it as zero then. Readers of the raw item (e.g. a stream consumer) must clamp it too.
 */
export const locationKey = (locationId: string) => ({ pk: `LOCATION#${locationId}`, sk: 'LOCATION' });
export const locationIndexKeys = (locationId: string) => ({ gsi1pk: 'LOCATIONS', gsi1sk: locationId });
export const stockKey = (sku: string, locationId: string) => ({ pk: `STOCK#${sku}`, sk: `LOCATION#${locationId}` });
export const stockIndexKeys = (sku: string, locationId: string) => ({ gsi1pk: `LOCATION#${locationId}#STOCK`, gsi1sk: sku });
export const reservationPartition = (orderId: string) => `RESERVATION#${orderId}`;
export const reservationKey = (orderId: string, sku: string, locationId: string) => ({
  pk: reservationPartition(orderId),
  sk: `${sku}#${locationId}`,
});
export const adjustmentKey = (adjustmentId: string) => ({ pk: `ADJUSTMENT#${adjustmentId}`, sk: 'ADJUSTMENT' });

/** Shards of the byHoldExpiry index; the sweeper queries each one. */
export const holdExpiryShards = 16;
export const holdExpiryPartition = (shard: number) => `HOLDS#${String(shard).padStart(2, '0')}`;

/** The shard of an order's holds: a stable hash of its id, so all lines of an order share one. */
export function holdExpiryShardOf(orderId: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < orderId.length; index++) {
    hash ^= orderId.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % holdExpiryShards;
}

/** The byHoldExpiry keys of a HELD line; an ISO UTC timestamp sorts as its instant does. */
export const holdExpiryIndexKeys = (orderId: string, expiresAt: string) => ({
  gsi2pk: holdExpiryPartition(holdExpiryShardOf(orderId)),
  gsi2sk: expiresAt,
});

/** Whether a raw item's keys are those of a stock record (and not a location, ledger line or adjustment). */
export const isStockItemKey = (pk: unknown, sk: unknown): boolean =>
  typeof pk === 'string' && typeof sk === 'string' && pk.startsWith('STOCK#') && sk.startsWith('LOCATION#');

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

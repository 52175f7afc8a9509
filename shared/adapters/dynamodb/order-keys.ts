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
 * Every index partition key starts with the channel, so a query can never cross channels.
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
} as const;

export const placedSortKey = (placedAt: string, orderId: string) => `${placedAt}#${orderId}`;

export function orderIndexKeys(order: { id: string; channelId: string; status: string; customer: { id: string }; placedAt: string }) {
  const sortKey = placedSortKey(order.placedAt, order.id);
  return {
    gsi1pk: `CHANNEL#${order.channelId}#STATUS#${order.status}`,
    gsi1sk: sortKey,
    gsi2pk: `CHANNEL#${order.channelId}#CUSTOMER#${order.customer.id}`,
    gsi2sk: sortKey,
    gsi3pk: `CHANNEL#${order.channelId}`,
    gsi3sk: sortKey,
  };
}

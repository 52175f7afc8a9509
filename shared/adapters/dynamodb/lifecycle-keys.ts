/**
 * Keys of the lifecycle's records in the orders table (see order-keys.ts for the order itself).
 *
 * | item                | pk                              | sk                |
 * |---------------------|---------------------------------|-------------------|
 * | wait (task token)   | ORDER#<orderId>                 | WAIT#<waitId>     |
 * | restock subscription| RESTOCK#<sku>                   | ORDER#<orderId>   |
 * | partner event       | PARTNER_EVENT#<partner>#<id>    | PARTNER_EVENT     |
 *
 * Waits share the order's partition, so an order's pending tokens are one Query away.
 */
export const waitKey = (orderId: string, waitId: string) => ({ pk: `ORDER#${orderId}`, sk: `WAIT#${waitId}` });
export const waitPrefix = 'WAIT#';
export const restockKey = (sku: string, orderId: string) => ({ pk: `RESTOCK#${sku}`, sk: `ORDER#${orderId}` });
export const partnerEventKey = (partner: string, eventId: string) => ({ pk: `PARTNER_EVENT#${partner}#${eventId}`, sk: 'PARTNER_EVENT' });

/**
 * Where the OMS reads a BigCommerce order that a webhook only names: the store's V2 orders API in
 * production, a sandbox store locally and in tests. Answers are the API's JSON documents as they
 * are (unvalidated, numbers read exactly); the use case checks them with the payload schemas.
 */
export interface BigCommerceOrderSource {
  /** GET /v2/orders/{id}; undefined when the store has no such order. */
  getOrder(orderId: string): Promise<unknown>;
  /** GET /v2/orders/{id}/products, every page. */
  getOrderProducts(orderId: string): Promise<unknown>;
  /** GET /v2/orders/{id}/shipping_addresses. */
  getOrderShippingAddresses(orderId: string): Promise<unknown>;
}

/** The store's API could not answer (timeout, rate limit, 5xx): the webhook should be redelivered later. */
export class ChannelApiUnavailableError extends Error {
  override name = 'ChannelApiUnavailableError';
}

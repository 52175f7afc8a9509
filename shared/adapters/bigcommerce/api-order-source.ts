/**
 * The BigCommerce store's V2 orders API behind the BigCommerceOrderSource port: X-Auth-Token with
 * an API account token, JSON read exactly (big ids, decimals), a timeout per call. What the store
 * cannot answer now (network, timeout, 429, 5xx, or any other status) is ChannelApiUnavailableError,
 * so the webhook is redelivered later; only 404 means the order does not exist.
 */
import { parseJsonLosslessly } from '../../channels/lossless-json';
import { ChannelApiUnavailableError, type BigCommerceOrderSource } from '../../ports/bigcommerce-order-source';

export interface BigCommerceApiSettings {
  readonly storeHash: string;
  readonly accessToken: string;
  readonly baseUrl?: string;
  readonly timeoutMs?: number;
  readonly fetch?: typeof globalThis.fetch;
}

/** The largest page the V2 API serves, and how many pages an order's products may take (the OMS takes 200 lines). */
const pageSize = 250;
const maxPages = 4;

export function bigCommerceApiOrderSource({
  storeHash,
  accessToken,
  baseUrl = 'https://api.bigcommerce.com',
  timeoutMs = 3000,
  fetch = globalThis.fetch,
}: BigCommerceApiSettings): BigCommerceOrderSource {
  const get = async (path: string): Promise<unknown> => {
    const url = `${baseUrl}/stores/${encodeURIComponent(storeHash)}/v2${path}`;
    let response: Response;
    try {
      response = await fetch(url, {
        headers: { 'x-auth-token': accessToken, accept: 'application/json' },
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      throw new ChannelApiUnavailableError(`BigCommerce GET ${path} failed: ${(error as Error).message}`);
    }
    if (response.status === 404) return undefined;
    // The V2 API answers an empty collection with 204 and no body.
    if (response.status === 204) return [];
    if (!response.ok) throw new ChannelApiUnavailableError(`BigCommerce GET ${path} answered ${response.status}`);
    try {
      return parseJsonLosslessly(await response.text());
    } catch (error) {
      throw new ChannelApiUnavailableError(`BigCommerce GET ${path} answered with a body that is not JSON: ${(error as Error).message}`);
    }
  };

  const orderPath = (orderId: string) => `/orders/${encodeURIComponent(orderId)}`;

  return {
    getOrder: (orderId) => get(orderPath(orderId)),
    async getOrderProducts(orderId) {
      const products: unknown[] = [];
      for (let page = 1; page <= maxPages; page++) {
        const items = await get(`${orderPath(orderId)}/products?limit=${pageSize}&page=${page}`);
        if (!Array.isArray(items)) return page === 1 ? items : products;
        products.push(...items);
        if (items.length < pageSize) break;
      }
      return products;
    },
    getOrderShippingAddresses: async (orderId) => (await get(`${orderPath(orderId)}/shipping_addresses`)) ?? [],
  };
}

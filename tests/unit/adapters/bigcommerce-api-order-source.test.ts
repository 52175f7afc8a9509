import { describe, expect, it } from 'vitest';
import { bigCommerceApiOrderSource } from '../../../shared/adapters/bigcommerce/api-order-source';
import { ChannelApiUnavailableError } from '../../../shared/ports/bigcommerce-order-source';

/** A fetch that answers from a table of paths and records each request. */
function fakeFetch(answers: Record<string, () => Response>) {
  const requests: { url: string; headers: Record<string, string> }[] = [];
  const fetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = String(input);
    requests.push({ url, headers: Object.fromEntries(new Headers(init?.headers).entries()) });
    const path = url.replace('https://api.bigcommerce.com/stores/abc123/v2', '');
    const answer = answers[path];
    return answer ? answer() : new Response('{"status":404}', { status: 404 });
  };
  return { fetch: fetch as typeof globalThis.fetch, requests };
}

const json = (text: string, status = 200) => () => new Response(text, { status, headers: { 'content-type': 'application/json' } });

describe('bigCommerceApiOrderSource', () => {
  it('reads an order with the store token, keeping big ids and decimals exact', async () => {
    const { fetch, requests } = fakeFetch({ '/orders/318': json('{"id": 318, "customer_id": 9007199254740993, "total_inc_tax": "117.9800"}') });
    const source = bigCommerceApiOrderSource({ storeHash: 'abc123', accessToken: 'token-1', fetch });

    const order = await source.getOrder('318');

    expect(order).toEqual({ id: 318, customer_id: '9007199254740993', total_inc_tax: '117.9800' });
    expect(requests[0]?.headers).toMatchObject({ 'x-auth-token': 'token-1', accept: 'application/json' });
  });

  it('answers undefined for an order the store does not have, and [] for an empty collection (204)', async () => {
    const { fetch } = fakeFetch({ '/orders/5/shipping_addresses': () => new Response(null, { status: 204 }) });
    const source = bigCommerceApiOrderSource({ storeHash: 'abc123', accessToken: 'token-1', fetch });

    expect(await source.getOrder('404')).toBeUndefined();
    expect(await source.getOrderShippingAddresses('5')).toEqual([]);
  });

  it('reads every page of an order’s products', async () => {
    const page = (from: number, count: number) => JSON.stringify(Array.from({ length: count }, (_, index) => ({ id: from + index })));
    const { fetch, requests } = fakeFetch({
      '/orders/7/products?limit=250&page=1': json(page(1, 250)),
      '/orders/7/products?limit=250&page=2': json(page(251, 3)),
    });
    const source = bigCommerceApiOrderSource({ storeHash: 'abc123', accessToken: 'token-1', fetch });

    const products = (await source.getOrderProducts('7')) as unknown[];

    expect(products).toHaveLength(253);
    expect(requests).toHaveLength(2);
  });

  it('reports a store that cannot answer now (5xx, 429, network) as ChannelApiUnavailableError', async () => {
    const { fetch } = fakeFetch({ '/orders/1': json('{}', 503), '/orders/2': json('{}', 429) });
    const source = bigCommerceApiOrderSource({ storeHash: 'abc123', accessToken: 'token-1', fetch });
    const down = bigCommerceApiOrderSource({ storeHash: 'abc123', accessToken: 'token-1', fetch: async () => Promise.reject(new TypeError('fetch failed')) });

    await expect(source.getOrder('1')).rejects.toBeInstanceOf(ChannelApiUnavailableError);
    await expect(source.getOrder('2')).rejects.toBeInstanceOf(ChannelApiUnavailableError);
    await expect(down.getOrder('1')).rejects.toBeInstanceOf(ChannelApiUnavailableError);
  });
});

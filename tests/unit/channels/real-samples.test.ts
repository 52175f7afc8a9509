/**
 * The adapters against real platform payloads (Shopify's test notification and REST fixtures,
 * WooCommerce's REST docs and a captured webhook, BigCommerce's V2 docs and a recorded store
 * answer), kept outside this repository in ../shared/realdata (OMS_REALDATA_DIR to point
 * elsewhere). They are read, never copied; without them these tests are skipped.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import {
  BigCommerceAddressSchema,
  BigCommerceOrderProductSchema,
  BigCommerceOrderSchema,
  BigCommerceOrderWebhookBodySchema,
} from '../../../shared/channels/bigcommerce/bigcommerce-order';
import { mapBigCommerceOrder } from '../../../shared/channels/bigcommerce/map-bigcommerce-order';
import { parseJsonLosslessly } from '../../../shared/channels/lossless-json';
import { ShopifyOrderWebhookSchema } from '../../../shared/channels/shopify/shopify-order';
import { WooCommerceOrderWebhookSchema } from '../../../shared/channels/woocommerce/woocommerce-order';
import { BusinessRuleViolation } from '../../../shared/domain/errors';
import { receiveBigCommerceOrder, receiveShopifyOrder, receiveWooCommerceOrder } from '../../../shared/use-cases/receive-channel-order';
import { InMemoryOrderRepository } from '../fakes/in-memory-order-repository';

const repositoryRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');
const realdata = process.env.OMS_REALDATA_DIR ?? resolve(repositoryRoot, '../shared/realdata');
const available = existsSync(join(realdata, 'shopify')) && existsSync(join(realdata, 'woocommerce')) && existsSync(join(realdata, 'bigcommerce'));
if (!available) console.info(`Real channel samples not found at ${realdata}: the real-sample tests are skipped (set OMS_REALDATA_DIR to run them).`);

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- samples are arbitrary platform JSON
const sample = (path: string): any => parseJsonLosslessly(readFileSync(join(realdata, path), 'utf8'));

function dependencies() {
  let sequence = 0;
  return { orders: new InMemoryOrderRepository(), newOrderId: () => `ord_${++sequence}`, now: () => new Date('2025-03-01T10:00:00.000Z') };
}

const refusalOf = async (promise: Promise<unknown>) => {
  const error = await promise.then(() => undefined, (thrown: unknown) => thrown);
  if (!(error instanceof BusinessRuleViolation)) throw new Error(`expected a refusal, got ${String(error)}`);
  return error;
};

describe.skipIf(!available)('real platform samples', () => {
  it.each(['shopify/orders-create_test-notification.json', 'shopify/orders-create_test-notification.min.json', 'shopify/order_rest-admin-2025-01_450789469.json'])(
    'captures Shopify %s with totals equal to Shopify’s to the cent',
    async (path) => {
      const payload = sample(path);

      const { order } = await receiveShopifyOrder({ channelId: 'shopify-real', order: ShopifyOrderWebhookSchema.parse(payload), topic: 'orders/create' }, dependencies());

      expect(order.channelOrderRef).toBe(String(payload.id));
      expect(order.totals.grandTotal.amount).toBe(Number(payload.total_price.replace('.', '')));
    },
  );

  it('keeps the test notification’s order id 820982911946154508 exact and merges its two lines of one SKU', async () => {
    const payload = sample('shopify/orders-create_test-notification.json');

    const { order } = await receiveShopifyOrder({ channelId: 'shopify-real', order: ShopifyOrderWebhookSchema.parse(payload) }, dependencies());

    expect(order.channelOrderRef).toBe('820982911946154508');
    expect(order.customer.id).toBe('115310627314723954');
    expect(order.lines).toMatchObject([{ sku: 'IPOD2008PINK', quantity: 2, lineRef: '866550311766439020/141249953214522974', discount: { amount: 500 } }]);
  });

  it.each([
    ['woocommerce/order_v3_create_response.json', (value: unknown) => value],
    ['woocommerce/order_v3_retrieve_727.json', (value: unknown) => value],
    ['woocommerce/orders_v3_list.json', (value: unknown[]) => value[0]],
    ['woocommerce/orders_v3_list.json', (value: unknown[]) => value[1]],
  ] as const)('captures WooCommerce %s with totals equal to WooCommerce’s to the cent', async (path, pick) => {
    const payload = (pick as (value: unknown) => Record<string, string>)(sample(path));

    const { order } = await receiveWooCommerceOrder({ channelId: 'woocommerce-real', order: WooCommerceOrderWebhookSchema.parse(payload) }, dependencies());

    expect(order.totals.grandTotal.amount).toBe(Number(payload.total?.replace('.', '')));
  });

  it('refuses the captured WooCommerce webhook of a virtual order (empty shipping address), naming the field', async () => {
    const payload = sample('woocommerce/order_v3_webhook_captured_pipedream.json');

    const refusal = await refusalOf(receiveWooCommerceOrder({ channelId: 'woocommerce-real', order: WooCommerceOrderWebhookSchema.parse(payload) }, dependencies()));

    expect(refusal.errors).toEqual([expect.objectContaining({ path: 'shipping', code: 'NO_SHIPPING_ADDRESS' })]);
  });

  describe('BigCommerce V2 documents', () => {
    // The docs' examples are separate documents (their products and addresses belong to other orders), so they are mapped, not totalled.
    const examples = () => sample('bigcommerce/orders_v2_examples.json');
    const subResources = () => ({
      products: z.array(BigCommerceOrderProductSchema).parse(examples()['GET /v2/orders/{order_id}/products'].response),
      shippingAddresses: z.array(BigCommerceAddressSchema).parse(examples()['GET /v2/orders/{order_id}/shipping_addresses'].response),
    });
    const map = (order: unknown, products = subResources().products) => mapBigCommerceOrder({ ...subResources(), products, order: BigCommerceOrderSchema.parse(order) });

    it.each([
      ['the docs’ multi-item order (whose currency_code key is misspelt)', () => examples()['GET /v2/orders/{order_id}']['Multiple Items']],
      ['the docs’ order list entry', () => examples()['GET /v2/orders'].response[0]],
      ['the order recorded from a store in 2013', () => sample('bigcommerce/orders_v2_recorded_2013_vcr.json')[0]],
    ])('maps %s to a valid canonical order', (_name, order) => {
      const { request } = map(order());

      expect(request.lines.map((line) => line.sku)).toEqual(['S-ORAN', 'ABS']);
      expect(request.shippingAddress).toMatchObject({ city: 'San Antonio', country: 'US' });
      expect(request.metadata?.channelPlacedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.000Z$/);
    });

    it('refuses the docs’ order with custom fees, naming each fee', () => {
      const refused = (() => {
        try {
          map(examples()['GET /v2/orders/{order_id}'].Response);
        } catch (error) {
          return error as BusinessRuleViolation;
        }
      })();

      expect(refused?.errors.map((error) => error.path)).toEqual(['fees[0]', 'fees[1]']);
    });

    it('refuses a product whose SKU has spaces (not a canonical SKU), naming it', () => {
      const product = BigCommerceOrderProductSchema.parse(examples()['GET /v2/orders/{order_id}/products/{product_id}']['Product with Variants']);

      expect(() => map(examples()['GET /v2/orders/{order_id}']['Multiple Items'], [product])).toThrow(
        expect.objectContaining({ errors: [expect.objectContaining({ path: 'products[0].sku', code: 'invalid_format' })] }),
      );
    });

    it('reads the docs’ store/order/created webhook as the thin form and asks the store for its order', async () => {
      const asked: string[] = [];
      const body = BigCommerceOrderWebhookBodySchema.parse(sample('bigcommerce/webhook_store_order_created.json'));
      const source = {
        getOrder: async (id: string) => void asked.push(id),
        getOrderProducts: async () => [],
        getOrderShippingAddresses: async () => [],
      };

      const refusal = await refusalOf(receiveBigCommerceOrder({ channelId: 'bigcommerce-real', body }, { ...dependencies(), source }));

      expect(body).toMatchObject({ form: 'webhook', scope: 'store/order/created', data: { type: 'order', id: '250' } });
      expect(asked).toEqual(['250']);
      expect(refusal.code).toBe('CHANNEL_ORDER_NOT_FOUND');
    });
  });
});

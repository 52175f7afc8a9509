import { describe, expect, it } from 'vitest';
import { BigCommerceOrderWebhookBodySchema } from '../../../shared/channels/bigcommerce/bigcommerce-order';
import { ShopifyOrderWebhookSchema } from '../../../shared/channels/shopify/shopify-order';
import { WooCommerceOrderWebhookSchema } from '../../../shared/channels/woocommerce/woocommerce-order';
import { BusinessRuleViolation, ConflictError } from '../../../shared/domain/errors';
import type { BigCommerceOrderSource } from '../../../shared/ports/bigcommerce-order-source';
import {
  receiveBigCommerceOrder,
  receiveShopifyOrder,
  receiveWooCommerceOrder,
  type ReceiveBigCommerceOrderDependencies,
} from '../../../shared/use-cases/receive-channel-order';
import { fixture } from '../../fixtures/channels/channel-fixtures';
import { InMemoryOrderRepository } from '../fakes/in-memory-order-repository';

const channelId = 'demo-shopify';

function dependencies(orders = new InMemoryOrderRepository()) {
  let sequence = 0;
  return { orders, newOrderId: () => `ord_${String(++sequence).padStart(3, '0')}`, now: () => new Date('2025-03-01T10:00:00.000Z') };
}

/** A BigCommerce store holding the fixtures' order 319, counting what it was asked. */
function fakeStore(): BigCommerceOrderSource & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    async getOrder(orderId) {
      calls.push(`order ${orderId}`);
      return orderId === '319' ? fixture('bigcommerce/order-v2-links.json') : undefined;
    },
    async getOrderProducts(orderId) {
      calls.push(`products ${orderId}`);
      return fixture('bigcommerce/order-v2-links-products.json');
    },
    async getOrderShippingAddresses(orderId) {
      calls.push(`shipping_addresses ${orderId}`);
      return fixture('bigcommerce/order-v2-links-shipping-addresses.json');
    },
  };
}

const bigCommerceDependencies = (source: BigCommerceOrderSource, orders = new InMemoryOrderRepository()): ReceiveBigCommerceOrderDependencies => ({ ...dependencies(orders), source });

const rejection = async (promise: Promise<unknown>) => {
  const error = await promise.then(() => undefined, (thrown: unknown) => thrown);
  if (!(error instanceof BusinessRuleViolation) && !(error instanceof ConflictError)) throw new Error(`expected a refusal, got ${String(error)}`);
  return error;
};

describe('receiveShopifyOrder', () => {
  it('captures the order in the connection’s channel under the Shopify order id', async () => {
    const orders = new InMemoryOrderRepository();

    const result = await receiveShopifyOrder({ channelId, order: ShopifyOrderWebhookSchema.parse(fixture('shopify/order-create.json')), topic: 'orders/create' }, dependencies(orders));

    expect(result.created).toBe(true);
    expect(result.order).toMatchObject({ channelId, channelOrderRef: '5912345678901234567', status: 'PLACED', totals: { grandTotal: { amount: 7191 } } });
    expect(orders.stored).toHaveLength(1);
  });

  it('answers a redelivery of the same webhook with the same order, created=false, storing nothing new', async () => {
    const orders = new InMemoryOrderRepository();
    const deps = dependencies(orders);
    const first = await receiveShopifyOrder({ channelId, order: ShopifyOrderWebhookSchema.parse(fixture('shopify/order-create.json')) }, deps);

    const again = await receiveShopifyOrder({ channelId, order: ShopifyOrderWebhookSchema.parse(fixture('shopify/order-create.json')) }, deps);

    expect(again.created).toBe(false);
    expect(again.order).toEqual(first.order);
    expect(orders.stored).toHaveLength(1);
  });

  it('refuses other content under a captured Shopify order id (409), naming the id field', async () => {
    const deps = dependencies();
    await receiveShopifyOrder({ channelId, order: ShopifyOrderWebhookSchema.parse(fixture('shopify/order-create.json')) }, deps);
    const changed = fixture('shopify/order-create.json');
    changed.note = 'changed after capture';

    const error = await rejection(receiveShopifyOrder({ channelId, order: ShopifyOrderWebhookSchema.parse(changed) }, deps));

    expect(error).toBeInstanceOf(ConflictError);
    expect(error.code).toBe('DUPLICATE_CHANNEL_ORDER_REF');
    expect(error.errors).toEqual([expect.objectContaining({ path: 'id' })]);
  });

  it('refuses a total that does not add up (a charge the mapping cannot see), naming total_price, and writes nothing', async () => {
    const orders = new InMemoryOrderRepository();
    const payload = fixture('shopify/order-create.json');
    payload.total_price = '81.91';

    const error = await rejection(receiveShopifyOrder({ channelId, order: ShopifyOrderWebhookSchema.parse(payload) }, dependencies(orders)));

    expect(error.errors).toEqual([expect.objectContaining({ path: 'total_price', code: 'TOTAL_MISMATCH' })]);
    expect(orders.stored).toEqual([]);
  });

  it('refuses another topic sent to the order-creation URL, naming the header', async () => {
    const error = await rejection(
      receiveShopifyOrder({ channelId, order: ShopifyOrderWebhookSchema.parse(fixture('shopify/order-create.json')), topic: 'orders/updated' }, dependencies()),
    );

    expect(error.errors).toEqual([expect.objectContaining({ path: 'x-shopify-topic', code: 'UNSUPPORTED_WEBHOOK_TOPIC' })]);
  });
});

describe('receiveWooCommerceOrder', () => {
  it('captures the order, and a redelivery answers the same order', async () => {
    const deps = dependencies();
    const order = WooCommerceOrderWebhookSchema.parse(fixture('woocommerce/order-created.json'));

    const first = await receiveWooCommerceOrder({ channelId: 'demo-woocommerce', order, topic: 'order.created' }, deps);
    const again = await receiveWooCommerceOrder({ channelId: 'demo-woocommerce', order }, deps);

    expect(first).toMatchObject({ created: true, order: { channelOrderRef: '4021', totals: { grandTotal: { amount: 7515 } } } });
    expect(again).toEqual({ created: false, order: first.order });
  });

  it('refuses order.updated at the order-creation URL', async () => {
    const order = WooCommerceOrderWebhookSchema.parse(fixture('woocommerce/order-created.json'));

    const error = await rejection(receiveWooCommerceOrder({ channelId: 'demo-woocommerce', order, topic: 'order.updated' }, dependencies()));

    expect(error.errors).toEqual([expect.objectContaining({ path: 'x-wc-webhook-topic' })]);
  });
});

describe('receiveBigCommerceOrder', () => {
  const body = (name: string) => BigCommerceOrderWebhookBodySchema.parse(fixture(name));

  it('reads the order a webhook names, with its products and addresses, from the store', async () => {
    const store = fakeStore();

    const result = await receiveBigCommerceOrder({ channelId: 'demo-bigcommerce', body: body('bigcommerce/webhook-order-created.json'), storeHash: 'abc123' }, bigCommerceDependencies(store));

    expect(store.calls.sort()).toEqual(['order 319', 'products 319', 'shipping_addresses 319']);
    expect(result.order).toMatchObject({
      channelOrderRef: '319',
      customer: { id: '17', email: 'alan@example.com' },
      lines: [{ sku: 'TSHIRT-BLK-M', quantity: 1, unitPrice: { amount: 1999, currency: 'EUR' } }],
      shippingAddress: { city: 'Manchester', postalCode: 'M14 5TQ', country: 'GB' },
      payment: { reference: 'ch_3QdemoBigCommerce319', provider: 'bigcommerce' },
      totals: { grandTotal: { amount: 2494 }, taxTotal: { amount: 0 } },
      metadata: { taxesIncluded: 'true', includedTax: '3.9800', channelPlacedAt: '2012-11-20T00:00:00.000Z' },
    });
  });

  it('takes a full order as it is, fetching only the sub-resources it links', async () => {
    const inline = fakeStore();
    const linked = fakeStore();

    const fromInline = await receiveBigCommerceOrder({ channelId: 'demo-bigcommerce', body: body('bigcommerce/order-v2.json') }, bigCommerceDependencies(inline));
    const fromLinks = await receiveBigCommerceOrder({ channelId: 'demo-bigcommerce', body: body('bigcommerce/order-v2-links.json') }, bigCommerceDependencies(linked));

    expect(inline.calls).toEqual([]);
    expect(fromInline.order.channelOrderRef).toBe('318');
    expect(linked.calls.sort()).toEqual(['products 319', 'shipping_addresses 319']);
    expect(fromLinks.order.channelOrderRef).toBe('319');
  });

  it('answers a redelivered webhook with the order captured the first time', async () => {
    const deps = bigCommerceDependencies(fakeStore());
    const first = await receiveBigCommerceOrder({ channelId: 'demo-bigcommerce', body: body('bigcommerce/webhook-order-created.json') }, deps);

    const again = await receiveBigCommerceOrder({ channelId: 'demo-bigcommerce', body: body('bigcommerce/webhook-order-created.json') }, deps);

    expect(again).toEqual({ created: false, order: first.order });
  });

  it('refuses a webhook naming an order the store does not have, another scope, or another store', async () => {
    const missing = fixture('bigcommerce/webhook-order-created.json');
    missing.data.id = 999;
    const updated = fixture('bigcommerce/webhook-order-created.json');
    updated.scope = 'store/order/updated';
    const elsewhere = fixture('bigcommerce/webhook-order-created.json');
    elsewhere.producer = 'stores/zzz999';
    const receive = (payload: unknown) =>
      rejection(receiveBigCommerceOrder({ channelId: 'demo-bigcommerce', body: BigCommerceOrderWebhookBodySchema.parse(payload), storeHash: 'abc123' }, bigCommerceDependencies(fakeStore())));

    expect((await receive(missing)).errors).toEqual([expect.objectContaining({ path: 'data.id', code: 'CHANNEL_ORDER_NOT_FOUND' })]);
    expect((await receive(updated)).errors).toEqual([expect.objectContaining({ path: 'scope', code: 'UNSUPPORTED_WEBHOOK_TOPIC' })]);
    expect((await receive(elsewhere)).errors).toEqual([expect.objectContaining({ path: 'producer', code: 'WRONG_STORE' })]);
  });

  it('refuses what the store answers when it is not a V2 order, naming the field', async () => {
    const store = fakeStore();
    store.getOrderProducts = async () => [{ id: 601, sku: 'X', quantity: 'one', price_ex_tax: '1.00', price_inc_tax: '1.00' }];

    const error = await rejection(receiveBigCommerceOrder({ channelId: 'demo-bigcommerce', body: body('bigcommerce/webhook-order-created.json') }, bigCommerceDependencies(store)));

    expect(error.errors).toEqual([expect.objectContaining({ path: 'products[0].quantity' })]);
  });
});

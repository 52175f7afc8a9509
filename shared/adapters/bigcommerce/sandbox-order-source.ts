/**
 * A sandbox BigCommerce store for the local runtime: every order id from 1 to 999999999 exists and
 * is always the same order (demo catalogue SKUs, shipped to Berlin, in EUR), shaped like the V2
 * API's answers, so a thin webhook can be tried without a store. Other ids do not exist.
 */
import { demoCatalog } from '../../contracts/demo-catalog';
import type { BigCommerceOrderSource } from '../../ports/bigcommerce-order-source';

const maxOrderId = 999_999_999;

/** Minor units as BigCommerce writes money: a 4-decimal string. */
const decimal = (minorUnits: number) => `${Math.floor(minorUnits / 100)}.${String(minorUnits % 100).padStart(2, '0')}00`;

const orderNumber = (orderId: string): number | undefined => {
  const id = /^[0-9]{1,9}$/.test(orderId) ? Number(orderId) : 0;
  return id >= 1 && id <= maxOrderId ? id : undefined;
};

/** Two lines of the demo catalogue, chosen by the order id. */
function linesOf(id: number) {
  const skus = demoCatalog.skus;
  const first = skus[id % skus.length] as (typeof skus)[number];
  const second = skus[(id + 1) % skus.length] as (typeof skus)[number];
  return [
    { line: 1, item: first, quantity: 1 + (id % 2) },
    { line: 2, item: second, quantity: 1 },
  ];
}

function productsOf(id: number) {
  const skus = demoCatalog.skus;
  return linesOf(id).map(({ line, item, quantity }) => ({
    id: id * 10 + line,
    order_id: id,
    product_id: 100 + skus.indexOf(item),
    variant_id: 0,
    name: item.name,
    sku: item.sku,
    type: 'physical',
    quantity,
    price_ex_tax: decimal(item.priceMinor),
    price_inc_tax: decimal(item.priceMinor),
    total_ex_tax: decimal(item.priceMinor * quantity),
    total_inc_tax: decimal(item.priceMinor * quantity),
    applied_discounts: [],
  }));
}

const shippingMinor = 495;

const berlin = {
  first_name: 'Ada',
  last_name: 'Lovelace',
  company: '',
  street_1: 'Unter den Linden 1',
  street_2: '',
  city: 'Berlin',
  state: 'Berlin',
  zip: '10117',
  country: 'Germany',
  country_iso2: 'DE',
  phone: '+49 30 1234567',
};

function orderOf(id: number) {
  const subtotal = linesOf(id).reduce((sum, { item, quantity }) => sum + item.priceMinor * quantity, 0);
  const link = (resource: string) => ({ url: `https://api.bigcommerce.com/stores/sandbox/v2/orders/${id}/${resource}`, resource: `/orders/${id}/${resource}` });
  return {
    id,
    customer_id: id % 50,
    date_created: new Date(Date.UTC(2025, 0, 1) + id * 60_000).toUTCString().replace('GMT', '+0000'),
    status_id: 11,
    status: 'Awaiting Fulfillment',
    currency_code: 'EUR',
    default_currency_code: 'EUR',
    is_tax_inclusive_pricing: false,
    subtotal_ex_tax: decimal(subtotal),
    shipping_cost_ex_tax: decimal(shippingMinor),
    shipping_cost_inc_tax: decimal(shippingMinor),
    handling_cost_ex_tax: '0.0000',
    handling_cost_inc_tax: '0.0000',
    wrapping_cost_inc_tax: '0.0000',
    total_tax: '0.0000',
    total_ex_tax: decimal(subtotal + shippingMinor),
    total_inc_tax: decimal(subtotal + shippingMinor),
    payment_method: 'Test Payment Gateway',
    payment_provider_id: '',
    customer_message: '',
    billing_address: { ...berlin, email: `sandbox-buyer-${id % 50}@example.com` },
    products: link('products'),
    shipping_addresses: link('shipping_addresses'),
  };
}

export const sandboxBigCommerceStore: BigCommerceOrderSource = {
  async getOrder(orderId) {
    const id = orderNumber(orderId);
    return id === undefined ? undefined : orderOf(id);
  },
  async getOrderProducts(orderId) {
    const id = orderNumber(orderId);
    return id === undefined ? undefined : productsOf(id);
  },
  async getOrderShippingAddresses(orderId) {
    const id = orderNumber(orderId);
    return id === undefined ? undefined : [{ id: id * 10, order_id: id, ...berlin, email: `sandbox-buyer-${id % 50}@example.com`, items_total: 3 }];
  },
};

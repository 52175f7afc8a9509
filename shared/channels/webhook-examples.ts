/**
 * One small payload per inbound webhook, in each platform's own format, with the demo catalogue's
 * SKUs: the OpenAPI document shows them, and the integration tests sign and send each one to a
 * freshly started runtime, so the documented examples are known to be captured.
 */
import { demoCatalog } from '../contracts/demo-catalog';

const [tshirt, hoodie] = demoCatalog.skus;
const decimal = (minorUnits: number) => `${Math.floor(minorUnits / 100)}.${String(minorUnits % 100).padStart(2, '0')}`;

export const shopifyOrderWebhookExample = {
  id: 450789469,
  name: '#1001',
  email: 'ada@example.com',
  created_at: '2025-03-01T11:00:00+01:00',
  currency: 'EUR',
  taxes_included: false,
  total_price: decimal(2 * tshirt.priceMinor + 495),
  total_tax: '0.00',
  line_items: [{ id: 466157049, sku: tshirt.sku, quantity: 2, price: decimal(tshirt.priceMinor), discount_allocations: [] }],
  shipping_lines: [{ price: '4.95', discounted_price: '4.95' }],
  shipping_address: {
    first_name: 'Ada',
    last_name: 'Lovelace',
    address1: 'Unter den Linden 1',
    city: 'Berlin',
    zip: '10117',
    country_code: 'DE',
  },
  customer: { id: 207119551, email: 'ada@example.com', first_name: 'Ada', last_name: 'Lovelace' },
  payment_gateway_names: ['shopify_payments'],
} as const;

export const wooCommerceOrderWebhookExample = {
  id: 727,
  number: '727',
  currency: 'EUR',
  date_created_gmt: '2025-03-01T10:00:00',
  total: decimal(hoodie.priceMinor + 495),
  total_tax: '0.00',
  customer_id: 0,
  billing: { first_name: 'Grace', last_name: 'Hopper', email: 'grace@example.com', country: 'DE' },
  shipping: { first_name: 'Grace', last_name: 'Hopper', address_1: 'Karl-Marx-Allee 1', city: 'Berlin', postcode: '10178', country: 'DE' },
  payment_method: 'bacs',
  transaction_id: '',
  line_items: [{ id: 315, product_id: 93, variation_id: 0, quantity: 1, sku: hoodie.sku, subtotal: decimal(hoodie.priceMinor), total: decimal(hoodie.priceMinor) }],
  shipping_lines: [{ total: '4.95' }],
  fee_lines: [],
} as const;

/** The webhook itself: the OMS reads order 250 from the store (locally, the sandbox store). */
export const bigCommerceOrderWebhookExample = {
  scope: 'store/order/created',
  store_id: '1025646',
  producer: 'stores/sandbox',
  data: { type: 'order', id: 250 },
  hash: 'dd70c0976e06b67aaf671e73f49dcb79230ebf9d',
  created_at: 1561479335,
} as const;

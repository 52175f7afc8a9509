/**
 * BigCommerce's order payloads, in the two forms the OMS accepts:
 *
 * - the webhook BigCommerce sends (`store/order/created`): thin, it names the order and the OMS
 *   fetches the order from the store's API;
 * - a full V2 order (GET /v2/orders/{id}), as a forwarder or an integration may post it; its
 *   `products` and `shipping_addresses` are either inline arrays or the V2 `{url, resource}` links,
 *   which the OMS then fetches.
 *
 * Only the fields the OMS reads are declared; every other field passes through unchecked. Money is
 * a 4-decimal string ("62.6793") in the order's currency.
 */
import * as z from 'zod';
import { count, decimalAmount, optionalText, platformId } from '../payload-fields';

/** The webhook scope for a new order. */
export const bigCommerceOrderCreatedScope = 'store/order/created';

export const BigCommerceThinWebhookSchema = z.looseObject({
  scope: z.string().describe(`${bigCommerceOrderCreatedScope} is the one accepted`),
  store_id: z.union([z.string(), z.number()]).nullish(),
  producer: optionalText.describe('stores/{store_hash}'),
  data: z.looseObject({ type: z.string(), id: platformId.describe('The order id, fetched from the store') }),
});
export type BigCommerceThinWebhook = z.infer<typeof BigCommerceThinWebhookSchema>;

/** A V2 sub-resource link, e.g. `{ "url": ".../v2/orders/218/products", "resource": "/orders/218/products" }`. */
export const BigCommerceLinkSchema = z.looseObject({ url: optionalText, resource: z.string() });

export const BigCommerceAddressSchema = z.looseObject({
  first_name: optionalText,
  last_name: optionalText,
  company: optionalText,
  street_1: optionalText,
  street_2: optionalText,
  city: optionalText,
  state: optionalText,
  zip: optionalText,
  country_iso2: optionalText,
  email: optionalText,
  phone: optionalText,
  items_total: count.nullish().describe('Items shipped to this address'),
});
export type BigCommerceAddress = z.infer<typeof BigCommerceAddressSchema>;

export const BigCommerceOrderProductSchema = z.looseObject({
  id: platformId,
  product_id: platformId.nullish(),
  variant_id: platformId.nullish(),
  sku: optionalText,
  quantity: count,
  price_ex_tax: decimalAmount,
  price_inc_tax: decimalAmount,
  applied_discounts: z.array(z.looseObject({ amount: decimalAmount })).nullish(),
});
export type BigCommerceOrderProduct = z.infer<typeof BigCommerceOrderProductSchema>;

const optionalAmount = decimalAmount.nullish();

export const BigCommerceOrderSchema = z.looseObject({
  id: platformId.describe('The order id; becomes channelOrderRef'),
  customer_id: platformId.nullish().describe('0 for a guest checkout'),
  date_created: optionalText.describe('RFC-2822, e.g. Tue, 20 Nov 2012 00:00:00 +0000'),
  currency_code: optionalText,
  default_currency_code: optionalText,
  is_tax_inclusive_pricing: z.boolean().nullish(),
  total_inc_tax: decimalAmount,
  total_tax: optionalAmount,
  shipping_cost_ex_tax: optionalAmount,
  shipping_cost_inc_tax: optionalAmount,
  handling_cost_ex_tax: optionalAmount,
  handling_cost_inc_tax: optionalAmount,
  wrapping_cost_inc_tax: optionalAmount,
  fees: z.array(z.looseObject({ cost_inc_tax: optionalAmount })).nullish(),
  payment_provider_id: z.union([z.string(), z.number()]).nullish(),
  customer_message: optionalText,
  billing_address: BigCommerceAddressSchema,
  products: z.union([z.array(BigCommerceOrderProductSchema), BigCommerceLinkSchema]).nullish(),
  shipping_addresses: z.union([z.array(BigCommerceAddressSchema), BigCommerceLinkSchema]).nullish(),
});
export type BigCommerceOrder = z.infer<typeof BigCommerceOrderSchema>;

/** For the documentation: either form. */
export const BigCommerceOrderWebhookSchema = z.union([BigCommerceThinWebhookSchema, BigCommerceOrderSchema]).meta({
  id: 'BigCommerceOrderWebhook',
  description:
    'Either the BigCommerce webhook (store/order/created; the order is then fetched from the store API) or a full V2 order whose ' +
    'products and shipping_addresses are inline arrays or V2 links. Only the fields the OMS reads are listed; any other field is accepted and ignored.',
});

/**
 * What the receiver parses: a body with `scope` is the webhook, any other the full order. Choosing
 * the form first means a malformed body is told about its own fields, not about both forms.
 */
export const BigCommerceOrderWebhookBodySchema = z.preprocess(
  (value) =>
    value !== null && typeof value === 'object' && !Array.isArray(value)
      ? { ...value, form: 'scope' in value ? 'webhook' : 'order' }
      : value,
  z.discriminatedUnion('form', [
    BigCommerceThinWebhookSchema.extend({ form: z.literal('webhook') }),
    BigCommerceOrderSchema.extend({ form: z.literal('order') }),
  ]),
);
export type BigCommerceOrderWebhookBody = z.infer<typeof BigCommerceOrderWebhookBodySchema>;

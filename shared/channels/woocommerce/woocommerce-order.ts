/**
 * The WooCommerce `order.created` webhook body (the wc/v3 REST order): only the fields the OMS reads
 * are declared, every other field passes through unchecked. Line `subtotal` and `total` are before
 * and after coupons, both without tax, whether or not the shop's prices include tax; `total_tax`
 * holds all of the order's tax.
 */
import * as z from 'zod';
import { count, decimalAmount, optionalText, platformId } from '../payload-fields';

/** WooCommerce's topic header value for this payload. */
export const wooCommerceOrderCreatedTopic = 'order.created';

export const WooCommerceAddressSchema = z.looseObject({
  first_name: optionalText,
  last_name: optionalText,
  company: optionalText,
  address_1: optionalText,
  address_2: optionalText,
  city: optionalText,
  state: optionalText,
  postcode: optionalText,
  country: optionalText,
  email: optionalText,
  phone: optionalText,
});
export type WooCommerceAddress = z.infer<typeof WooCommerceAddressSchema>;

export const WooCommerceLineItemSchema = z.looseObject({
  id: platformId,
  product_id: platformId.nullish(),
  variation_id: platformId.nullish(),
  quantity: count,
  sku: optionalText,
  subtotal: decimalAmount.describe('Line amount before coupons, without tax'),
  total: decimalAmount.describe('Line amount after coupons, without tax'),
});

export const WooCommerceOrderWebhookSchema = z
  .looseObject({
    id: platformId.describe('The order id; becomes channelOrderRef'),
    number: z.union([z.string(), z.number()]).nullish(),
    currency: z.string(),
    date_created_gmt: optionalText,
    total: decimalAmount,
    total_tax: decimalAmount.nullish(),
    customer_id: platformId.nullish().describe('0 for a guest checkout'),
    customer_note: optionalText,
    billing: WooCommerceAddressSchema.nullish(),
    shipping: WooCommerceAddressSchema.nullish(),
    payment_method: optionalText,
    transaction_id: optionalText,
    line_items: z.array(WooCommerceLineItemSchema),
    shipping_lines: z.array(z.looseObject({ total: decimalAmount })).nullish(),
    fee_lines: z.array(z.looseObject({ total: decimalAmount })).nullish(),
  })
  .meta({
    id: 'WooCommerceOrderWebhook',
    description:
      'WooCommerce order.created webhook body (wc/v3 order). Only the fields the OMS reads are listed; any other field is accepted and ignored.',
  });
export type WooCommerceOrderWebhook = z.infer<typeof WooCommerceOrderWebhookSchema>;

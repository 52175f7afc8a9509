/**
 * The Shopify `orders/create` webhook body (the Admin REST Order resource): only the fields the OMS
 * reads are declared, every other field passes through unchecked. Money is in the shop currency
 * (`currency`); the *_set objects repeat it with the presentment currency and are not read.
 */
import * as z from 'zod';
import { count, decimalAmount, optionalText, platformId } from '../payload-fields';

/** Shopify's topic header value for this payload. */
export const shopifyOrderCreateTopic = 'orders/create';

/** Coordinates arrive as numbers, which the lossless parse keeps as their exact text. */
const coordinate = z.union([z.number(), z.string()]).nullish();

export const ShopifyAddressSchema = z.looseObject({
  name: optionalText,
  first_name: optionalText,
  last_name: optionalText,
  company: optionalText,
  address1: optionalText,
  address2: optionalText,
  city: optionalText,
  province: optionalText,
  province_code: optionalText,
  zip: optionalText,
  country_code: optionalText,
  phone: optionalText,
  latitude: coordinate,
  longitude: coordinate,
});
export type ShopifyAddress = z.infer<typeof ShopifyAddressSchema>;

export const ShopifyLineItemSchema = z.looseObject({
  id: platformId,
  sku: optionalText,
  variant_id: platformId.nullish(),
  product_id: platformId.nullish(),
  quantity: count,
  price: decimalAmount.describe('Unit price before discounts, shop currency'),
  total_discount: decimalAmount.nullish().describe('Deprecated by Shopify; read when discount_allocations is absent or empty'),
  discount_allocations: z.array(z.looseObject({ amount: decimalAmount })).nullish(),
});

export const ShopifyOrderWebhookSchema = z
  .looseObject({
    id: platformId.describe('The order id; becomes channelOrderRef. Often above 2^53, read exactly'),
    name: optionalText,
    email: optionalText,
    contact_email: optionalText,
    phone: optionalText,
    currency: z.string().describe('Shop currency; every amount read is in it'),
    taxes_included: z.boolean().nullish(),
    total_price: decimalAmount,
    total_tax: decimalAmount.nullish(),
    total_tip_received: decimalAmount.nullish(),
    line_items: z.array(ShopifyLineItemSchema),
    shipping_lines: z.array(z.looseObject({ price: decimalAmount, discounted_price: decimalAmount.nullish() })).nullish(),
    shipping_address: ShopifyAddressSchema.nullish(),
    billing_address: ShopifyAddressSchema.nullish(),
    customer: z
      .looseObject({ id: platformId.nullish(), email: optionalText, first_name: optionalText, last_name: optionalText, phone: optionalText })
      .nullish(),
    note: optionalText,
    created_at: optionalText,
    payment_gateway_names: z.array(z.string()).nullish(),
    test: z.boolean().nullish(),
  })
  .meta({
    id: 'ShopifyOrderWebhook',
    description:
      'Shopify orders/create webhook body (Admin REST Order). Only the fields the OMS reads are listed; any other field is accepted and ignored.',
  });
export type ShopifyOrderWebhook = z.infer<typeof ShopifyOrderWebhookSchema>;

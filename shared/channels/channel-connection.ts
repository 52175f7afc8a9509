/**
 * A channel connection: which OMS channel a platform's inbound orders belong to, and the
 * credentials to trust (and, for BigCommerce, to call) that platform.
 *
 * One connection per platform shop, so each shop is its own channel: platform order ids are only
 * unique within a shop (BigCommerce and WooCommerce count from 100), and the channel order
 * reference must identify one order.
 *
 * On AWS the connection is one Secrets Manager secret per platform holding this document as JSON
 * (CDK creates it, grants the receiving function GetSecretValue on it, and passes its ARN);
 * locally it is read from environment variables (the local runtime sets demo values).
 */
import * as z from 'zod';

const channelId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:#/-]*$/, 'channelId may contain letters, digits and . _ : # / -');

export const WebhookConnectionSchema = z.object({
  channelId,
  webhookSecret: z.string().min(1).describe('Shopify: the app client secret; WooCommerce: the webhook secret'),
});
export type WebhookConnection = z.infer<typeof WebhookConnectionSchema>;

export const BigCommerceConnectionSchema = z.object({
  channelId,
  clientSecret: z.string().min(1).describe('The app client secret; the webhook token is derived from it'),
  storeHash: z
    .string()
    .regex(/^[a-z0-9]{1,32}$/, 'storeHash is the store hash from stores/{store_hash}')
    .optional()
    .describe('Needed to fetch orders from the store API'),
  accessToken: z.string().min(1).optional().describe('An API account token with read access to orders'),
});
export type BigCommerceConnection = z.infer<typeof BigCommerceConnectionSchema>;

/**
 * Where each platform's connection is configured. `secretArnEnvVar` is set by CDK on AWS; the
 * `local` variables are read when it is absent. The CDK secret definitions use these names.
 */
export const channelConnectionSettings = {
  shopify: {
    secretArnEnvVar: 'SHOPIFY_CONNECTION_SECRET_ARN',
    generatedKey: 'webhookSecret',
    local: { channelId: 'OMS_SHOPIFY_CHANNEL_ID', secret: 'OMS_SHOPIFY_WEBHOOK_SECRET' },
  },
  woocommerce: {
    secretArnEnvVar: 'WOOCOMMERCE_CONNECTION_SECRET_ARN',
    generatedKey: 'webhookSecret',
    local: { channelId: 'OMS_WOOCOMMERCE_CHANNEL_ID', secret: 'OMS_WOOCOMMERCE_WEBHOOK_SECRET' },
  },
  bigcommerce: {
    secretArnEnvVar: 'BIGCOMMERCE_CONNECTION_SECRET_ARN',
    generatedKey: 'clientSecret',
    local: {
      channelId: 'OMS_BIGCOMMERCE_CHANNEL_ID',
      secret: 'OMS_BIGCOMMERCE_CLIENT_SECRET',
      storeHash: 'OMS_BIGCOMMERCE_STORE_HASH',
      accessToken: 'OMS_BIGCOMMERCE_ACCESS_TOKEN',
    },
  },
} as const;
export type ChannelPlatformName = keyof typeof channelConnectionSettings;

/**
 * Composition root of the Shopify order webhook: the Shopify connection (channel and app secret,
 * read once per container from Secrets Manager on AWS or the environment locally) and the
 * orders table.
 */
import { connectionDocument } from '../adapters/secrets/connection-document';
import { channelConnectionSettings, WebhookConnectionSchema, type WebhookConnection } from '../channels/channel-connection';
import { isSignedByShopify } from '../channels/shopify/verify-shopify-webhook';
import type { PlaceOrderDependencies } from '../use-cases/place-order';
import { newOrderId, orders } from './order-context';

const settings = channelConnectionSettings.shopify;

const connection = connectionDocument({
  schema: WebhookConnectionSchema,
  secretArnEnvVar: settings.secretArnEnvVar,
  fromEnvironment: (env) => ({ channelId: env[settings.local.channelId], webhookSecret: env[settings.local.secret] }),
});

/** The connection when X-Shopify-Hmac-Sha256 is the body's signature with its secret. */
export async function authenticateShopifyWebhook(rawBody: Buffer, headers: Readonly<Record<string, string | undefined>>): Promise<WebhookConnection | undefined> {
  const shop = await connection();
  return isSignedByShopify(rawBody, headers, shop.webhookSecret) ? shop : undefined;
}

export const captureDependencies: PlaceOrderDependencies = { orders, newOrderId, now: () => new Date() };

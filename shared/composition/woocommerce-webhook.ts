/**
 * Composition root of the WooCommerce order webhook: the WooCommerce connection (channel and
 * webhook secret, read once per container from Secrets Manager on AWS or the environment locally)
 * and the orders table.
 */
import { connectionDocument } from '../adapters/secrets/connection-document';
import { channelConnectionSettings, WebhookConnectionSchema, type WebhookConnection } from '../channels/channel-connection';
import { isSignedByWooCommerce } from '../channels/woocommerce/verify-woocommerce-webhook';
import type { PlaceOrderDependencies } from '../use-cases/place-order';
import { newOrderId, orders } from './order-context';

const settings = channelConnectionSettings.woocommerce;

const connection = connectionDocument({
  schema: WebhookConnectionSchema,
  secretArnEnvVar: settings.secretArnEnvVar,
  fromEnvironment: (env) => ({ channelId: env[settings.local.channelId], webhookSecret: env[settings.local.secret] }),
});

/** The connection when X-WC-Webhook-Signature is the body's signature with its secret. */
export async function authenticateWooCommerceWebhook(rawBody: Buffer, headers: Readonly<Record<string, string | undefined>>): Promise<WebhookConnection | undefined> {
  const shop = await connection();
  return isSignedByWooCommerce(rawBody, headers, shop.webhookSecret) ? shop : undefined;
}

export const captureDependencies: PlaceOrderDependencies = { orders, newOrderId, now: () => new Date() };

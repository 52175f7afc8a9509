/**
 * What the order webhooks that a platform signs with a shared secret (Shopify, WooCommerce) are
 * composed of: the platform's connection (channel and secret, read once per container from
 * Secrets Manager on AWS or the environment locally) and the orders table.
 */
import { connectionDocument } from '../adapters/secrets/connection-document';
import { channelConnectionSettings, WebhookConnectionSchema, type WebhookConnection } from '../channels/channel-connection';
import type { PlaceOrderDependencies } from '../use-cases/place-order';
import { newOrderId, orders } from './order-context';

type Headers = Readonly<Record<string, string | undefined>>;

/**
 * Authenticates a webhook of `platform`: the connection when `isSigned` finds the body signed with
 * its secret. The connection is set up at once, so a misconfigured local runtime fails at start.
 */
export function signedWebhookAuthentication(
  platform: 'shopify' | 'woocommerce',
  isSigned: (rawBody: Buffer, headers: Headers, secret: string) => boolean,
): (rawBody: Buffer, headers: Headers) => Promise<WebhookConnection | undefined> {
  const settings = channelConnectionSettings[platform];
  const connection = connectionDocument({
    schema: WebhookConnectionSchema,
    secretArnEnvVar: settings.secretArnEnvVar,
    fromEnvironment: (env) => ({ channelId: env[settings.local.channelId], webhookSecret: env[settings.local.secret] }),
  });
  return async (rawBody, headers) => {
    const shop = await connection();
    return isSigned(rawBody, headers, shop.webhookSecret) ? shop : undefined;
  };
}

export const captureDependencies: PlaceOrderDependencies = { orders, newOrderId, now: () => new Date() };

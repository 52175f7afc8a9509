/**
 * Composition root of the BigCommerce order webhook: the BigCommerce connection (channel, client
 * secret, and the store hash and API token to read orders; once per container from Secrets
 * Manager on AWS or the environment locally), the order source and the orders table.
 *
 * The order source is the store's API when the connection has a store hash and token. Without
 * them the local runtime uses the sandbox store; on AWS that is a configuration error, reported
 * (500, logged) when a webhook needs an order read.
 */
import { bigCommerceApiOrderSource } from '../adapters/bigcommerce/api-order-source';
import { sandboxBigCommerceStore } from '../adapters/bigcommerce/sandbox-order-source';
import { connectionDocument } from '../adapters/secrets/connection-document';
import { isFromBigCommerceApp } from '../channels/bigcommerce/verify-bigcommerce-webhook';
import { BigCommerceConnectionSchema, channelConnectionSettings, type BigCommerceConnection } from '../channels/channel-connection';
import { ConfigError } from '../config/load-config';
import type { BigCommerceOrderSource } from '../ports/bigcommerce-order-source';
import type { ReceiveBigCommerceOrderDependencies } from '../use-cases/receive-channel-order';
import { newOrderId, orders } from './order-context';

const settings = channelConnectionSettings.bigcommerce;
const onAws = Boolean(process.env[settings.secretArnEnvVar]);

const connection = connectionDocument({
  schema: BigCommerceConnectionSchema,
  secretArnEnvVar: settings.secretArnEnvVar,
  fromEnvironment: (env) => ({
    channelId: env[settings.local.channelId],
    clientSecret: env[settings.local.secret],
    storeHash: env[settings.local.storeHash] || undefined,
    accessToken: env[settings.local.accessToken] || undefined,
  }),
});

/** The connection when X-OMS-Webhook-Token is the token derived from its client secret. */
export async function authenticateBigCommerceWebhook(_rawBody: Buffer, headers: Readonly<Record<string, string | undefined>>): Promise<BigCommerceConnection | undefined> {
  const store = await connection();
  return isFromBigCommerceApp(headers, store.clientSecret) ? store : undefined;
}

const unconfigured: BigCommerceOrderSource = {
  getOrder: () => Promise.reject(new ConfigError('The BigCommerce connection has no storeHash and accessToken, which reading an order from the store needs')),
  getOrderProducts: () => Promise.reject(new ConfigError('The BigCommerce connection has no storeHash and accessToken')),
  getOrderShippingAddresses: () => Promise.reject(new ConfigError('The BigCommerce connection has no storeHash and accessToken')),
};

let apiSource: { readonly for: BigCommerceConnection; readonly source: BigCommerceOrderSource } | undefined;

function orderSourceOf(store: BigCommerceConnection): BigCommerceOrderSource {
  if (store.storeHash && store.accessToken) {
    if (apiSource?.for !== store) apiSource = { for: store, source: bigCommerceApiOrderSource({ storeHash: store.storeHash, accessToken: store.accessToken }) };
    return apiSource.source;
  }
  return onAws ? unconfigured : sandboxBigCommerceStore;
}

export const captureDependencies = (store: BigCommerceConnection): ReceiveBigCommerceOrderDependencies => ({
  orders,
  newOrderId,
  now: () => new Date(),
  source: orderSourceOf(store),
});

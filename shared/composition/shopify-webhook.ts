/**
 * Composition root of the Shopify order webhook: the Shopify connection (channel and app secret,
 * read once per container from Secrets Manager on AWS or the environment locally) and the
 * orders table.
 */
import { isSignedByShopify } from '../channels/shopify/verify-shopify-webhook';
import { signedWebhookAuthentication } from './signed-webhook';

export { captureDependencies } from './signed-webhook';

/** The connection when X-Shopify-Hmac-Sha256 is the body's signature with its secret. */
export const authenticateShopifyWebhook = signedWebhookAuthentication('shopify', isSignedByShopify);

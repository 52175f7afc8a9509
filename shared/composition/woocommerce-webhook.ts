/**
 * Composition root of the WooCommerce order webhook: the WooCommerce connection (channel and
 * webhook secret, read once per container from Secrets Manager on AWS or the environment locally)
 * and the orders table.
 */
import { isSignedByWooCommerce } from '../channels/woocommerce/verify-woocommerce-webhook';
import { signedWebhookAuthentication } from './signed-webhook';

export { captureDependencies } from './signed-webhook';

/** The connection when X-WC-Webhook-Signature is the body's signature with its secret. */
export const authenticateWooCommerceWebhook = signedWebhookAuthentication('woocommerce', isSignedByWooCommerce);

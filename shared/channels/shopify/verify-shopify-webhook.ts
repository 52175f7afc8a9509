/**
 * Shopify signs each webhook with the app's client secret: X-Shopify-Hmac-Sha256 is the base64
 * HMAC-SHA256 of the raw request body.
 */
import { hasValidHmacSignature } from '../webhook-signature';

/** Header names as API Gateway delivers them (lower case). */
export const shopifyHeaders = { signature: 'x-shopify-hmac-sha256', topic: 'x-shopify-topic' } as const;

export const isSignedByShopify = (rawBody: Uint8Array, headers: Readonly<Record<string, string | undefined>>, secret: string): boolean =>
  hasValidHmacSignature(rawBody, headers[shopifyHeaders.signature], secret);

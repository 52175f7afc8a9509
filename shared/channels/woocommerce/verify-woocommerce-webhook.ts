/**
 * WooCommerce signs each delivery with the webhook's secret: X-WC-Webhook-Signature is the base64
 * HMAC-SHA256 of the raw request body.
 */
import { hasValidHmacSignature } from '../webhook-signature';

/** Header names as API Gateway delivers them (lower case). */
export const wooCommerceHeaders = { signature: 'x-wc-webhook-signature', topic: 'x-wc-webhook-topic' } as const;

export const isSignedByWooCommerce = (rawBody: Uint8Array, headers: Readonly<Record<string, string | undefined>>, secret: string): boolean =>
  hasValidHmacSignature(rawBody, headers[wooCommerceHeaders.signature], secret);

/**
 * The ping WooCommerce sends when a webhook is saved: `webhook_id=<id>`, form-encoded and unsigned.
 * WooCommerce refuses to activate a webhook whose URL does not answer it with 200.
 */
export const isWooCommercePing = (rawBody: Uint8Array): boolean =>
  rawBody.byteLength < 64 && /^webhook_id=[0-9]+$/.test(Buffer.from(rawBody).toString('utf8').trim());

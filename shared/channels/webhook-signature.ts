/**
 * Signatures of inbound webhooks: base64 HMAC-SHA256 over the raw body bytes, as Shopify and
 * WooCommerce send them. Always computed over the bytes received, never over re-serialized JSON:
 * any change of whitespace, key order or number format would break a valid signature.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** base64(HMAC-SHA256(key = secret, message = body)). */
export const hmacSha256Base64 = (secret: string, body: Uint8Array | string): string =>
  createHmac('sha256', secret).update(body).digest('base64');

/**
 * Whether `given` equals `expected`, in time that does not depend on where they differ, so the
 * answer's timing cannot be used to guess a valid value byte by byte. Only the length can leak,
 * and the length of a valid value is public.
 */
export function constantTimeEquals(given: string, expected: string): boolean {
  const givenBytes = Buffer.from(given, 'utf8');
  const expectedBytes = Buffer.from(expected, 'utf8');
  return givenBytes.length === expectedBytes.length && timingSafeEqual(givenBytes, expectedBytes);
}

/** Whether `signature` (a header value, possibly absent) is the body's base64 HMAC-SHA256 with `secret`. */
export function hasValidHmacSignature(body: Uint8Array, signature: string | undefined, secret: string): boolean {
  if (!signature || !secret) return false;
  return constantTimeEquals(signature.trim(), hmacSha256Base64(secret, body));
}

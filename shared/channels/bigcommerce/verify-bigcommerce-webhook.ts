/**
 * BigCommerce does not sign webhook bodies: its `hash` field is an unkeyed SHA-1, which anyone can
 * compute. What BigCommerce offers is custom headers, set when the webhook is created and sent
 * with every delivery. The OMS uses one: `X-OMS-Webhook-Token`, a token derived from the app's
 * client secret (base64 HMAC-SHA256 of "oms-bigcommerce-webhook"), compared in constant time.
 *
 * Derived rather than the client secret itself: BigCommerce stores header values with the webhook
 * and returns them from GET /v3/hooks, and the client secret also verifies the app's signed
 * load/uninstall JWTs, so it should not travel with every delivery. A static header can be
 * replayed by whoever sees it, which is why a webhook only names an order and the OMS reads the
 * order itself from the store's API, and why the full-order form is accepted only with the same
 * token (as strong as an x-api-key).
 */
import { constantTimeEquals, hmacSha256Base64 } from '../webhook-signature';

/** Header names as API Gateway delivers them (lower case). */
export const bigCommerceHeaders = { token: 'x-oms-webhook-token' } as const;

/** The value to configure as the X-OMS-Webhook-Token header of the store's webhooks. */
export const bigCommerceWebhookToken = (clientSecret: string): string => hmacSha256Base64(clientSecret, 'oms-bigcommerce-webhook');

export const isFromBigCommerceApp = (headers: Readonly<Record<string, string | undefined>>, clientSecret: string): boolean =>
  clientSecret.length > 0 && constantTimeEquals(headers[bigCommerceHeaders.token]?.trim() ?? '', bigCommerceWebhookToken(clientSecret));

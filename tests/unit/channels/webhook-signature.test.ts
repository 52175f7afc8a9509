import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { bigCommerceWebhookToken, isFromBigCommerceApp } from '../../../shared/channels/bigcommerce/verify-bigcommerce-webhook';
import { isSignedByShopify } from '../../../shared/channels/shopify/verify-shopify-webhook';
import { isSignedByWooCommerce, isWooCommercePing } from '../../../shared/channels/woocommerce/verify-woocommerce-webhook';
import { hmacSha256Base64 } from '../../../shared/channels/webhook-signature';
import { rawFixture } from '../../fixtures/channels/channel-fixtures';

/**
 * Shopify's own test vector for webhook validation (Shopify/shopify-app-js, MIT:
 * packages/apps/shopify-api/lib/webhooks/__tests__/validate.test.ts with its test config's secret).
 */
const shopifyVector = {
  secret: 'test_secret_key',
  rawBody: '{"foo": "bar"}',
  hmac: 'B23tXN681gZ0qIWNRrgtzBE9XSDo5yaUu6wfmhu3a7g=',
};

const bytes = (text: string) => Buffer.from(text, 'utf8');

describe('Shopify webhook signature', () => {
  it("accepts Shopify's published test vector", () => {
    const valid = isSignedByShopify(bytes(shopifyVector.rawBody), { 'x-shopify-hmac-sha256': shopifyVector.hmac }, shopifyVector.secret);

    expect(hmacSha256Base64(shopifyVector.secret, bytes(shopifyVector.rawBody))).toBe(shopifyVector.hmac);
    expect(valid).toBe(true);
  });

  it('is computed over the raw bytes: the same JSON re-serialized does not verify', () => {
    const reserialized = JSON.stringify(JSON.parse(shopifyVector.rawBody));

    expect(reserialized).not.toBe(shopifyVector.rawBody);
    expect(isSignedByShopify(bytes(reserialized), { 'x-shopify-hmac-sha256': shopifyVector.hmac }, shopifyVector.secret)).toBe(false);
  });

  it.each([
    ['another secret', { 'x-shopify-hmac-sha256': shopifyVector.hmac }, 'other_secret'],
    ['no header', {}, shopifyVector.secret],
    ['an empty header', { 'x-shopify-hmac-sha256': '' }, shopifyVector.secret],
    ['a truncated signature', { 'x-shopify-hmac-sha256': shopifyVector.hmac.slice(0, 20) }, shopifyVector.secret],
    ['a hex signature', { 'x-shopify-hmac-sha256': Buffer.from(shopifyVector.hmac, 'base64').toString('hex') }, shopifyVector.secret],
    ['an empty secret', { 'x-shopify-hmac-sha256': hmacSha256Base64('', bytes(shopifyVector.rawBody)) }, ''],
  ])('refuses %s', (_case, headers: Record<string, string>, secret) => {
    expect(isSignedByShopify(bytes(shopifyVector.rawBody), headers, secret)).toBe(false);
  });

  it('refuses a body changed by one byte', () => {
    expect(isSignedByShopify(bytes('{"foo": "baz"}'), { 'x-shopify-hmac-sha256': shopifyVector.hmac }, shopifyVector.secret)).toBe(false);
  });
});

describe('WooCommerce webhook signature', () => {
  it('accepts X-WC-Webhook-Signature, the base64 HMAC-SHA256 of the raw body', () => {
    const body = bytes(rawFixture('woocommerce/order-created.json'));
    const signature = createHmac('sha256', 'woo secret').update(body).digest('base64');

    expect(isSignedByWooCommerce(body, { 'x-wc-webhook-signature': signature }, 'woo secret')).toBe(true);
    expect(isSignedByWooCommerce(body, { 'x-wc-webhook-signature': signature }, 'another secret')).toBe(false);
    expect(isSignedByWooCommerce(body, {}, 'woo secret')).toBe(false);
  });

  it("recognizes WooCommerce's unsigned ping, and nothing else", () => {
    expect(isWooCommercePing(bytes('webhook_id=12'))).toBe(true);
    expect(isWooCommercePing(bytes('webhook_id=12&x=1'))).toBe(false);
    expect(isWooCommercePing(bytes('{"webhook_id":12}'))).toBe(false);
  });
});

describe('BigCommerce webhook token', () => {
  it('accepts the token derived from the client secret, and no other', () => {
    const token = bigCommerceWebhookToken('bc client secret');

    expect(token).toBe(createHmac('sha256', 'bc client secret').update('oms-bigcommerce-webhook').digest('base64'));
    expect(token).not.toContain('bc client secret');
    expect(isFromBigCommerceApp({ 'x-oms-webhook-token': token }, 'bc client secret')).toBe(true);
    expect(isFromBigCommerceApp({ 'x-oms-webhook-token': 'bc client secret' }, 'bc client secret')).toBe(false);
    expect(isFromBigCommerceApp({ 'x-oms-webhook-token': token }, 'another secret')).toBe(false);
    expect(isFromBigCommerceApp({}, 'bc client secret')).toBe(false);
  });
});

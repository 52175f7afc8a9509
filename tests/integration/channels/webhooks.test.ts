/**
 * Inbound channel webhooks over HTTP on the local runtime, signed as each platform signs them: the
 * order is captured in the platform's demo channel and readable there, a redelivery answers the
 * same order, and an unsigned or wrongly signed webhook is refused with nothing written.
 */
import { describe, expect, inject, it } from 'vitest';
import { bigCommerceWebhookToken } from '../../../shared/channels/bigcommerce/verify-bigcommerce-webhook';
import { hmacSha256Base64 } from '../../../shared/channels/webhook-signature';
import { rawFixture } from '../../fixtures/channels/channel-fixtures';
import { apiUrl, asCaptured, call, countStoredItems, type ApiAnswer } from '../api-client';
import { issueApiKey } from '../inventory/scoped-api-key';

type Platform = 'shopify' | 'woocommerce' | 'bigcommerce';

const connectionOf = (platform: Platform) => {
  const connection = inject('channelConnections').find((candidate) => candidate.platform === platform);
  if (!connection) throw new Error(`The runtime has no ${platform} connection`);
  return connection;
};

/** The headers each platform authenticates with: an HMAC of these exact bytes, or BigCommerce's configured token. */
function credentials(platform: Platform, rawBody: string, secret = connectionOf(platform).secret): Record<string, string> {
  if (platform === 'shopify') return { 'x-shopify-hmac-sha256': hmacSha256Base64(secret, Buffer.from(rawBody)), 'x-shopify-topic': 'orders/create' };
  if (platform === 'woocommerce') return { 'x-wc-webhook-signature': hmacSha256Base64(secret, Buffer.from(rawBody)), 'x-wc-webhook-topic': 'order.created' };
  return { 'x-oms-webhook-token': bigCommerceWebhookToken(secret) };
}

/** Posts the raw bytes, as the platform would: the signature covers exactly what is sent. */
async function deliver(platform: Platform, rawBody: string, headers: Record<string, string> = credentials(platform, rawBody)): Promise<ApiAnswer> {
  const response = await fetch(`${apiUrl()}/channels/${platform}/orders`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: rawBody,
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
}

/** Reads an order with the channel's own API key, as the shop's back office would. */
const readOrder = (platform: Platform, location: string) => call('GET', location, { apiKey: connectionOf(platform).apiKey });

/** A fixture with its order id replaced, so each test captures its own order. */
const withId = (name: string, pattern: RegExp, id: string) => rawFixture(name).replace(pattern, (match) => match.replace(/[0-9]+/, id));
let sequence = 0;
const uniqueId = (base: string) => `${base}${process.pid % 1000}${++sequence}`;


describe('POST /channels/shopify/orders', () => {
  it('captures a signed orders/create webhook in the Shopify channel, readable with that channel’s API key, big id exact', async () => {
    // Prepare
    const rawBody = rawFixture('shopify/order-create.json');

    // Act
    const captured = await deliver('shopify', rawBody);
    const read = await readOrder('shopify', captured.headers.get('location') ?? '');

    // Assess
    expect(captured.status).toBe(201);
    expect(captured.body).toMatchObject({
      channelId: connectionOf('shopify').channelId,
      channelOrderRef: '5912345678901234567',
      status: 'PLACED',
      customer: { id: '7301234567890123456' },
      totals: { grandTotal: { amount: 7191, currency: 'EUR' } },
    });
    expect(read.status).toBe(200);
    expect(asCaptured(read.body)).toEqual(asCaptured(captured.body));
  });

  it('answers a redelivery of the same webhook 200 with the same order, not 409', async () => {
    const rawBody = withId('shopify/order-create.json', /^ {2}"id": [0-9]+/m, uniqueId('59123456789'));
    const first = await deliver('shopify', rawBody);

    const redelivered = await deliver('shopify', rawBody, { ...credentials('shopify', rawBody), 'x-shopify-webhook-id': 'retry-2' });

    expect(first.status).toBe(201);
    expect(redelivered.status).toBe(200);
    expect(redelivered.body.id).toBe(first.body.id);
  });

  it('refuses a missing or wrong signature with 401 problem+json and writes nothing', async () => {
    const orderId = uniqueId('59123456780');
    const rawBody = withId('shopify/order-create.json', /^ {2}"id": [0-9]+/m, orderId);
    const before = await countStoredItems();

    const unsigned = await deliver('shopify', rawBody, {});
    const wrongSecret = await deliver('shopify', rawBody, credentials('shopify', rawBody, 'not-the-shop-secret'));
    const otherBody = await deliver('shopify', rawBody.replace('Leave at the door', 'Leave at the gate'), credentials('shopify', rawBody));
    const after = await countStoredItems();
    const listed = await call('GET', '/orders?limit=100', { apiKey: connectionOf('shopify').apiKey });

    expect([unsigned.status, wrongSecret.status, otherBody.status]).toEqual([401, 401, 401]);
    expect(unsigned.headers.get('content-type')).toBe('application/problem+json');
    expect(unsigned.body.code).toBe('WEBHOOK_SIGNATURE_MISSING');
    expect(wrongSecret.body.code).toBe('WEBHOOK_SIGNATURE_INVALID');
    expect(after).toBe(before);
    expect(listed.body.items.map((order: { channelOrderRef: string }) => order.channelOrderRef)).not.toContain(orderId);
  });

  it('keeps channels apart: a demo web shop key (orders scope only) cannot read the Shopify channel’s order', async () => {
    const rawBody = withId('shopify/order-create.json', /^ {2}"id": [0-9]+/m, uniqueId('59123456781'));
    const captured = await deliver('shopify', rawBody);
    // The demo key also holds ops, which reads every channel: a shop's own key holds orders only.
    const shopKey = await issueApiKey(['orders'], 'demo-web');

    const fromOtherChannel = await call('GET', `/orders/${captured.body.id}`, { apiKey: shopKey });

    expect(fromOtherChannel.status).toBe(404);
  });

  it('refuses an order it cannot capture (no shipping address) with 422 naming the Shopify field, writing nothing', async () => {
    const rawBody = rawFixture('shopify/order-create-digital.json');
    const before = await countStoredItems();

    const refused = await deliver('shopify', rawBody);

    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ code: 'CHANNEL_ORDER_NOT_CAPTURABLE', errors: [expect.objectContaining({ path: 'shipping_address', code: 'NO_SHIPPING_ADDRESS' })] });
    expect(await countStoredItems()).toBe(before);
  });
});

describe('POST /channels/woocommerce/orders', () => {
  it('captures a signed order.created webhook and answers its redelivery with the same order', async () => {
    const rawBody = withId('woocommerce/order-created.json', /^ {2}"id": [0-9]+/m, uniqueId('40'));

    const captured = await deliver('woocommerce', rawBody);
    const redelivered = await deliver('woocommerce', rawBody);
    const read = await readOrder('woocommerce', captured.headers.get('location') ?? '');

    expect(captured.status).toBe(201);
    expect(captured.body).toMatchObject({ channelId: connectionOf('woocommerce').channelId, totals: { grandTotal: { amount: 7515 } } });
    expect(redelivered.status).toBe(200);
    expect(redelivered.body.id).toBe(captured.body.id);
    expect(asCaptured(read.body)).toEqual(asCaptured(captured.body));
  });

  it("answers WooCommerce's unsigned ping 200, so the webhook can be saved", async () => {
    const before = await countStoredItems();

    const ping = await deliver('woocommerce', 'webhook_id=7', { 'content-type': 'application/x-www-form-urlencoded' });

    expect(ping.status).toBe(200);
    expect(await countStoredItems()).toBe(before);
  });

  it('refuses a bad signature with 401, and a signed body that is not an order with 400 naming the field, writing nothing', async () => {
    const notAnOrder = JSON.stringify({ id: 4999, currency: 'EUR', total: '1.00', line_items: [{ id: 1, quantity: 1, subtotal: '1.00' }] });
    const before = await countStoredItems();

    const badSignature = await deliver('woocommerce', rawFixture('woocommerce/order-created.json'), { 'x-wc-webhook-signature': 'AAAA' });
    const malformed = await deliver('woocommerce', notAnOrder);

    expect(badSignature.status).toBe(401);
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors).toEqual([expect.objectContaining({ path: 'line_items[0].total' })]);
    expect(await countStoredItems()).toBe(before);
  });
});

describe('POST /channels/bigcommerce/orders', () => {
  it('captures the order a store/order/created webhook names, read from the (sandbox) store, and answers a redelivery with it', async () => {
    const rawBody = withId('bigcommerce/webhook-order-created.json', /"id": [0-9]+/, uniqueId('3'));

    const captured = await deliver('bigcommerce', rawBody);
    const redelivered = await deliver('bigcommerce', rawBody);
    const read = await readOrder('bigcommerce', captured.headers.get('location') ?? '');

    expect(captured.status).toBe(201);
    expect(captured.body).toMatchObject({ channelId: connectionOf('bigcommerce').channelId, channelOrderRef: JSON.parse(rawBody).data.id.toString(), currency: 'EUR' });
    expect(captured.body.lines.length).toBeGreaterThan(0);
    expect(redelivered.status).toBe(200);
    expect(redelivered.body.id).toBe(captured.body.id);
    expect(asCaptured(read.body)).toEqual(asCaptured(captured.body));
  });

  it('captures a full V2 order posted with the token', async () => {
    const rawBody = withId('bigcommerce/order-v2.json', /^ {2}"id": [0-9]+/m, uniqueId('318'));

    const captured = await deliver('bigcommerce', rawBody);

    expect(captured.status).toBe(201);
    expect(captured.body).toMatchObject({ totals: { grandTotal: { amount: 11798 } }, metadata: { channelPlacedAt: '2025-03-01T08:15:00.000Z' } });
  });

  it('refuses a missing or wrong token with 401 and writes nothing', async () => {
    const rawBody = withId('bigcommerce/webhook-order-created.json', /"id": [0-9]+/, uniqueId('3'));
    const before = await countStoredItems();

    const missing = await deliver('bigcommerce', rawBody, {});
    const wrong = await deliver('bigcommerce', rawBody, { 'x-oms-webhook-token': bigCommerceWebhookToken('another app') });

    expect([missing.status, wrong.status]).toEqual([401, 401]);
    expect(await countStoredItems()).toBe(before);
  });
});

describe('the documented webhook examples', () => {
  it('are captured when signed as the platform signs them', async () => {
    // Prepare: the request body example of each webhook operation in the OpenAPI document
    const { body: document } = await call('GET', '/openapi.json', { apiKey: null });
    const platforms: Platform[] = ['shopify', 'woocommerce', 'bigcommerce'];

    // Act
    const answers = await Promise.all(
      platforms.map(async (platform) => {
        const example = document.paths[`/channels/${platform}/orders`].post.requestBody.content['application/json'].example;
        return deliver(platform, JSON.stringify(example));
      }),
    );

    // Assess
    for (const [index, answer] of answers.entries()) expect([200, 201], `${platforms[index]}: ${JSON.stringify(answer.body)}`).toContain(answer.status);
  });
});

/**
 * Partner webhooks on the local runtime: a receiver on this machine subscribes through the API,
 * orders are placed, and what arrives is verified with the standardwebhooks reference library. The
 * retry policy of the test runtime is shortened (global-setup: OMS_WEBHOOK_RETRY_POLICY) and its
 * sweeper runs every 0.6 s (time scale 0.01), so retries and dead letters happen within seconds.
 * Each test has a channel of its own, so no other test's events reach its receiver.
 */
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { placeOrder, stockedSku, uniqueId } from '../lifecycle/lifecycle-api';
import { issueApiKey } from '../inventory/scoped-api-key';
import { callWith } from '../inventory/inventory-api';
import type { ApiAnswer } from '../api-client';
import { payloadOf, startWebhookReceiver, verifyWebhook, type ReceivedWebhook, type WebhookReceiver } from './webhook-receiver';

let receiver: WebhookReceiver;
let channelId: string;
let api: ReturnType<typeof callWith>;
let apiKey: string;
let sku: string;
const subscriptions: string[] = [];

beforeEach(async () => {
  receiver = await startWebhookReceiver();
  channelId = uniqueId('webhooks');
  apiKey = await issueApiKey(['orders', 'webhooks'], channelId);
  api = callWith(apiKey);
  sku = await stockedSku('WEBHOOK', { 'wh-leipzig': 50 });
});

afterEach(async () => {
  // Deleting cancels what is still pending, so the lifecycles of these orders leave no retries behind.
  for (const id of subscriptions.splice(0)) await api('DELETE', `/webhooks/subscriptions/${id}`);
  await receiver.close();
});

async function subscribe(body: Record<string, unknown>): Promise<{ id: string; secret: string }> {
  const answer = await api('POST', '/webhooks/subscriptions', { body: { url: receiver.url, ...body } });
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  subscriptions.push(answer.body.id);
  return answer.body;
}

const order = () => placeOrder({ lines: [{ sku, quantity: 1 }], apiKey });
const ofOrder = (orderId: string, type?: string) => (webhook: ReceivedWebhook) =>
  payloadOf(webhook).data?.order?.orderId === orderId && (type === undefined || payloadOf(webhook).type === type);

/** Polls the delivery log until `done` holds for the delivery of `eventId`. */
async function waitForDelivery(subscriptionId: string, eventId: string, done: (delivery: any) => boolean, timeoutMs = 20_000): Promise<any> { // eslint-disable-line @typescript-eslint/no-explicit-any -- tests read arbitrary JSON
  const deadline = Date.now() + timeoutMs;
  let last: ApiAnswer | undefined;
  while (Date.now() < deadline) {
    last = await api('GET', `/webhooks/subscriptions/${subscriptionId}/deliveries?limit=100`);
    const delivery = last.body.items?.find((candidate: { eventId: string }) => candidate.eventId === eventId);
    if (delivery && done(delivery)) return delivery;
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  throw new Error(`The delivery of ${eventId} did not get there; last log: ${JSON.stringify(last?.body)}`);
}

describe('partner webhooks', () => {
  it('delivers the channel’s events, signed so standardwebhooks verifies each, and logs each delivery', async () => {
    // Prepare
    const subscription = await subscribe({ eventTypes: ['*'], description: 'Integration test receiver' });

    // Act
    const placed = await order();
    const received = await receiver.waitFor((all) => all.some(ofOrder(placed.id, 'OrderPlaced')) && all.some(ofOrder(placed.id, 'OrderAllocated')));

    // Assess: every delivery verifies and is of this channel; OrderPlaced carries the order and the event id as webhook-id
    for (const webhook of received) {
      expect(verifyWebhook(subscription.secret, webhook).correlation.channelId).toBe(channelId);
      expect(webhook.headers['content-type']).toBe('application/json');
    }
    const orderPlaced = received.find(ofOrder(placed.id, 'OrderPlaced')) as ReceivedWebhook;
    const payload = verifyWebhook(subscription.secret, orderPlaced);
    expect(payload).toMatchObject({ type: 'OrderPlaced', source: 'oms.orders', version: 1, correlation: { orderId: placed.id, channelId }, data: { order: { orderId: placed.id } } });
    expect(orderPlaced.headers['webhook-id']).toBe(payload.id);
    const delivery = await waitForDelivery(subscription.id, payload.id, (candidate) => candidate.status === 'DELIVERED');
    expect(delivery).toMatchObject({ eventType: 'OrderPlaced', webhookId: payload.id, attempts: 1, lastAttempt: { responseStatus: 204 } });
    expect(delivery.nextAttemptAt).toBeUndefined();
  });

  it('creates nothing for an event the bus delivers again (same event id): one delivery, one request', async () => {
    // Prepare
    const subscription = await subscribe({ eventTypes: ['OrderPlaced'] });
    const placed = await order();
    const [first] = await receiver.waitFor((all) => all.some(ofOrder(placed.id)));
    const payload = verifyWebhook(subscription.secret, first as ReceivedWebhook);
    await waitForDelivery(subscription.id, payload.id, (candidate) => candidate.status === 'DELIVERED');

    // Act: the same event, published again (as a retried lifecycle step would)
    const bus = new EventBridgeClient({ endpoint: inject('awsEndpoint'), region: 'eu-central-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    const detail = { metadata: { eventId: payload.id, eventVersion: payload.version, occurredAt: new Date().toISOString(), correlation: payload.correlation }, data: payload.data };
    const put = await bus.send(new PutEventsCommand({ Entries: [{ EventBusName: 'oms-events', Source: 'oms.orders', DetailType: 'OrderPlaced', Detail: JSON.stringify(detail) }] }));
    bus.destroy();
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const log = await api('GET', `/webhooks/subscriptions/${subscription.id}/deliveries`);

    // Assess
    expect(put.FailedEntryCount).toBe(0);
    expect(receiver.received.filter(ofOrder(placed.id))).toHaveLength(1);
    expect(log.body.items.filter((delivery: { eventId: string }) => delivery.eventId === payload.id)).toHaveLength(1);
  });

  it('retries a receiver that fails twice and delivers on the third attempt, with the same webhook-id', async () => {
    // Prepare
    const subscription = await subscribe({ eventTypes: ['OrderPlaced'] });
    receiver.answerWith((number) => (number <= 2 ? { status: 503, body: 'busy' } : { status: 200 }));

    // Act
    const placed = await order();
    const received = await receiver.waitFor((all) => all.length >= 3);

    // Assess
    expect(received.map((webhook) => webhook.headers['webhook-id'])).toEqual(Array(3).fill(received[0]?.headers['webhook-id']));
    for (const webhook of received) expect(verifyWebhook(subscription.secret, webhook).data.order.orderId).toBe(placed.id);
    const delivery = await waitForDelivery(subscription.id, payloadOf(received[0] as ReceivedWebhook).id, (candidate) => candidate.status === 'DELIVERED');
    expect(delivery).toMatchObject({ attempts: 3, lastAttempt: { responseStatus: 200 } });
  });

  it('dead-letters a delivery its receiver always refuses, and delivers it once redriven after the receiver recovers', async () => {
    // Prepare: a receiver that fails for the whole (shortened) retry window
    const subscription = await subscribe({ eventTypes: ['OrderPlaced'] });
    receiver.answerWith(() => ({ status: 500, body: 'x'.repeat(5000) }));
    const placed = await order();
    const [first] = await receiver.waitFor((all) => all.some(ofOrder(placed.id)));
    const eventId = payloadOf(first as ReceivedWebhook).id;
    const dead = await waitForDelivery(subscription.id, eventId, (candidate) => candidate.status === 'DEAD_LETTERED');
    const deadLetters = await api('GET', `/webhooks/subscriptions/${subscription.id}/deliveries?status=DEAD_LETTERED`);

    // Act
    receiver.answerWith(() => ({ status: 202 }));
    const attemptsBefore = receiver.received.length;
    const redrive = await api('POST', `/webhooks/subscriptions/${subscription.id}/deliveries/${dead.id}/redrive`);
    const [redriven] = (await receiver.waitFor((all) => all.length > attemptsBefore)).slice(attemptsBefore);

    // Assess
    expect(dead.attempts).toBeGreaterThanOrEqual(2);
    expect(dead.lastAttempt.responseStatus).toBe(500);
    expect(dead.lastAttempt.responseBody.length).toBeLessThanOrEqual(1025);
    expect(deadLetters.body.items.map((delivery: { id: string }) => delivery.id)).toEqual([dead.id]);
    expect(redrive.status).toBe(202);
    expect(redrive.body).toMatchObject({ id: dead.id, status: 'PENDING', redrives: 1 });
    expect(verifyWebhook(subscription.secret, redriven as ReceivedWebhook).id).toBe(eventId);
    expect(redriven?.body).toBe(first?.body);
    const delivered = await waitForDelivery(subscription.id, eventId, (candidate) => candidate.status === 'DELIVERED');
    expect(delivered).toMatchObject({ attempts: dead.attempts + 1, redrives: 1, lastAttempt: { responseStatus: 202 } });
  });

  it('turns the subscription off when the receiver answers 410 Gone', async () => {
    // Prepare
    const subscription = await subscribe({ eventTypes: ['OrderPlaced'] });
    receiver.answerWith(() => ({ status: 410 }));

    // Act
    const placed = await order();
    const [gone] = await receiver.waitFor((all) => all.some(ofOrder(placed.id)));
    await waitForDelivery(subscription.id, payloadOf(gone as ReceivedWebhook).id, (candidate) => candidate.status === 'CANCELLED');
    // The delivery is recorded cancelled just before the subscription is turned off: ask until it is.
    let read = await api('GET', `/webhooks/subscriptions/${subscription.id}`);
    for (let attempt = 0; attempt < 40 && read.body.active; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      read = await api('GET', `/webhooks/subscriptions/${subscription.id}`);
    }

    // Assess
    expect(read.body).toMatchObject({ active: false, disabledReason: 'ENDPOINT_GONE' });
    expect(read.body).not.toHaveProperty('secret');
  });

  it('signs with the old and the new secret after a rotation, both verifying', async () => {
    // Prepare
    const subscription = await subscribe({ eventTypes: ['OrderPlaced'] });
    const rotation = await api('POST', `/webhooks/subscriptions/${subscription.id}/rotate-secret`);

    // Act
    const placed = await order();
    const [webhook] = await receiver.waitFor((all) => all.some(ofOrder(placed.id)));

    // Assess
    expect(rotation.status).toBe(200);
    expect(rotation.body.secret).toMatch(/^whsec_/);
    expect(rotation.body.previousSecretValidUntil).toBeDefined();
    expect(String(webhook?.headers['webhook-signature']).split(' ')).toHaveLength(2);
    expect(verifyWebhook(rotation.body.secret, webhook as ReceivedWebhook).data.order.orderId).toBe(placed.id);
    expect(verifyWebhook(subscription.secret, webhook as ReceivedWebhook).data.order.orderId).toBe(placed.id);
  });

  it('manages subscriptions per channel: scope, URL rules, another channel’s subscription, PATCH and DELETE', async () => {
    // Prepare
    const subscription = await subscribe({ eventTypes: ['OrderPlaced'] });
    const otherChannel = callWith(await issueApiKey(['webhooks'], uniqueId('other')));
    const withoutScope = callWith(await issueApiKey(['orders'], channelId));

    // Act
    const forbidden = await withoutScope('GET', '/webhooks/subscriptions');
    const privateUrl = await api('POST', '/webhooks/subscriptions', { body: { url: 'https://10.0.0.1/hooks', eventTypes: ['*'] } });
    const unknownType = await api('POST', '/webhooks/subscriptions', { body: { url: receiver.url, eventTypes: ['StockLow'] } });
    const foreign = await otherChannel('GET', `/webhooks/subscriptions/${subscription.id}`);
    const patched = await api('PATCH', `/webhooks/subscriptions/${subscription.id}`, { body: { eventTypes: ['OrderPlaced', 'ShipmentShipped'], active: false } });
    const listed = await api('GET', '/webhooks/subscriptions');
    const deleted = await api('DELETE', `/webhooks/subscriptions/${subscription.id}`);
    const afterDelete = await api('GET', `/webhooks/subscriptions/${subscription.id}`);
    subscriptions.splice(0);

    // Assess
    expect(forbidden.status).toBe(403);
    expect(privateUrl.status).toBe(422);
    expect(privateUrl.body).toMatchObject({ code: 'WEBHOOK_URL_NOT_ALLOWED', errors: [{ path: 'url' }] });
    expect(unknownType.status).toBe(400);
    expect(foreign.status).toBe(404);
    expect(patched.body).toMatchObject({ eventTypes: ['OrderPlaced', 'ShipmentShipped'], active: false });
    expect(listed.body.items).toEqual([patched.body]);
    expect(JSON.stringify(listed.body)).not.toContain('whsec_');
    expect(deleted.status).toBe(204);
    expect(afterDelete.status).toBe(404);
  });
});

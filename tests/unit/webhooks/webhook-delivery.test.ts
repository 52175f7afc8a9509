import { Webhook } from 'standardwebhooks';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { attemptDelivery } from '../../../shared/use-cases/webhooks/attempt-delivery';
import { deliverDueWebhooks } from '../../../shared/use-cases/webhooks/deliver-due-webhooks';
import { listDeliveries, redriveDeadLetters, redriveDelivery } from '../../../shared/use-cases/webhooks/delivery-log';
import { fanOutEvent } from '../../../shared/use-cases/webhooks/fan-out-event';
import { getSubscription, rotateSubscriptionSecret, updateSubscription } from '../../../shared/use-cases/webhooks/manage-subscriptions';
import { answer, noAnswer } from '../fakes/recording-webhook-sender';
import { orderEvent, webhookHarness } from './webhook-harness';

const start = new Date('2026-03-01T10:00:00.000Z');
const advance = (ms: number) => vi.setSystemTime(new Date(Date.now() + ms));
const shortWindow = { baseDelaySeconds: 60, maxDelaySeconds: 600, retryWindowSeconds: 3600, maxRetryAfterSeconds: 3600 };

beforeEach(() => {
  // Only Date is faked: the clock of the use cases and of the reference verifier move together.
  vi.useFakeTimers({ toFake: ['Date'], now: start });
});

afterEach(() => {
  vi.useRealTimers();
});

describe('fan-out of a bus event to webhook subscriptions', () => {
  it('delivers to the matching active subscriptions of the event’s channel only, signed so standardwebhooks verifies each', async () => {
    // Prepare
    const { deps, sender, subscribe } = webhookHarness();
    const placed = await subscribe('shop-a', { eventTypes: ['OrderPlaced'] });
    const everything = await subscribe('shop-a', { eventTypes: ['*'] });
    await subscribe('shop-a', { eventTypes: ['ShipmentShipped'] });
    await subscribe('shop-a', { eventTypes: ['*'], active: false });
    await subscribe('shop-b', { eventTypes: ['*'] });
    const event = orderEvent('shop-a');

    // Act
    const summary = await fanOutEvent(event, deps);

    // Assess
    expect(summary).toMatchObject({ subscribed: 2, created: 2, duplicate: false, outcomes: { delivered: 2 } });
    expect(sender.requests.map((request) => request.url).sort()).toEqual([placed.url, everything.url].sort());
    for (const subscription of [placed, everything]) {
      const request = sender.requests.find((candidate) => candidate.url === subscription.url);
      const payload = new Webhook(subscription.secret).verify(request?.body ?? '', { ...request?.headers });
      expect(payload).toMatchObject({ id: event.metadata.eventId, type: 'OrderPlaced', source: 'oms.orders', version: 1, timestamp: event.metadata.occurredAt, data: event.data });
      expect(request?.headers['webhook-id']).toBe(event.metadata.eventId);
      expect(request?.timeoutMs).toBe(10_000);
    }
  });

  it('creates and sends nothing for a redelivered event (same event id)', async () => {
    // Prepare
    const { deps, sender, store, subscribe } = webhookHarness();
    await subscribe('shop-a');
    const event = orderEvent('shop-a');
    await fanOutEvent(event, deps);

    // Act
    const again = await fanOutEvent({ ...event, metadata: { ...event.metadata, occurredAt: new Date(Date.now() + 5000).toISOString() } }, deps);

    // Assess
    expect(again).toMatchObject({ subscribed: 1, created: 0, duplicate: true });
    expect(sender.requests).toHaveLength(1);
    expect(store.deliveries.size).toBe(1);
  });

  it('delivers an event that names no channel (a stock event) to nobody', async () => {
    // Prepare
    const { deps, sender, subscribe } = webhookHarness();
    await subscribe('shop-a');

    // Act
    const summary = await fanOutEvent({ ...orderEvent(undefined, 'OutOfStock'), source: 'oms.inventory' }, deps);

    // Assess
    expect(summary).toMatchObject({ subscribed: 0, created: 0 });
    expect(sender.requests).toEqual([]);
  });
});

describe('retries of a failed webhook delivery', () => {
  it('retries on the backoff schedule with the same webhook-id and a fresh timestamp, and delivers once the partner recovers', async () => {
    // Prepare
    const { deps, sender, store, subscribe } = webhookHarness({ responses: [answer(503, { body: 'down for maintenance' }), noAnswer(), answer(204)] });
    const subscription = await subscribe('shop-a');
    await fanOutEvent(orderEvent('shop-a'), deps);
    const afterFirst = store.deliveryOf(subscription.id);

    // Act: a sweep before the retry is due does nothing; at each due time the delivery is attempted again
    const early = await deliverDueWebhooks(deps);
    advance(Date.parse(afterFirst.nextAttemptAt ?? '') - Date.now());
    await deliverDueWebhooks(deps);
    const afterSecond = store.deliveryOf(subscription.id);
    advance(Date.parse(afterSecond.nextAttemptAt ?? '') - Date.now());
    const last = await deliverDueWebhooks(deps);

    // Assess
    expect(afterFirst).toMatchObject({ status: 'PENDING', attempts: 1, lastAttempt: { responseStatus: 503, responseBody: 'down for maintenance' } });
    // The first retry waits up to 1 min (jitter 0.5: 30 s), the second up to 2 min (60 s).
    expect(Date.parse(afterFirst.nextAttemptAt ?? '')).toBe(start.getTime() + 30_000);
    expect(early.due).toBe(0);
    expect(afterSecond).toMatchObject({ status: 'PENDING', attempts: 2, lastAttempt: { error: expect.stringContaining('ECONNREFUSED') } });
    expect(Date.parse(afterSecond.nextAttemptAt ?? '') - Date.parse(afterFirst.nextAttemptAt ?? '')).toBe(60_000);
    expect(last.outcomes).toEqual({ delivered: 1 });
    expect(store.deliveryOf(subscription.id)).toMatchObject({ status: 'DELIVERED', attempts: 3, lastAttempt: { responseStatus: 204 } });
    expect(new Set(sender.requests.map((request) => request.headers['webhook-id'])).size).toBe(1);
    expect(new Set(sender.requests.map((request) => request.headers['webhook-timestamp'])).size).toBe(3);
    expect(new Set(sender.requests.map((request) => request.body)).size).toBe(1);
  });

  it('waits as long as the partner’s Retry-After says', async () => {
    // Prepare
    const { deps, store, subscribe } = webhookHarness({ responses: [answer(429, { retryAfter: '300' })] });
    const subscription = await subscribe('shop-a');

    // Act
    await fanOutEvent(orderEvent('shop-a'), deps);

    // Assess
    expect(store.deliveryOf(subscription.id).nextAttemptAt).toBe(new Date(start.getTime() + 300_000).toISOString());
  });

  it('dead-letters once the retry window has passed; a redrive puts it back and the next sweep delivers it', async () => {
    // Prepare: a partner that fails for the whole window, then recovers
    const { deps, sender, store, subscribe } = webhookHarness({ responses: [answer(500)], retryPolicy: shortWindow });
    const subscription = await subscribe('shop-a');
    await fanOutEvent(orderEvent('shop-a'), deps);
    for (let sweep = 0; sweep < 100 && store.deliveryOf(subscription.id).status === 'PENDING'; sweep++) {
      advance(Date.parse(store.deliveryOf(subscription.id).nextAttemptAt ?? '') - Date.now());
      await deliverDueWebhooks(deps);
    }
    const dead = store.deliveryOf(subscription.id);
    const deadLetters = await listDeliveries({ channelId: 'shop-a', subscriptionId: subscription.id, status: 'DEAD_LETTERED', limit: 10 }, deps);

    // Act
    sender.requests.length = 0;
    (sender as unknown as { script: unknown[] }).script = [answer(200)];
    const redriven = await redriveDelivery({ channelId: 'shop-a', subscriptionId: subscription.id, deliveryId: dead.id }, deps);
    const sweep = await deliverDueWebhooks(deps);

    // Assess
    expect(dead.status).toBe('DEAD_LETTERED');
    expect(Date.parse(dead.lastAttempt?.at ?? '') - start.getTime()).toBeGreaterThanOrEqual(3600_000);
    expect(dead.nextAttemptAt).toBeUndefined();
    expect(deadLetters.items.map((delivery) => delivery.id)).toEqual([dead.id]);
    expect(redriven).toMatchObject({ status: 'PENDING', redrives: 1, nextAttemptAt: new Date().toISOString() });
    expect(sweep.outcomes).toEqual({ delivered: 1 });
    expect(store.deliveryOf(subscription.id)).toMatchObject({ status: 'DELIVERED', attempts: dead.attempts + 1, redrives: 1 });
  });

  it('redrives every dead letter of a subscription, and refuses to redrive what is not dead', async () => {
    // Prepare
    const { deps, store, subscribe } = webhookHarness({ responses: [answer(500)], retryPolicy: { ...shortWindow, retryWindowSeconds: 1 } });
    const subscription = await subscribe('shop-a');
    await fanOutEvent(orderEvent('shop-a'), deps);
    await fanOutEvent(orderEvent('shop-a'), deps);
    advance(2000);
    for (let sweep = 0; sweep < 5; sweep++) {
      advance(120_000);
      await deliverDueWebhooks(deps);
    }
    const [one] = [...store.deliveries.values()];

    // Act
    const result = await redriveDeadLetters({ channelId: 'shop-a', subscriptionId: subscription.id }, deps);

    // Assess
    expect(result).toEqual({ redriven: 2, more: false });
    expect([...store.deliveries.values()].map((delivery) => delivery.status)).toEqual(['PENDING', 'PENDING']);
    await expect(redriveDelivery({ channelId: 'shop-a', subscriptionId: subscription.id, deliveryId: one?.id ?? '' }, deps)).rejects.toMatchObject({ code: 'DELIVERY_NOT_REDRIVABLE' });
    await expect(redriveDelivery({ channelId: 'shop-b', subscriptionId: subscription.id, deliveryId: one?.id ?? '' }, deps)).rejects.toMatchObject({ code: 'WEBHOOK_SUBSCRIPTION_NOT_FOUND' });
  });

  it('on 410 Gone turns the subscription off, cancels its pending deliveries, and sends it nothing more', async () => {
    // Prepare: one delivery waits for a retry when the endpoint answers 410 to the next event
    const { deps, sender, store, subscribe } = webhookHarness({ responses: [answer(503), answer(410, { body: 'gone' })] });
    const subscription = await subscribe('shop-a');
    await fanOutEvent(orderEvent('shop-a'), deps);

    // Act
    await fanOutEvent(orderEvent('shop-a'), deps);
    const later = await fanOutEvent(orderEvent('shop-a'), deps);
    advance(3600_000);
    const sweep = await deliverDueWebhooks(deps);

    // Assess
    expect(await getSubscription('shop-a', subscription.id, deps)).toMatchObject({ active: false, disabledReason: 'ENDPOINT_GONE' });
    expect([...store.deliveries.values()].map((delivery) => [delivery.status, delivery.cancelReason])).toEqual([
      ['CANCELLED', 'ENDPOINT_GONE'],
      ['CANCELLED', 'ENDPOINT_GONE'],
    ]);
    expect(later).toMatchObject({ subscribed: 0, created: 0 });
    expect(sweep.due).toBe(0);
    expect(sender.requests).toHaveLength(2);
  });

  it('lets one worker at a time attempt a delivery: the fan-out and a sweep racing send it once', async () => {
    // Prepare
    const { deps, sender, store, subscribe } = webhookHarness({ responses: [answer(500), answer(200)] });
    const subscription = await subscribe('shop-a');
    await fanOutEvent(orderEvent('shop-a'), deps);
    advance(3600_000);
    const delivery = store.deliveryOf(subscription.id);
    const ref = { subscriptionId: subscription.id, deliveryId: delivery.id };

    // Act
    const outcomes = await Promise.all([attemptDelivery(ref, deps), attemptDelivery(ref, deps)]);

    // Assess
    expect(outcomes.sort()).toEqual(['delivered', 'superseded']);
    expect(sender.requests).toHaveLength(2);
  });

  it('cuts response bodies in the delivery log to 1,024 characters', async () => {
    // Prepare
    const { deps, subscribe } = webhookHarness({ responses: [answer(500, { body: 'x'.repeat(4096) })] });
    const subscription = await subscribe('shop-a');
    await fanOutEvent(orderEvent('shop-a'), deps);

    // Act
    const log = await listDeliveries({ channelId: 'shop-a', subscriptionId: subscription.id, limit: 10 }, deps);

    // Assess
    expect(log.items).toHaveLength(1);
    expect(log.items[0]).toMatchObject({ status: 'PENDING', attempts: 1, lastAttempt: { responseStatus: 500 } });
    expect(log.items[0]?.lastAttempt?.responseBody).toHaveLength(1025);
  });
});

describe('secret rotation', () => {
  it('signs with both secrets for 24 h after a rotation, each verifying with standardwebhooks, then with the new one only', async () => {
    // Prepare
    const { deps, sender, subscribe } = webhookHarness();
    const subscription = await subscribe('shop-a');
    const rotated = await rotateSubscriptionSecret({ channelId: 'shop-a', subscriptionId: subscription.id }, deps);

    // Act + Assess: during the overlap (verified at once: the verifier refuses timestamps over 5 minutes old)
    await fanOutEvent(orderEvent('shop-a'), deps);
    const during = sender.requests[0];
    expect(rotated.secret).not.toBe(subscription.secret);
    expect(rotated.previousSecretValidUntil).toBe(new Date(start.getTime() + 24 * 3600_000).toISOString());
    expect(during?.headers['webhook-signature']?.split(' ')).toHaveLength(2);
    expect(new Webhook(subscription.secret).verify(during?.body ?? '', { ...during?.headers })).toBeTruthy();
    expect(new Webhook(rotated.secret).verify(during?.body ?? '', { ...during?.headers })).toBeTruthy();

    // Act + Assess: after it
    advance(24 * 3600_000 + 1000);
    await fanOutEvent(orderEvent('shop-a'), deps);
    const after = sender.requests[1];
    expect(after?.headers['webhook-signature']?.split(' ')).toHaveLength(1);
    expect(new Webhook(rotated.secret).verify(after?.body ?? '', { ...after?.headers })).toBeTruthy();
    expect(() => new Webhook(subscription.secret).verify(after?.body ?? '', { ...after?.headers })).toThrow();
  });
});

describe('turning a subscription off and on', () => {
  it('cancels pending deliveries when turned off, and clears the OMS’s reason when turned on again', async () => {
    // Prepare
    const { deps, store, subscribe } = webhookHarness({ responses: [answer(503)] });
    const subscription = await subscribe('shop-a');
    await fanOutEvent(orderEvent('shop-a'), deps);

    // Act
    const off = await updateSubscription({ channelId: 'shop-a', subscriptionId: subscription.id, change: { active: false } }, deps);
    const on = await updateSubscription({ channelId: 'shop-a', subscriptionId: subscription.id, change: { active: true, eventTypes: ['OrderPlaced'] } }, deps);

    // Assess
    expect(off.active).toBe(false);
    expect(store.deliveryOf(subscription.id)).toMatchObject({ status: 'CANCELLED', cancelReason: 'SUBSCRIPTION_DISABLED' });
    expect(on).toMatchObject({ active: true, eventTypes: ['OrderPlaced'] });
    expect(on.disabledReason).toBeUndefined();
  });
});

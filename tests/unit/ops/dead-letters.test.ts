import { describe, expect, it } from 'vitest';
import { deadLetteredDelivery, newDelivery } from '../../../shared/domain/webhooks/delivery';
import type { WebhookSubscription } from '../../../shared/domain/webhooks/subscription';
import type { IntegrationDeadLetter } from '../../../shared/ports/integration-dead-letters';
import { listDeadLetters, redriveDeadLetters } from '../../../shared/use-cases/ops/dead-letters';
import { InMemoryWebhookStore } from '../fakes/in-memory-webhook-store';
import { RecordingEventTransport } from '../fakes/recording-event-transport';
import { InMemoryIntegrationDeadLetters, InMemoryWebhookDeadLetterIndex } from './ops-fakes';

const now = new Date('2025-03-10T12:00:00.000Z');
const at = (minute: number) => new Date(Date.UTC(2025, 2, 10, 11, minute)).toISOString();

const fulfilmentEvent = (orderId: string) => ({
  source: 'oms.orders',
  detailType: 'FulfilmentRequested',
  detail: JSON.stringify({ metadata: { eventId: `${orderId}:FulfilmentRequested`, eventVersion: 1, occurredAt: at(0), correlation: { orderId } }, data: { orderId } }),
});

const integrationLetter = (id: string, minute: number, extra: Partial<IntegrationDeadLetter> = {}): IntegrationDeadLetter => ({
  id,
  target: 'forward-fulfilment-to-warehouses/forward-fulfilment-message',
  detailType: 'FulfilmentRequested',
  orderId: `ord_${id}`,
  failedAt: at(minute),
  error: 'connect ECONNREFUSED',
  event: fulfilmentEvent(`ord_${id}`),
  ...extra,
});

const subscription = (id: string, channelId: string, active = true): WebhookSubscription => ({
  id,
  channelId,
  url: 'https://erp.example.com/oms',
  eventTypes: ['*'],
  active,
  createdAt: at(0),
  updatedAt: at(0),
  version: 1,
  secrets: { current: 'sealed' },
});

async function world() {
  const integration = new InMemoryIntegrationDeadLetters();
  const store = new InMemoryWebhookStore();
  const bus = new RecordingEventTransport();
  await store.createSubscription(subscription('whsub_a', 'shop-a'));
  await store.createSubscription(subscription('whsub_off', 'shop-b', false));
  const deadWebhook = async (deliveryId: string, subscriptionId: string, channelId: string, minute: number) => {
    const eventId = `ord_${deliveryId}:OrderPlaced`;
    await store.createDeliveries({ eventId, channelId, eventType: 'OrderPlaced', body: JSON.stringify({ id: eventId, correlation: { orderId: `ord_${deliveryId}` } }), expiresAt: at(59) }, []);
    const pending = newDelivery({ id: deliveryId, subscriptionId, channelId, eventId, eventType: 'OrderPlaced', messageId: eventId, now: new Date(at(minute)) });
    store.deliveries.set(deliveryId, { ...deadLetteredDelivery(pending, 'HTTP 503 for a day', new Date(at(minute))), lastAttempt: { at: at(minute), durationMs: 20, responseStatus: 503 } });
  };
  const deps = {
    integrationDeadLetters: integration,
    webhookDeadLetters: new InMemoryWebhookDeadLetterIndex(store),
    subscriptions: store,
    deliveries: store,
    bus,
    now: () => now,
  };
  return { integration, store, bus, deps, deadWebhook };
}

describe('listDeadLetters', () => {
  it('lists the integration dead letters, then the webhook ones, and leaves the queue as it found it', async () => {
    // Prepare
    const { integration, deps, deadWebhook } = await world();
    integration.add(integrationLetter('m1', 1), integrationLetter('m2', 2, { orderId: undefined }));
    await deadWebhook('dlv_1', 'whsub_a', 'shop-a', 3);

    // Act
    const { items, nextCursor } = await listDeadLetters({ limit: 25 }, deps);

    // Assess
    expect(items).toEqual([
      { id: 'integration:m1', source: 'integration', target: 'forward-fulfilment-to-warehouses/forward-fulfilment-message', detailType: 'FulfilmentRequested', orderId: 'ord_m1', failedAt: at(1), error: 'connect ECONNREFUSED' },
      { id: 'integration:m2', source: 'integration', target: 'forward-fulfilment-to-warehouses/forward-fulfilment-message', detailType: 'FulfilmentRequested', failedAt: at(2), error: 'connect ECONNREFUSED' },
      { id: 'webhook:whsub_a:dlv_1', source: 'webhook', target: 'whsub_a', detailType: 'OrderPlaced', orderId: 'ord_dlv_1', channelId: 'shop-a', failedAt: at(3), error: 'HTTP 503' },
    ]);
    expect(nextCursor).toBeUndefined();
    expect(integration.visible).toHaveLength(2);
  });

  it('pages the webhook dead letters after a first page the queue filled', async () => {
    // Prepare
    const { integration, deps, deadWebhook } = await world();
    integration.add(integrationLetter('m1', 1), integrationLetter('m2', 2));
    await deadWebhook('dlv_1', 'whsub_a', 'shop-a', 3);
    await deadWebhook('dlv_2', 'whsub_a', 'shop-a', 4);
    await deadWebhook('dlv_3', 'whsub_a', 'shop-a', 5);

    // Act
    const pages = [await listDeadLetters({ limit: 2 }, deps)];
    while (pages.at(-1)?.nextCursor && pages.length < 5) pages.push(await listDeadLetters({ limit: 2, cursor: pages.at(-1)?.nextCursor }, deps));

    // Assess
    expect(pages.map((page) => page.items.map((item) => item.id))).toEqual([
      ['integration:m1', 'integration:m2'],
      ['webhook:whsub_a:dlv_1', 'webhook:whsub_a:dlv_2'],
      ['webhook:whsub_a:dlv_3'],
    ]);
  });

  it('lists one source when asked', async () => {
    const { integration, deps, deadWebhook } = await world();
    integration.add(integrationLetter('m1', 1));
    await deadWebhook('dlv_1', 'whsub_a', 'shop-a', 3);

    const webhooks = await listDeadLetters({ source: 'webhook', limit: 25 }, deps);
    const integrations = await listDeadLetters({ source: 'integration', limit: 25 }, deps);

    expect(webhooks.items.map((item) => item.id)).toEqual(['webhook:whsub_a:dlv_1']);
    expect(integrations.items.map((item) => item.id)).toEqual(['integration:m1']);
    expect(integration.leaseCalls).toBe(2);
  });
});

describe('redriveDeadLetters', () => {
  it('puts a named integration dead letter’s event back on the bus as it was, removes it, and leaves the others', async () => {
    // Prepare
    const { integration, bus, deps } = await world();
    integration.add(integrationLetter('m1', 1), integrationLetter('m2', 2));

    // Act
    const result = await redriveDeadLetters({ ids: ['integration:m2', 'integration:gone'] }, deps);

    // Assess
    expect(result).toEqual({ redriven: ['integration:m2'], notFound: ['integration:gone'], failed: [], more: false });
    expect(bus.sent).toEqual([fulfilmentEvent('ord_m2')]);
    expect(integration.visible.map((letter) => letter.id)).toEqual(['m1']);
  });

  it('keeps a dead letter whose event cannot go back on the bus (a schedule’s tick), saying why', async () => {
    const { integration, bus, deps } = await world();
    integration.add(integrationLetter('tick', 1, { detailType: 'Scheduled Event', event: undefined }));

    const result = await redriveDeadLetters({ ids: ['integration:tick'] }, deps);

    expect(result.failed).toEqual([expect.objectContaining({ id: 'integration:tick', code: 'NOT_REPUBLISHABLE' })]);
    expect(bus.sent).toEqual([]);
    expect(integration.visible).toHaveLength(1);
  });

  it('keeps a dead letter the bus did not take, and releases it for the next try', async () => {
    const { integration, deps } = await world();
    integration.add(integrationLetter('m1', 1));
    const failingBus = { send: async () => Promise.reject(new Error('ThrottlingException')) };

    const result = await redriveDeadLetters({ ids: ['integration:m1'] }, { ...deps, bus: failingBus });

    expect(result.failed).toEqual([{ id: 'integration:m1', code: 'REDRIVE_FAILED', message: 'ThrottlingException' }]);
    expect(integration.visible).toHaveLength(1);
  });

  it('redrives a webhook dead letter of any channel through the webhook area’s redrive: due now with a new window', async () => {
    // Prepare
    const { store, deps, deadWebhook } = await world();
    await deadWebhook('dlv_1', 'whsub_a', 'shop-a', 3);
    await deadWebhook('dlv_2', 'whsub_off', 'shop-b', 4);

    // Act
    const result = await redriveDeadLetters({ ids: ['webhook:whsub_a:dlv_1', 'webhook:whsub_off:dlv_2', 'webhook:whsub_a:dlv_404'] }, deps);

    // Assess
    expect(result).toEqual({
      redriven: ['webhook:whsub_a:dlv_1'],
      notFound: ['webhook:whsub_a:dlv_404'],
      failed: [expect.objectContaining({ id: 'webhook:whsub_off:dlv_2', code: 'WEBHOOK_SUBSCRIPTION_INACTIVE' })],
      more: false,
    });
    expect(store.deliveries.get('dlv_1')).toMatchObject({ status: 'PENDING', nextAttemptAt: now.toISOString(), redrives: 1 });
    expect(store.deliveries.get('dlv_2')).toMatchObject({ status: 'DEAD_LETTERED' });
  });

  it('redrives every dead letter of a source when no id is named, at most 100 a call', async () => {
    // Prepare
    const { integration, bus, deps, deadWebhook } = await world();
    integration.add(...Array.from({ length: 105 }, (_, index) => integrationLetter(`m${index}`, 1)));
    await deadWebhook('dlv_1', 'whsub_a', 'shop-a', 3);

    // Act
    const first = await redriveDeadLetters({ source: 'integration' }, deps);
    const second = await redriveDeadLetters({ source: 'integration' }, deps);

    // Assess
    expect(first).toMatchObject({ notFound: [], failed: [], more: true });
    expect(first.redriven).toHaveLength(100);
    expect(second).toMatchObject({ notFound: [], failed: [], more: false });
    expect(second.redriven).toHaveLength(5);
    expect(bus.sent).toHaveLength(105);
    expect(integration.visible).toEqual([]);
  });
});

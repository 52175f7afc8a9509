/** Webhook use cases wired to in-memory stores, a scripted partner and the real sealer; the clock is the (faked) system time. */
import { aesGcmSecretSealer } from '../../../shared/adapters/crypto/aes-gcm-secret-sealer';
import { defaultWebhookRetryPolicy, type WebhookRetryPolicy } from '../../../shared/domain/webhooks/retry-schedule';
import type { BusEvent } from '../../../shared/domain/webhooks/payload';
import type { WebhookResponse } from '../../../shared/ports/webhook-sender';
import { createSubscription } from '../../../shared/use-cases/webhooks/manage-subscriptions';
import type { WebhookDependencies } from '../../../shared/use-cases/webhooks/webhook-dependencies';
import { InMemoryWebhookStore } from '../fakes/in-memory-webhook-store';
import { RecordingWebhookSender } from '../fakes/recording-webhook-sender';

export function webhookHarness({ responses = [], retryPolicy = defaultWebhookRetryPolicy }: { responses?: WebhookResponse[]; retryPolicy?: WebhookRetryPolicy } = {}) {
  const store = new InMemoryWebhookStore();
  const sender = new RecordingWebhookSender(...responses);
  let sequence = 0;
  const deps: WebhookDependencies = {
    subscriptions: store,
    deliveries: store,
    sealer: aesGcmSecretSealer(async () => ({ current: 'unit-test-sealing-key-material-0123456789abcdef' })),
    sender,
    settings: { retryPolicy, allowLocalhost: false, requestTimeoutMs: 10_000 },
    now: () => new Date(),
    random: () => 0.5,
    newId: () => `01TEST${String(++sequence).padStart(20, '0')}`,
  };
  const subscribe = (channelId: string, options: { url?: string; eventTypes?: string[]; active?: boolean } = {}) =>
    createSubscription(
      { channelId, url: options.url ?? `https://partner-${++sequence}.example.com/hooks`, eventTypes: options.eventTypes ?? ['*'], active: options.active ?? true },
      deps,
    );
  return { store, sender, deps, subscribe };
}

let eventSequence = 0;

/** An OrderPlaced-like event of `channelId` (any detail-type), as the bus hands it over. */
export function orderEvent(channelId: string | undefined, detailType = 'OrderPlaced', eventId = `ord_${++eventSequence}:${detailType}`): BusEvent {
  return {
    source: 'oms.orders',
    detailType,
    metadata: { eventId, eventVersion: 1, occurredAt: new Date().toISOString(), correlation: { orderId: eventId.split(':')[0], ...(channelId && { channelId }) } },
    data: { order: { orderId: eventId.split(':')[0], channelId, grandTotal: { amount: 1999, currency: 'EUR' } } },
  };
}

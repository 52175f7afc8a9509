/**
 * An event of the bus reaches the partners subscribed to it: one delivery per matching active
 * subscription of the event's channel, created together with the stored payload (all or nothing,
 * once per event id: a redelivered event creates nothing), then attempted at once. What fails is
 * left to the retry sweeper.
 */
import { deliveryRetentionSeconds, newDelivery } from '../../domain/webhooks/delivery';
import { webhookBodyOf, type BusEvent } from '../../domain/webhooks/payload';
import { webhookMessageId } from '../../domain/webhooks/signing';
import { subscribesTo } from '../../domain/webhooks/subscription';
import { attemptDeliveries, deliveryRefOf, type AttemptOutcome } from './attempt-delivery';
import type { WebhookDependencies } from './webhook-dependencies';

export interface FanOutSummary {
  readonly subscribed: number;
  readonly created: number;
  /** The event was fanned out before (a redelivery): nothing was created or sent. */
  readonly duplicate: boolean;
  readonly outcomes: Partial<Record<AttemptOutcome, number>>;
  readonly attemptErrors: number;
}

const nothing = (subscribed: number, duplicate: boolean): FanOutSummary => ({ subscribed, created: 0, duplicate, outcomes: {}, attemptErrors: 0 });

export async function fanOutEvent(event: BusEvent, deps: WebhookDependencies, { concurrency = 10 }: { concurrency?: number } = {}): Promise<FanOutSummary> {
  const channelId = event.metadata.correlation.channelId;
  // An event of no channel (stock events: the network is shared) has no subscriber by definition.
  if (!channelId) return nothing(0, false);
  const subscriptions = (await deps.subscriptions.listSubscriptions(channelId)).filter((subscription) => subscribesTo(subscription, event.detailType));
  if (subscriptions.length === 0) return nothing(0, false);

  const now = deps.now();
  const { eventId } = event.metadata;
  const deliveries = subscriptions.map((subscription) =>
    newDelivery({
      id: `dlv_${deps.newId()}`,
      subscriptionId: subscription.id,
      channelId,
      eventId,
      eventType: event.detailType,
      messageId: webhookMessageId(eventId),
      now,
    }),
  );
  const payload = { eventId, channelId, eventType: event.detailType, body: webhookBodyOf(event), expiresAt: new Date(now.getTime() + deliveryRetentionSeconds * 1000).toISOString() };
  if (!(await deps.deliveries.createDeliveries(payload, deliveries))) return nothing(subscriptions.length, true);

  const { outcomes, errors } = await attemptDeliveries(deliveries.map(deliveryRefOf), deps, { concurrency });
  return { subscribed: subscriptions.length, created: deliveries.length, duplicate: false, outcomes, attemptErrors: errors.length };
}

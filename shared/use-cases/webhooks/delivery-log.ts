/** A subscription's delivery log, and redrive: dead letters (or cancelled deliveries) put back on the schedule. */
import type { WebhookDeliveryView } from '../../contracts/webhooks';
import { ConflictError, NotFoundError } from '../../domain/errors';
import { redrivenDelivery, type DeliveryStatus, type WebhookDelivery } from '../../domain/webhooks/delivery';
import { loadSubscription } from './manage-subscriptions';
import type { WebhookDependencies } from './webhook-dependencies';

type Deps<Keys extends keyof WebhookDependencies> = Pick<WebhookDependencies, Keys>;

export const deliveryView = (delivery: WebhookDelivery): WebhookDeliveryView => ({
  id: delivery.id,
  subscriptionId: delivery.subscriptionId,
  eventId: delivery.eventId,
  eventType: delivery.eventType,
  webhookId: delivery.messageId,
  status: delivery.status,
  attempts: delivery.attempts,
  redrives: delivery.redrives,
  createdAt: delivery.createdAt,
  updatedAt: delivery.updatedAt,
  ...(delivery.nextAttemptAt && { nextAttemptAt: delivery.nextAttemptAt }),
  ...(delivery.lastAttempt && { lastAttempt: { ...delivery.lastAttempt } }),
  ...(delivery.deliveredAt && { deliveredAt: delivery.deliveredAt }),
  ...(delivery.deadLetteredAt && { deadLetteredAt: delivery.deadLetteredAt }),
  ...(delivery.cancelledAt && { cancelledAt: delivery.cancelledAt }),
  ...(delivery.cancelReason && { cancelReason: delivery.cancelReason }),
});

export async function listDeliveries(
  { channelId, subscriptionId, status, limit, cursor }: { channelId: string; subscriptionId: string; status?: DeliveryStatus; limit: number; cursor?: string },
  deps: Deps<'subscriptions' | 'deliveries'>,
): Promise<{ items: WebhookDeliveryView[]; nextCursor?: string }> {
  await loadSubscription(channelId, subscriptionId, deps);
  const page = await deps.deliveries.listDeliveries(subscriptionId, { limit, ...(status && { status }), ...(cursor && { cursor }) });
  return { items: page.deliveries.map(deliveryView), ...(page.nextCursor && { nextCursor: page.nextCursor }) };
}

const subscriptionInactive = (subscriptionId: string) =>
  new ConflictError('WEBHOOK_SUBSCRIPTION_INACTIVE', `Webhook subscription ${subscriptionId} is turned off; turn it on (PATCH active: true) before redriving`);

async function redrive(delivery: WebhookDelivery, deps: Deps<'deliveries' | 'now'>): Promise<WebhookDelivery | undefined> {
  const next = redrivenDelivery(delivery, deps.now());
  // The payload is kept as long as the redriven delivery may need it.
  await deps.deliveries.retainEventPayload(next.eventId, next.expiresAt);
  return (await deps.deliveries.replaceDelivery(next, delivery.revision)) ? next : undefined;
}

/** One dead-lettered or cancelled delivery, due now with a fresh retry window; the sweeper attempts it within a minute. */
export async function redriveDelivery(
  { channelId, subscriptionId, deliveryId }: { channelId: string; subscriptionId: string; deliveryId: string },
  deps: Deps<'subscriptions' | 'deliveries' | 'now'>,
): Promise<WebhookDeliveryView> {
  const subscription = await loadSubscription(channelId, subscriptionId, deps);
  if (!subscription.active) throw subscriptionInactive(subscriptionId);
  const delivery = await deps.deliveries.getDelivery({ subscriptionId, deliveryId });
  if (!delivery) throw new NotFoundError('WEBHOOK_DELIVERY_NOT_FOUND', `No delivery ${deliveryId} of webhook subscription ${subscriptionId}`);
  const redriven = await redrive(delivery, deps);
  if (!redriven) throw new ConflictError('DELIVERY_CHANGED_CONCURRENTLY', `Delivery ${deliveryId} changed meanwhile; read it and try again`);
  return deliveryView(redriven);
}

/** Dead letters redriven per call; `more` says when to call again. */
const maxRedriven = 500;

/** Every dead letter of the subscription (up to 500 a call), due now. */
export async function redriveDeadLetters(
  { channelId, subscriptionId }: { channelId: string; subscriptionId: string },
  deps: Deps<'subscriptions' | 'deliveries' | 'now'>,
): Promise<{ redriven: number; more: boolean }> {
  const subscription = await loadSubscription(channelId, subscriptionId, deps);
  if (!subscription.active) throw subscriptionInactive(subscriptionId);
  let redriven = 0;
  let cursor: string | undefined;
  do {
    const page = await deps.deliveries.listDeliveries(subscriptionId, { status: 'DEAD_LETTERED', limit: 100, ...(cursor && { cursor }) });
    for (const delivery of page.deliveries) {
      if (redriven >= maxRedriven) return { redriven, more: true };
      if (await redrive(delivery, deps)) redriven += 1;
    }
    cursor = page.nextCursor;
  } while (cursor);
  return { redriven, more: false };
}

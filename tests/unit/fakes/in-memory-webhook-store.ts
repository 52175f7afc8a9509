/**
 * The webhook stores in memory, with the DynamoDB adapter's semantics: conditional writes on version
 * and revision, the event payload as the fan-out's once-per-event guard, due deliveries by time.
 */
import type { DeliveryStatus, WebhookDelivery } from '../../../shared/domain/webhooks/delivery';
import type { WebhookSubscription } from '../../../shared/domain/webhooks/subscription';
import type { DeliveryPage, DeliveryRef, EventPayloadRecord, WebhookDeliveryStore, WebhookSubscriptionStore } from '../../../shared/ports/webhook-store';

const clone = <T>(value: T): T => structuredClone(value);

export class InMemoryWebhookStore implements WebhookSubscriptionStore, WebhookDeliveryStore {
  readonly subscriptions = new Map<string, WebhookSubscription>();
  readonly deliveries = new Map<string, WebhookDelivery>();
  readonly payloads = new Map<string, EventPayloadRecord>();

  async createSubscription(subscription: WebhookSubscription): Promise<void> {
    if (this.subscriptions.has(subscription.id)) throw new Error(`Subscription ${subscription.id} exists`);
    this.subscriptions.set(subscription.id, clone(subscription));
  }

  async getSubscription(channelId: string, subscriptionId: string): Promise<WebhookSubscription | undefined> {
    const subscription = this.subscriptions.get(subscriptionId);
    return subscription?.channelId === channelId ? clone(subscription) : undefined;
  }

  async listSubscriptions(channelId: string): Promise<WebhookSubscription[]> {
    return [...this.subscriptions.values()].filter((subscription) => subscription.channelId === channelId).map(clone);
  }

  async replaceSubscription(subscription: WebhookSubscription, expectedVersion: number): Promise<boolean> {
    if (this.subscriptions.get(subscription.id)?.version !== expectedVersion) return false;
    this.subscriptions.set(subscription.id, clone(subscription));
    return true;
  }

  async deleteSubscription(channelId: string, subscriptionId: string): Promise<boolean> {
    if (this.subscriptions.get(subscriptionId)?.channelId !== channelId) return false;
    return this.subscriptions.delete(subscriptionId);
  }

  async createDeliveries(payload: EventPayloadRecord, deliveries: readonly WebhookDelivery[]): Promise<boolean> {
    if (this.payloads.has(payload.eventId)) return false;
    this.payloads.set(payload.eventId, clone(payload));
    for (const delivery of deliveries) this.deliveries.set(delivery.id, clone(delivery));
    return true;
  }

  async eventPayload(eventId: string): Promise<string | undefined> {
    return this.payloads.get(eventId)?.body;
  }

  async retainEventPayload(eventId: string, expiresAt: string): Promise<void> {
    const payload = this.payloads.get(eventId);
    if (payload && payload.expiresAt < expiresAt) this.payloads.set(eventId, { ...payload, expiresAt });
  }

  async getDelivery(ref: DeliveryRef): Promise<WebhookDelivery | undefined> {
    const delivery = this.deliveries.get(ref.deliveryId);
    return delivery?.subscriptionId === ref.subscriptionId ? clone(delivery) : undefined;
  }

  async replaceDelivery(delivery: WebhookDelivery, expectedRevision: number): Promise<boolean> {
    if (this.deliveries.get(delivery.id)?.revision !== expectedRevision) return false;
    this.deliveries.set(delivery.id, clone(delivery));
    return true;
  }

  async dueDeliveries(asOf: Date, limit: number): Promise<DeliveryRef[]> {
    return [...this.deliveries.values()]
      .filter((delivery) => delivery.status === 'PENDING' && delivery.nextAttemptAt !== undefined && delivery.nextAttemptAt <= asOf.toISOString())
      .sort((a, b) => (a.nextAttemptAt ?? '').localeCompare(b.nextAttemptAt ?? ''))
      .slice(0, limit)
      .map((delivery) => ({ subscriptionId: delivery.subscriptionId, deliveryId: delivery.id }));
  }

  async listDeliveries(subscriptionId: string, { status, limit, cursor }: { status?: DeliveryStatus; limit: number; cursor?: string }): Promise<DeliveryPage> {
    const matching = [...this.deliveries.values()]
      .filter((delivery) => delivery.subscriptionId === subscriptionId && (!status || delivery.status === status))
      .sort((a, b) => b.id.localeCompare(a.id));
    const start = cursor ? matching.findIndex((delivery) => delivery.id === cursor) + 1 : 0;
    const page = matching.slice(start, start + limit);
    const last = page[page.length - 1];
    return { deliveries: page.map(clone), ...(start + limit < matching.length && last && { nextCursor: last.id }) };
  }

  /** Test helper: the only delivery of a subscription. */
  deliveryOf(subscriptionId: string): WebhookDelivery {
    const found = [...this.deliveries.values()].filter((delivery) => delivery.subscriptionId === subscriptionId);
    if (found.length !== 1) throw new Error(`Expected one delivery of ${subscriptionId}, found ${found.length}`);
    return clone(found[0] as WebhookDelivery);
  }
}

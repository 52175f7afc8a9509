/**
 * Where webhook subscriptions, deliveries and the payloads they send are kept. Every change of a
 * subscription or a delivery is conditional on what was read (its version or revision), so
 * concurrent workers and requests never overwrite each other; a lost race answers false.
 */
import type { DeliveryStatus, WebhookDelivery } from '../domain/webhooks/delivery';
import type { WebhookSubscription } from '../domain/webhooks/subscription';

export interface WebhookSubscriptionStore {
  /** Stores a new subscription (its id is new, so it cannot exist). */
  createSubscription(subscription: WebhookSubscription): Promise<void>;
  /** The subscription if it belongs to the channel; another channel's is undefined. */
  getSubscription(channelId: string, subscriptionId: string): Promise<WebhookSubscription | undefined>;
  /** Every subscription of the channel, oldest first. */
  listSubscriptions(channelId: string): Promise<WebhookSubscription[]>;
  /** Writes `subscription` if the stored one is still at `expectedVersion`; false if it changed or is gone. */
  replaceSubscription(subscription: WebhookSubscription, expectedVersion: number): Promise<boolean>;
  /** Removes it; false if there was none. */
  deleteSubscription(channelId: string, subscriptionId: string): Promise<boolean>;
}

/** A delivery's address, as the retry schedule names it. */
export interface DeliveryRef {
  readonly subscriptionId: string;
  readonly deliveryId: string;
}

export interface EventPayloadRecord {
  readonly eventId: string;
  readonly channelId: string;
  readonly eventType: string;
  /** The exact body every attempt sends and signs. */
  readonly body: string;
  readonly expiresAt: string;
}

export interface DeliveryPage {
  readonly deliveries: WebhookDelivery[];
  readonly nextCursor?: string;
}

export interface WebhookDeliveryStore {
  /**
   * Stores the event's payload and one new delivery per subscription, all or nothing, unless the
   * event was stored before: a redelivered event creates nothing (false).
   */
  createDeliveries(payload: EventPayloadRecord, deliveries: readonly WebhookDelivery[]): Promise<boolean>;
  eventPayload(eventId: string): Promise<string | undefined>;
  /** Keeps the payload at least until `expiresAt` (a redriven delivery still needs it). */
  retainEventPayload(eventId: string, expiresAt: string): Promise<void>;
  getDelivery(ref: DeliveryRef): Promise<WebhookDelivery | undefined>;
  /** Writes `delivery` (at revision + 1) if the stored one is still at `expectedRevision`; false otherwise. */
  replaceDelivery(delivery: WebhookDelivery, expectedRevision: number): Promise<boolean>;
  /** Pending deliveries due by `asOf` (or whose attempt's lease ran out), oldest due first per shard; at most `limit`. */
  dueDeliveries(asOf: Date, limit: number): Promise<DeliveryRef[]>;
  /** A subscription's deliveries, newest first, optionally only those in `status`. */
  listDeliveries(subscriptionId: string, options: { status?: DeliveryStatus; limit: number; cursor?: string }): Promise<DeliveryPage>;
}

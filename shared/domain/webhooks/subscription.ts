/**
 * A partner's webhook subscription: where a channel's events go, which ones, and the secrets that
 * sign them. Subscriptions belong to the channel of the API key that made them; only that
 * channel's events (detail.metadata.correlation.channelId) are delivered to them.
 */
import { ConflictError } from '../errors';

/** Subscribes to every event type of the channel, those added later included. */
export const allEventTypes = '*';

/** A channel's subscriptions are few (one per partner system); the fan-out writes an event's deliveries in one transaction. */
export const maxSubscriptionsPerChannel = 20;

/** How long the replaced secret still signs (next to the new one) after a rotation. */
export const secretRotationOverlapSeconds = 24 * 3600;

export type SubscriptionDisabledReason = 'ENDPOINT_GONE';

/**
 * The signing secrets as stored: sealed (encrypted), never in clear. During a rotation's overlap the
 * previous secret signs too, until `validUntil`.
 */
export interface StoredSigningSecrets {
  readonly current: string;
  readonly previous?: { readonly sealed: string; readonly validUntil: string };
}

export interface WebhookSubscription {
  readonly id: string;
  readonly channelId: string;
  readonly url: string;
  /** Detail-types of the event catalog, or ['*']. */
  readonly eventTypes: readonly string[];
  readonly description?: string;
  readonly active: boolean;
  /** Why the OMS disabled it (a 410 Gone from the endpoint); absent when a caller set `active`. */
  readonly disabledReason?: SubscriptionDisabledReason;
  readonly createdAt: string;
  readonly updatedAt: string;
  /** Optimistic locking: every change writes version + 1 if the stored one is still `version`. */
  readonly version: number;
  readonly secrets: StoredSigningSecrets;
}

export const subscribesTo = (subscription: Pick<WebhookSubscription, 'active' | 'eventTypes'>, detailType: string): boolean =>
  subscription.active && (subscription.eventTypes.includes(allEventTypes) || subscription.eventTypes.includes(detailType));

/** The sealed secrets that sign a delivery made at `now`: the current one, and the previous one while it overlaps. */
export function signingSecretsAt(secrets: StoredSigningSecrets, now: Date): string[] {
  return secrets.previous && Date.parse(secrets.previous.validUntil) > now.getTime() ? [secrets.current, secrets.previous.sealed] : [secrets.current];
}

/** A rotation: the new secret becomes current and the old one keeps signing for the overlap; an older previous one is dropped. */
export const rotatedSecrets = (secrets: StoredSigningSecrets, newSealed: string, now: Date): StoredSigningSecrets => ({
  current: newSealed,
  previous: { sealed: secrets.current, validUntil: new Date(now.getTime() + secretRotationOverlapSeconds * 1000).toISOString() },
});

export interface SubscriptionChange {
  readonly url?: string;
  readonly eventTypes?: readonly string[];
  readonly description?: string;
  readonly active?: boolean;
}

/** The subscription after a caller's change; turning it on again clears the reason the OMS turned it off. */
export function changedSubscription(subscription: WebhookSubscription, change: SubscriptionChange, now: Date): WebhookSubscription {
  const { disabledReason, ...rest } = subscription;
  const active = change.active ?? subscription.active;
  return {
    ...rest,
    ...(change.url !== undefined && { url: change.url }),
    ...(change.eventTypes !== undefined && { eventTypes: [...change.eventTypes] }),
    ...(change.description !== undefined && { description: change.description }),
    active,
    ...(!active && disabledReason && change.active === undefined && { disabledReason }),
    updatedAt: now.toISOString(),
    version: subscription.version + 1,
  };
}

/** The endpoint answered 410 Gone: the subscription is turned off until its owner turns it on again. */
export const disabledAsGone = (subscription: WebhookSubscription, now: Date): WebhookSubscription => ({
  ...subscription,
  active: false,
  disabledReason: 'ENDPOINT_GONE',
  updatedAt: now.toISOString(),
  version: subscription.version + 1,
});

export class SubscriptionChangedConcurrentlyError extends ConflictError {
  constructor(id: string) {
    super('SUBSCRIPTION_CHANGED_CONCURRENTLY', `Webhook subscription ${id} was changed by another request meanwhile; read it and try again`);
    this.retryAfterSeconds = 1;
  }
}

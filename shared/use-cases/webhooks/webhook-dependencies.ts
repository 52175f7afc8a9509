/** What the webhook use cases work with: the stores, the sealer, the sender, settings, and the clock. */
import type { WebhookDeliveryOutcome } from '../../domain/analytics/webhook-deliveries';
import type { WebhookRetryPolicy } from '../../domain/webhooks/retry-schedule';
import type { SecretSealer } from '../../ports/secret-sealer';
import type { WebhookSender } from '../../ports/webhook-sender';
import type { WebhookDeliveryStore, WebhookSubscriptionStore } from '../../ports/webhook-store';

export interface WebhookSettings {
  readonly retryPolicy: WebhookRetryPolicy;
  /** Plain HTTP to localhost may be subscribed and called: the local runtime only. */
  readonly allowLocalhost: boolean;
  /** The HTTP timeout of one attempt. */
  readonly requestTimeoutMs: number;
}

/** 10 s: within the specification's advice (15–30 s is recommended for slow receivers) yet short enough that a sweep is not held up. */
export const defaultRequestTimeoutMs = 10_000;

export interface WebhookDependencies {
  readonly subscriptions: WebhookSubscriptionStore;
  readonly deliveries: WebhookDeliveryStore;
  readonly sealer: SecretSealer;
  readonly sender: WebhookSender;
  readonly settings: WebhookSettings;
  readonly now: () => Date;
  /** In [0, 1): the backoff's jitter. */
  readonly random: () => number;
  /** A new time-ordered id (ULID). */
  readonly newId: () => string;
  /**
   * Told of every attempt and every ended delivery once written (analytics counts them for the KPI
   * report's success rates). It never throws: a count that fails is lost, the delivery is not. Absent: not counted.
   */
  readonly outcomes?: (outcome: WebhookDeliveryOutcome) => Promise<void>;
}

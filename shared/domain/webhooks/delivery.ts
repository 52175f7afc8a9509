/**
 * One delivery: an event on its way to one subscription, with every attempt's outcome, from its
 * creation to DELIVERED, DEAD_LETTERED or CANCELLED. Each change is a new record computed here;
 * the store writes it only if the record is still at the revision it was read at, so two workers
 * (the fan-out's immediate attempt and the sweeper) never both attempt or both record an outcome.
 *
 * PENDING --2xx--> DELIVERED
 * PENDING --failure within the retry window--> PENDING (nextAttemptAt = backoff or Retry-After)
 * PENDING --failure after the window--> DEAD_LETTERED --redrive--> PENDING (a new window)
 * PENDING --410 Gone, subscription off or deleted--> CANCELLED --redrive--> PENDING
 */
import { ConflictError } from '../errors';
import { afterFailedAttempt, type WebhookRetryPolicy } from './retry-schedule';

export const deliveryStatuses = ['PENDING', 'DELIVERED', 'DEAD_LETTERED', 'CANCELLED'] as const;
export type DeliveryStatus = (typeof deliveryStatuses)[number];

export type CancelReason = 'ENDPOINT_GONE' | 'SUBSCRIPTION_DISABLED' | 'SUBSCRIPTION_DELETED';

/** The response bodies kept in the log are cut to this many characters. */
export const maxLoggedResponseBodyChars = 1024;
const maxLoggedErrorChars = 500;

/** How long delivery records (and the event payloads they send) are kept; a redrive starts the period again. */
export const deliveryRetentionSeconds = 30 * 24 * 3600;

/**
 * How long an attempt owns a delivery: past the HTTP timeout and the function's own timeout, so a
 * worker that died mid-attempt leaves a delivery the sweeper picks up again once this has passed.
 */
export const attemptLeaseSeconds = 120;

export interface DeliveryAttempt {
  readonly at: string;
  readonly durationMs: number;
  /** The HTTP status, when the endpoint answered. */
  readonly responseStatus?: number;
  /** The start of the answer's body, for the log. */
  readonly responseBody?: string;
  /** Why there was no (2xx) answer: a timeout, a refused connection, a refused address, ... */
  readonly error?: string;
}

export interface WebhookDelivery {
  readonly id: string;
  readonly subscriptionId: string;
  readonly channelId: string;
  readonly eventId: string;
  readonly eventType: string;
  /** The `webhook-id` header: the same on every attempt. */
  readonly messageId: string;
  readonly status: DeliveryStatus;
  /** Bumped by every write; a write names the revision it read. */
  readonly revision: number;
  /** Attempts made, over every redrive. */
  readonly attempts: number;
  /** Attempts made since the retry window started (creation or the last redrive). */
  readonly windowAttempts: number;
  readonly windowStartedAt: string;
  readonly redrives: number;
  readonly createdAt: string;
  readonly updatedAt: string;
  /** While PENDING: when it is due (during an attempt, when the attempt's lease runs out). */
  readonly nextAttemptAt?: string;
  /** The attempt that owns the delivery until nextAttemptAt. */
  readonly leaseId?: string;
  readonly lastAttempt?: DeliveryAttempt;
  readonly deliveredAt?: string;
  readonly deadLetteredAt?: string;
  readonly cancelledAt?: string;
  readonly cancelReason?: CancelReason;
  /** When the record may be removed (DynamoDB TTL). */
  readonly expiresAt: string;
}

const later = (at: Date, seconds: number) => new Date(at.getTime() + seconds * 1000).toISOString();

/** A new delivery, due at once. */
export function newDelivery({
  id,
  subscriptionId,
  channelId,
  eventId,
  eventType,
  messageId,
  now,
}: Pick<WebhookDelivery, 'id' | 'subscriptionId' | 'channelId' | 'eventId' | 'eventType' | 'messageId'> & { now: Date }): WebhookDelivery {
  const at = now.toISOString();
  return {
    id,
    subscriptionId,
    channelId,
    eventId,
    eventType,
    messageId,
    status: 'PENDING',
    revision: 1,
    attempts: 0,
    windowAttempts: 0,
    windowStartedAt: at,
    redrives: 0,
    createdAt: at,
    updatedAt: at,
    nextAttemptAt: at,
    expiresAt: later(now, deliveryRetentionSeconds),
  };
}

/** Whether an attempt may start now: pending, and due (or its last attempt's lease ran out). */
export const isDue = (delivery: WebhookDelivery, now: Date): boolean =>
  delivery.status === 'PENDING' && delivery.nextAttemptAt !== undefined && Date.parse(delivery.nextAttemptAt) <= now.getTime();

/** The delivery owned by an attempt: counted before it is made, since a worker may die after the request left. */
export const claimedDelivery = (delivery: WebhookDelivery, { leaseId, now }: { leaseId: string; now: Date }): WebhookDelivery => ({
  ...delivery,
  revision: delivery.revision + 1,
  attempts: delivery.attempts + 1,
  windowAttempts: delivery.windowAttempts + 1,
  nextAttemptAt: later(now, attemptLeaseSeconds),
  leaseId,
  updatedAt: now.toISOString(),
});

const truncate = (text: string | undefined, max: number) => (text === undefined || text.length <= max ? text : `${text.slice(0, max)}…`);

export const loggedAttempt = (attempt: DeliveryAttempt): DeliveryAttempt => ({
  ...attempt,
  ...(attempt.responseBody !== undefined && { responseBody: truncate(attempt.responseBody, maxLoggedResponseBodyChars) }),
  ...(attempt.error !== undefined && { error: truncate(attempt.error, maxLoggedErrorChars) }),
});

/** Settled: no longer pending, so out of the retry schedule. */
const settled = (delivery: WebhookDelivery, now: Date): WebhookDelivery => {
  const { nextAttemptAt: _due, leaseId: _lease, ...rest } = delivery;
  return { ...rest, revision: delivery.revision + 1, updatedAt: now.toISOString() };
};

export const deliveredDelivery = (delivery: WebhookDelivery, attempt: DeliveryAttempt, now: Date): WebhookDelivery => ({
  ...settled(delivery, now),
  status: 'DELIVERED',
  lastAttempt: loggedAttempt(attempt),
  deliveredAt: attempt.at,
});

/** After a failed attempt: pending again, due at the next step's time, or dead-lettered once the window has passed. */
export function failedDelivery(
  delivery: WebhookDelivery,
  attempt: DeliveryAttempt,
  { policy, retryAfterSeconds, random, now }: { policy: WebhookRetryPolicy; retryAfterSeconds?: number; random: () => number; now: Date },
): WebhookDelivery {
  const next = afterFailedAttempt({
    policy,
    windowStartedAt: new Date(delivery.windowStartedAt),
    attemptedAt: new Date(attempt.at),
    failedAttemptsInWindow: delivery.windowAttempts,
    ...(retryAfterSeconds !== undefined && { retryAfterSeconds }),
    random,
  });
  if (next.kind === 'dead-letter') return { ...settled(delivery, now), status: 'DEAD_LETTERED', lastAttempt: loggedAttempt(attempt), deadLetteredAt: now.toISOString() };
  const { leaseId: _lease, ...rest } = delivery;
  return { ...rest, revision: delivery.revision + 1, updatedAt: now.toISOString(), lastAttempt: loggedAttempt(attempt), nextAttemptAt: next.at.toISOString() };
}

/** Dead-lettered without an attempt: its payload is gone, or it outlived its window (a worker kept dying mid-attempt). */
export const deadLetteredDelivery = (delivery: WebhookDelivery, error: string, now: Date): WebhookDelivery => ({
  ...settled(delivery, now),
  status: 'DEAD_LETTERED',
  lastAttempt: { at: now.toISOString(), durationMs: 0, error },
  deadLetteredAt: now.toISOString(),
});

export const cancelledDelivery = (delivery: WebhookDelivery, reason: CancelReason, now: Date, attempt?: DeliveryAttempt): WebhookDelivery => ({
  ...settled(delivery, now),
  status: 'CANCELLED',
  cancelReason: reason,
  cancelledAt: now.toISOString(),
  ...(attempt && { lastAttempt: loggedAttempt(attempt) }),
});

export const redrivableStatuses: readonly DeliveryStatus[] = ['DEAD_LETTERED', 'CANCELLED'];

/** A dead-lettered or cancelled delivery goes back on the schedule, due now, with a new retry window and retention. */
export function redrivenDelivery(delivery: WebhookDelivery, now: Date): WebhookDelivery {
  if (!redrivableStatuses.includes(delivery.status)) {
    throw new ConflictError('DELIVERY_NOT_REDRIVABLE', `Delivery ${delivery.id} is ${delivery.status}; only dead-lettered or cancelled deliveries can be redriven`);
  }
  const { deadLetteredAt: _dead, cancelledAt: _cancelled, cancelReason: _reason, ...rest } = delivery;
  const at = now.toISOString();
  return {
    ...rest,
    status: 'PENDING',
    revision: delivery.revision + 1,
    windowAttempts: 0,
    windowStartedAt: at,
    redrives: delivery.redrives + 1,
    nextAttemptAt: at,
    updatedAt: at,
    expiresAt: later(now, deliveryRetentionSeconds),
  };
}

/**
 * Whether a pending delivery outlived its retry window by more than the longest wait: only
 * possible when attempts kept dying before they could record an outcome.
 */
export const outlivedRetryWindow = (delivery: WebhookDelivery, policy: WebhookRetryPolicy, now: Date): boolean =>
  now.getTime() - Date.parse(delivery.windowStartedAt) > (policy.retryWindowSeconds + Math.max(policy.maxDelaySeconds, policy.maxRetryAfterSeconds) + attemptLeaseSeconds) * 1000;

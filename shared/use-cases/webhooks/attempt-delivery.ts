/**
 * One attempt of one delivery, the single code path of the fan-out's immediate attempt and of the
 * retry sweeper: claim it (so no other worker attempts it meanwhile), sign the stored payload with
 * every valid secret, POST it, and record what happened: delivered, retry later, dead letter, or,
 * on 410 Gone, the subscription turned off and its pending deliveries cancelled. What was recorded
 * (the attempt, how the delivery ended) is then told to analytics for the delivery success rates.
 */
import {
  cancelledDelivery,
  claimedDelivery,
  deadLetteredDelivery,
  deliveredDelivery,
  failedDelivery,
  isDue,
  outlivedRetryWindow,
  type DeliveryAttempt,
  type WebhookDelivery,
} from '../../domain/webhooks/delivery';
import { classifyResponseStatus, parseRetryAfter } from '../../domain/webhooks/retry-schedule';
import { signedWebhookHeaders } from '../../domain/webhooks/signing';
import { disabledAsGone, signingSecretsAt, type WebhookSubscription } from '../../domain/webhooks/subscription';
import type { WebhookDeliveryOutcome } from '../../domain/analytics/webhook-deliveries';
import type { DeliveryRef } from '../../ports/webhook-store';
import { cancelPendingDeliveries } from './cancel-pending-deliveries';
import { secretContext } from './manage-subscriptions';
import type { WebhookDependencies } from './webhook-dependencies';

export type AttemptOutcome =
  | 'delivered'
  | 'retrying'
  | 'dead-lettered'
  | 'cancelled'
  | 'endpoint-gone'
  /** Not due (any more): attempted, redriven or cancelled by someone else first. */
  | 'not-due'
  /** Another worker changed the delivery between our read and our write. */
  | 'superseded';

export const deliveryRefOf = (delivery: WebhookDelivery): DeliveryRef => ({ subscriptionId: delivery.subscriptionId, deliveryId: delivery.id });

export async function attemptDelivery(ref: DeliveryRef, deps: WebhookDependencies): Promise<AttemptOutcome> {
  const readAt = deps.now();
  const stored = await deps.deliveries.getDelivery(ref);
  if (!stored || !isDue(stored, readAt)) return 'not-due';
  const write = async (next: WebhookDelivery, expectedRevision: number) => deps.deliveries.replaceDelivery(next, expectedRevision);
  // Counted only once written: of two workers racing, only the one whose write won counts its outcome.
  const writeCounted = async (next: WebhookDelivery, expectedRevision: number, change: Pick<WebhookDeliveryOutcome, 'attempt' | 'settled'>) => {
    if (!(await write(next, expectedRevision))) return false;
    await deps.outcomes?.({ deliveryId: next.id, revision: next.revision, channelId: next.channelId, at: next.updatedAt, ...change });
    return true;
  };

  const subscription = await deps.subscriptions.getSubscription(stored.channelId, stored.subscriptionId);
  if (!subscription?.active) {
    const cancelled = cancelledDelivery(stored, subscription ? 'SUBSCRIPTION_DISABLED' : 'SUBSCRIPTION_DELETED', readAt);
    return (await write(cancelled, stored.revision)) ? 'cancelled' : 'superseded';
  }
  if (outlivedRetryWindow(stored, deps.settings.retryPolicy, readAt)) {
    const dead = deadLetteredDelivery(stored, 'The retry window passed without an attempt that finished', readAt);
    return (await writeCounted(dead, stored.revision, { settled: 'dead-lettered' })) ? 'dead-lettered' : 'superseded';
  }

  const claimed = claimedDelivery(stored, { leaseId: deps.newId(), now: readAt });
  if (!(await write(claimed, stored.revision))) return 'superseded';

  const body = await deps.deliveries.eventPayload(claimed.eventId);
  if (body === undefined) {
    const dead = deadLetteredDelivery(claimed, 'The event payload is no longer kept', deps.now());
    return (await writeCounted(dead, claimed.revision, { settled: 'dead-lettered' })) ? 'dead-lettered' : 'superseded';
  }
  const sentAt = deps.now();
  const secrets = await Promise.all(signingSecretsAt(subscription.secrets, sentAt).map((sealed) => deps.sealer.open(sealed, secretContext(subscription.id))));
  const headers = signedWebhookHeaders({ messageId: claimed.messageId, sentAt, body, secrets });
  const response = await deps.sender.send({ url: subscription.url, headers: { ...headers }, body, timeoutMs: deps.settings.requestTimeoutMs });
  const finishedAt = deps.now();
  const attempt: DeliveryAttempt = {
    at: sentAt.toISOString(),
    durationMs: Math.max(0, finishedAt.getTime() - sentAt.getTime()),
    ...(response.kind === 'response' ? { responseStatus: response.status, responseBody: response.bodyExcerpt } : { error: response.error }),
  };

  const verdict = response.kind === 'response' ? classifyResponseStatus(response.status) : 'failed';
  if (verdict === 'delivered') return (await writeCounted(deliveredDelivery(claimed, attempt, finishedAt), claimed.revision, { attempt: 'succeeded', settled: 'delivered' })) ? 'delivered' : 'superseded';
  if (verdict === 'gone') {
    const recorded = await writeCounted(cancelledDelivery(claimed, 'ENDPOINT_GONE', finishedAt, attempt), claimed.revision, { attempt: 'failed', settled: 'endpoint-gone' });
    await turnOffGoneSubscription(subscription, deps);
    return recorded ? 'endpoint-gone' : 'superseded';
  }
  const next = failedDelivery(claimed, attempt, {
    policy: deps.settings.retryPolicy,
    ...(response.kind === 'response' && { retryAfterSeconds: parseRetryAfter(response.retryAfter, finishedAt) }),
    random: deps.random,
    now: finishedAt,
  });
  if (!(await writeCounted(next, claimed.revision, { attempt: 'failed', ...(next.status === 'DEAD_LETTERED' && { settled: 'dead-lettered' }) }))) return 'superseded';
  return next.status === 'DEAD_LETTERED' ? 'dead-lettered' : 'retrying';
}

/**
 * 410 Gone: the partner wants nothing more at this URL, so the subscription is turned off (it can
 * be turned on again) and its pending deliveries are cancelled. If its owner pointed it elsewhere
 * meanwhile, the answer was about the old URL and the subscription is left as it is.
 */
async function turnOffGoneSubscription(called: WebhookSubscription, deps: WebhookDependencies): Promise<void> {
  let current: WebhookSubscription | undefined = called;
  for (let attempt = 0; attempt < 3 && current?.active && current.url === called.url; attempt++) {
    if (await deps.subscriptions.replaceSubscription(disabledAsGone(current, deps.now()), current.version)) {
      await cancelPendingDeliveries(called.id, 'ENDPOINT_GONE', deps);
      return;
    }
    current = await deps.subscriptions.getSubscription(called.channelId, called.id);
  }
}

export interface AttemptsSummary {
  readonly outcomes: Partial<Record<AttemptOutcome, number>>;
  /** Attempts that failed on our side (a store or key error); the delivery stays due and is retried. */
  readonly errors: readonly unknown[];
}

/**
 * Attempts deliveries `concurrency` at a time (different partners do not wait for each other's
 * timeouts). `shouldStop` is asked before each one: what is left is found by the next sweep.
 */
export async function attemptDeliveries(
  refs: readonly DeliveryRef[],
  deps: WebhookDependencies,
  { concurrency, shouldStop = () => false }: { concurrency: number; shouldStop?: () => boolean },
): Promise<AttemptsSummary> {
  const queue = [...refs];
  const outcomes: Partial<Record<AttemptOutcome, number>> = {};
  const errors: unknown[] = [];
  const worker = async () => {
    for (let ref = queue.shift(); ref && !shouldStop(); ref = queue.shift()) {
      try {
        const outcome = await attemptDelivery(ref, deps);
        outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
      } catch (error) {
        errors.push(error);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, queue.length) }, worker));
  return { outcomes, errors };
}

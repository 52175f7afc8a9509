/**
 * The retry sweeper: every minute, the deliveries whose next attempt is due (found through the
 * sparse schedule index, never a scan) are attempted again. A delivery is due after its backoff,
 * its partner's Retry-After, a redrive, or when an attempt's lease ran out (its worker died).
 */
import { attemptDeliveries, type AttemptOutcome } from './attempt-delivery';
import type { WebhookDependencies } from './webhook-dependencies';

export interface DeliverDueWebhooksOptions {
  /** Deliveries taken per run; what is left is found by the next run. */
  readonly maxDeliveries?: number;
  /** Attempts in flight at once: a slow partner (up to the HTTP timeout) does not hold up the others. */
  readonly concurrency?: number;
  /** Asked before each attempt; true leaves the rest to the next run (the function is near its timeout). */
  readonly shouldStop?: () => boolean;
}

export interface DeliverDueWebhooksSummary {
  readonly due: number;
  readonly outcomes: Partial<Record<AttemptOutcome, number>>;
  /** Whether the run stopped at maxDeliveries, so more may be due. */
  readonly more: boolean;
}

export class DueWebhooksNotAttemptedError extends AggregateError {
  override name = 'DueWebhooksNotAttemptedError';
}

export async function deliverDueWebhooks(
  deps: WebhookDependencies,
  { maxDeliveries = 500, concurrency = 16, shouldStop }: DeliverDueWebhooksOptions = {},
): Promise<DeliverDueWebhooksSummary> {
  const due = await deps.deliveries.dueDeliveries(deps.now(), maxDeliveries);
  const { outcomes, errors } = await attemptDeliveries(due, deps, { concurrency, ...(shouldStop && { shouldStop }) });
  if (errors.length > 0) {
    // The others were attempted; these stay due (or leased) and the next run takes them again.
    throw new DueWebhooksNotAttemptedError(errors, `${errors.length} of ${due.length} due webhook deliveries failed on our side; the next run retries them`);
  }
  return { due: due.length, outcomes, more: due.length >= maxDeliveries };
}

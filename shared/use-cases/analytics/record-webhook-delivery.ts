/**
 * Counts a partner webhook delivery's outcome (an attempt, a delivery that ended) in the analytics
 * counters, once per change of the delivery: its dedup marker is the delivery and the revision the
 * outcome was written at, committed with the counters, so a retried count adds nothing.
 */
import { channelsOf } from '../../domain/analytics/analytics-increments';
import { webhookOutcomeId, webhookOutcomeIncrements, type WebhookDeliveryOutcome } from '../../domain/analytics/webhook-deliveries';
import type { AnalyticsStore, CommitOutcome } from '../../ports/analytics-store';

export async function recordWebhookDelivery(outcome: WebhookDeliveryOutcome, { store }: { readonly store: AnalyticsStore }): Promise<CommitOutcome | 'not-counted'> {
  const counters = webhookOutcomeIncrements(outcome);
  if (counters.length === 0) return 'not-counted';
  return store.commit({ eventId: webhookOutcomeId(outcome), entityCount: 0, entityWrites: [], entityCounters: [], counters, channels: channelsOf(counters) });
}

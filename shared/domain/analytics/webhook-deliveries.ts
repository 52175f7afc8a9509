/**
 * Partner webhook deliveries as analytics counters. Deliveries are records of the webhooks area, not
 * events; its delivery code tells analytics of every attempt it recorded and of every delivery that
 * ended, right after writing them, and these counters add up to the KPI report's success rates.
 */
import { withRollups, type CounterIncrement } from './analytics-increments';
import { hourOf } from './time-buckets';

export interface WebhookDeliveryOutcome {
  readonly deliveryId: string;
  /** The delivery's revision this outcome was written at: one change of the delivery, counted once. */
  readonly revision: number;
  readonly channelId: string;
  /** When it was written: the attempt's end, or when the delivery was given up. */
  readonly at: string;
  /** The attempt made, if one was: whether the endpoint took it (2xx). */
  readonly attempt?: 'succeeded' | 'failed';
  /** How the delivery ended, if it did: delivered, given up (dead-lettered), or the endpoint answered 410 Gone. */
  readonly settled?: 'delivered' | 'dead-lettered' | 'endpoint-gone';
}

/** The dedup id of an outcome: a retried count of the same change adds nothing. */
export const webhookOutcomeId = ({ deliveryId, revision }: WebhookDeliveryOutcome): string => `webhook-delivery:${deliveryId}:${revision}`;

const settledCounters = { delivered: 'webhookDelivered', 'dead-lettered': 'webhookDeadLettered', 'endpoint-gone': 'webhookEndpointGone' } as const;

/** The counters of an outcome, in the channel's hour it was written (and their rollups). */
export function webhookOutcomeIncrements(outcome: WebhookDeliveryOutcome): CounterIncrement[] {
  const counters: Record<string, number> = {};
  if (outcome.attempt !== undefined) counters.webhookAttempts = 1;
  if (outcome.attempt === 'failed') counters.webhookAttemptsFailed = 1;
  if (outcome.settled !== undefined) counters[settledCounters[outcome.settled]] = 1;
  if (Object.keys(counters).length === 0) return [];
  return withRollups([{ target: { kind: 'channel', channel: outcome.channelId, hour: hourOf(outcome.at) }, counters }]);
}

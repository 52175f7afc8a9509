/**
 * Adds a domain event to the analytics counters, once per event id, whatever the order events come in.
 *
 * The event's own counters and the facts it adds to its entities (a shipment's promise date or
 * delivery, an order's shipments) are committed together with the event's dedup marker. When two
 * events about the same entity are recorded at the same time, the second commit finds the entity
 * changed since it read it, and is read and tried again, so each join counter is added exactly once.
 * What a delivery newly counted is also published as business metrics; a duplicate publishes nothing.
 */
import { applyToEntities, channelsOf, entityId, incrementsOf, type AnalyticsEvent, type EntityFacts } from '../../domain/analytics/analytics-increments';
import { businessMetricsOf } from '../../domain/analytics/business-metrics';
import type { AnalyticsStore, CommitOutcome } from '../../ports/analytics-store';
import type { BusinessMetrics } from '../../ports/business-metrics';

/**
 * Older events are not counted: their dedup marker may have expired (after 30 days), so a replay of
 * the bus archive could count them twice. EventBridge itself gives up on an event after a day.
 */
export const maxEventAgeMs = 25 * 86_400_000;
const maxAttempts = 10;

export interface AnalyticsRecordingDependencies {
  readonly store: AnalyticsStore;
  readonly now: () => Date;
  /** Told what was newly counted (orders placed, shipped, ...), never about a duplicate. */
  readonly metrics?: BusinessMetrics;
}

export interface AnalyticsRecordingSummary {
  readonly eventId: string;
  readonly outcome: Exclude<CommitOutcome, 'conflict'> | 'not-counted' | 'stale';
  readonly attempts: number;
}

export class AnalyticsConflictError extends Error {
  override name = 'AnalyticsConflictError';
}

export async function recordAnalyticsEvent(event: AnalyticsEvent, { store, now, metrics }: AnalyticsRecordingDependencies): Promise<AnalyticsRecordingSummary> {
  const { eventId, occurredAt } = event.metadata;
  if (now().getTime() - Date.parse(occurredAt) > maxEventAgeMs) return { eventId, outcome: 'stale', attempts: 0 };
  const increments = incrementsOf(event);
  if (increments.counters.length === 0 && increments.entities.length === 0) return { eventId, outcome: 'not-counted', attempts: 0 };

  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    const read = await store.readEntities(increments.entities);
    const facts = new Map<string, EntityFacts | undefined>([...read].map(([id, versioned]) => [id, versioned.facts]));
    const changes = applyToEntities(event, facts);
    const outcome = await store.commit({
      eventId,
      entityCount: increments.entities.length,
      entityWrites: changes.writes.map(({ key, facts: next }) => ({ key, facts: next, expectedVersion: read.get(entityId(key))?.version ?? 0 })),
      entityCounters: changes.counters,
      counters: increments.counters,
      channels: channelsOf([...increments.counters, ...changes.counters]),
    });
    // Only what this delivery added: a redelivered event (a duplicate) emits nothing.
    if (outcome === 'recorded') metrics?.publish(businessMetricsOf(event, changes.counters));
    if (outcome !== 'conflict') return { eventId, outcome, attempts: attempt };
  }
  // The invocation fails and EventBridge delivers the event again later.
  throw new AnalyticsConflictError(`Event ${eventId}: its entities kept changing over ${maxAttempts} attempts`);
}

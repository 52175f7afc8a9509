/**
 * The one way the OMS publishes a domain event: the data is validated against its catalog schema
 * and wrapped in the envelope (event id, version, time, correlation) before it reaches the bus.
 * Publishing an event that breaks its own contract is a programming error, so it throws.
 */
import { ulid } from 'ulid';
import type { EventTransport, OutgoingEvent } from '../ports/event-transport';
import type { EventCorrelation, EventData, EventDefinition, EventDetail } from './define-event';

export interface PublishOptions {
  readonly correlation?: EventCorrelation;
  /**
   * A stable id for this business fact (e.g. `<orderId>:OrderPlaced`). A retried step then publishes
   * the same id and consumers drop the duplicate; without it a fresh id is generated.
   */
  readonly eventId?: string;
  readonly occurredAt?: Date;
}

export interface PendingEvent {
  readonly definition: EventDefinition;
  readonly data: unknown;
  readonly options?: PublishOptions;
}

export class InvalidEventError extends Error {
  override name = 'InvalidEventError';
}

/** Builds a pending event with its data type checked against the definition at compile time. */
export const domainEvent = <Definition extends EventDefinition>(
  definition: Definition,
  data: EventData<Definition>,
  options?: PublishOptions,
): PendingEvent => ({ definition, data, ...(options && { options }) });

export function toOutgoingEvent({ definition, data, options = {} }: PendingEvent, now: () => Date = () => new Date()): OutgoingEvent {
  const parsed = definition.data.safeParse(data);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(data)'}: ${issue.message}`).join('; ');
    throw new InvalidEventError(`${definition.detailType} v${definition.version} breaks its contract: ${problems}`);
  }
  const detail: EventDetail = {
    metadata: {
      eventId: options.eventId ?? `evt_${ulid()}`,
      eventVersion: definition.version,
      occurredAt: (options.occurredAt ?? now()).toISOString(),
      correlation: options.correlation ?? {},
    },
    data: parsed.data,
  };
  return { source: definition.source, detailType: definition.detailType, detail: JSON.stringify(detail) };
}

export interface EventPublisher {
  publish(...events: readonly PendingEvent[]): Promise<void>;
}

export function eventPublisher(transport: EventTransport, now: () => Date = () => new Date()): EventPublisher {
  return {
    async publish(...events) {
      if (events.length === 0) return;
      // Every event is validated before any is sent: a bad one must not leave half a batch published.
      const outgoing = events.map((event) => toOutgoingEvent(event, now));
      await transport.send(outgoing);
    },
  };
}

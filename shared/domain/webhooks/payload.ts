/**
 * The body partners receive: the Standard Webhooks payload shape (`type`, `timestamp`, `data`) with
 * the event's id, source, version and correlation beside it. Serialized once per event and stored,
 * so every attempt (and every redrive) sends, and signs, the very same bytes.
 */
import type { EventMetadata } from '../../events/define-event';

/** A domain event as it left the bus. */
export interface BusEvent {
  readonly source: string;
  readonly detailType: string;
  readonly metadata: EventMetadata;
  readonly data: unknown;
}

export interface WebhookPayload {
  readonly id: string;
  readonly type: string;
  readonly source: string;
  readonly version: number;
  /** When the business fact happened (each attempt's own time is the webhook-timestamp header). */
  readonly timestamp: string;
  readonly correlation: EventMetadata['correlation'];
  readonly data: unknown;
}

export const webhookPayloadOf = (event: BusEvent): WebhookPayload => ({
  id: event.metadata.eventId,
  type: event.detailType,
  source: event.source,
  version: event.metadata.eventVersion,
  timestamp: event.metadata.occurredAt,
  correlation: event.metadata.correlation,
  data: event.data,
});

/** The body as sent: minified JSON, as the specification recommends. */
export const webhookBodyOf = (event: BusEvent): string => JSON.stringify(webhookPayloadOf(event));

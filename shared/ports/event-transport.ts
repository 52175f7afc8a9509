/** One event as it is handed to the bus: EventBridge's PutEvents entry, minus the bus name. */
export interface OutgoingEvent {
  readonly source: string;
  readonly detailType: string;
  /** The JSON of the event's detail (metadata + data). */
  readonly detail: string;
}

/**
 * Sends validated events to the bus. An implementation either delivers every event or throws, so a
 * caller's retry (a Lambda retry, a Step Functions Retry) delivers what was missed; consumers dedup
 * on the event id.
 */
export interface EventTransport {
  send(events: readonly OutgoingEvent[]): Promise<void>;
}

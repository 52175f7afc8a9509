import type { EventDetail } from '../../../shared/events/define-event';
import type { EventTransport, OutgoingEvent } from '../../../shared/ports/event-transport';

/** Keeps every event sent, parsed, so tests can assert on what was published. */
export class RecordingEventTransport implements EventTransport {
  readonly sent: OutgoingEvent[] = [];

  async send(events: readonly OutgoingEvent[]): Promise<void> {
    this.sent.push(...events);
  }

  /** The events of one detail-type, in publishing order. */
  ofType<Data = Record<string, unknown>>(detailType: string): EventDetail<Data>[] {
    return this.sent.filter((event) => event.detailType === detailType).map((event) => JSON.parse(event.detail) as EventDetail<Data>);
  }

  get detailTypes(): string[] {
    return this.sent.map((event) => event.detailType);
  }
}

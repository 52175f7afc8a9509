import { EventBridgeClient, PutEventsCommand, type PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import type { EventTransport, OutgoingEvent } from '../../ports/event-transport';

/** PutEvents takes at most 10 entries per call. */
const maxEntriesPerCall = 10;
/** Entries that failed with a throttling or internal error are sent again this many times. */
const maxAttempts = 4;

let client: EventBridgeClient | undefined;
/** One client per process; AWS_ENDPOINT_URL_EVENTBRIDGE points it at the local bus. */
const eventBridgeClient = () => (client ??= new EventBridgeClient({ maxAttempts: 5 }));

export class EventDeliveryError extends Error {
  override name = 'EventDeliveryError';
}

/**
 * Sends events to the bus with PutEvents. PutEvents can accept some entries of a call and refuse
 * others; the refused ones are sent again (with backoff), and if any is still refused the call
 * throws, so the caller's retry republishes (consumers dedup on the event id).
 */
export function eventBridgeTransport(eventBusName: string, sdk: EventBridgeClient = eventBridgeClient()): EventTransport {
  return {
    async send(events: readonly OutgoingEvent[]) {
      for (let start = 0; start < events.length; start += maxEntriesPerCall) {
        let pending: PutEventsRequestEntry[] = events.slice(start, start + maxEntriesPerCall).map((event) => ({
          EventBusName: eventBusName,
          Source: event.source,
          DetailType: event.detailType,
          Detail: event.detail,
        }));
        for (let attempt = 1; pending.length > 0; attempt++) {
          const response = await sdk.send(new PutEventsCommand({ Entries: pending }));
          if (!response.FailedEntryCount) break;
          const entries = response.Entries ?? [];
          const failed = pending.filter((_, index) => entries[index]?.ErrorCode !== undefined);
          if (attempt >= maxAttempts) {
            const reasons = [...new Set(entries.map((entry) => entry.ErrorCode).filter(Boolean))].join(', ');
            throw new EventDeliveryError(`${failed.length} of ${pending.length} events were not accepted by ${eventBusName} (${reasons})`);
          }
          pending = failed;
          await new Promise((resolve) => setTimeout(resolve, Math.random() * 50 * 2 ** attempt));
        }
      }
    },
  };
}

import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { eventBridgeTransport, EventDeliveryError } from '../../../shared/adapters/eventbridge/eventbridge-transport';
import { domainEvent, eventPublisher, InvalidEventError } from '../../../shared/events/event-publisher';
import { eventDetailSchema } from '../../../shared/events/define-event';
import { OutOfStock } from '../../../shared/events/catalog/stock-events';
import { RecordingEventTransport } from '../fakes/recording-event-transport';

const outOfStock = { sku: 'SKU-1', locationId: 'dc-berlin', onHand: 3, reserved: 3, safetyStock: 0, available: 0, stockVersion: 7 };

describe('event publisher', () => {
  it('wraps valid data in the envelope with id, version, time and correlation', async () => {
    // Prepare
    const transport = new RecordingEventTransport();
    const publisher = eventPublisher(transport, () => new Date('2026-11-23T10:00:00Z'));

    // Act
    await publisher.publish(domainEvent(OutOfStock, outOfStock, { eventId: 'evt-1', correlation: { orderId: 'ord_1' } }));

    // Assess
    expect(transport.sent).toHaveLength(1);
    expect(transport.sent[0]).toMatchObject({ source: 'oms.inventory', detailType: 'OutOfStock' });
    const detail = eventDetailSchema(OutOfStock).parse(JSON.parse(transport.sent[0]?.detail ?? '{}'));
    expect(detail.metadata).toEqual({ eventId: 'evt-1', eventVersion: 1, occurredAt: '2026-11-23T10:00:00.000Z', correlation: { orderId: 'ord_1' } });
    expect(detail.data).toEqual(outOfStock);
  });

  it('generates a fresh event id when the caller gives none', async () => {
    const transport = new RecordingEventTransport();
    await eventPublisher(transport).publish(domainEvent(OutOfStock, outOfStock), domainEvent(OutOfStock, outOfStock));
    const ids = transport.ofType('OutOfStock').map((event) => event.metadata.eventId);
    expect(new Set(ids).size).toBe(2);
  });

  it('refuses data that breaks the contract and sends nothing of the batch', async () => {
    const transport = new RecordingEventTransport();
    const invalid = { ...outOfStock, available: -1 };
    await expect(
      eventPublisher(transport).publish(domainEvent(OutOfStock, outOfStock), domainEvent(OutOfStock, invalid)),
    ).rejects.toThrow(InvalidEventError);
    expect(transport.sent).toHaveLength(0);
  });
});

describe('EventBridge transport', () => {
  const eventBridge = mockClient(EventBridgeClient);
  beforeEach(() => eventBridge.reset());
  const events = Array.from({ length: 12 }, (_, index) => ({ source: 'oms.test', detailType: 'Tested', detail: JSON.stringify({ index }) }));

  it('sends at most 10 entries per PutEvents call, to the named bus', async () => {
    eventBridge.on(PutEventsCommand).resolves({ FailedEntryCount: 0, Entries: [] });
    await eventBridgeTransport('oms-events', new EventBridgeClient({})).send(events);
    const calls = eventBridge.commandCalls(PutEventsCommand);
    expect(calls.map((call) => call.args[0].input.Entries?.length)).toEqual([10, 2]);
    expect(calls[0]?.args[0].input.Entries?.[0]).toMatchObject({ EventBusName: 'oms-events', Source: 'oms.test', DetailType: 'Tested' });
  });

  it('sends again only the entries PutEvents refused', async () => {
    eventBridge
      .on(PutEventsCommand)
      .resolvesOnce({ FailedEntryCount: 1, Entries: [{ EventId: 'a' }, { ErrorCode: 'ThrottlingException' }] })
      .resolves({ FailedEntryCount: 0, Entries: [{ EventId: 'b' }] });
    await eventBridgeTransport('oms-events', new EventBridgeClient({})).send(events.slice(0, 2));
    const retried = eventBridge.commandCalls(PutEventsCommand)[1]?.args[0].input.Entries;
    expect(retried).toHaveLength(1);
    expect(retried?.[0]?.Detail).toBe(JSON.stringify({ index: 1 }));
  });

  it('throws when an entry is still refused after its retries, so the caller retries', async () => {
    eventBridge.on(PutEventsCommand).resolves({ FailedEntryCount: 1, Entries: [{ ErrorCode: 'InternalFailure' }] });
    await expect(eventBridgeTransport('oms-events', new EventBridgeClient({})).send(events.slice(0, 1))).rejects.toThrow(EventDeliveryError);
  });
});

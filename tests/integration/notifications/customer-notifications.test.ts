/**
 * Customer notifications end to end on the local runtime: an order runs its lifecycle, the
 * notification rule routes its events to the function, and the sandbox sender's outbox
 * (GET /dev/outbox) shows what the customer was sent, each message once.
 */
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { describe, expect, inject, it } from 'vitest';
import { ShipmentStatusChanged } from '../../../shared/events/catalog/order-events';
import { domainEvent, toOutgoingEvent } from '../../../shared/events/event-publisher';
import { apiUrl } from '../api-client';
import { placeOrder, stockedSku, uniqueId, waitForStatus } from '../lifecycle/lifecycle-api';

interface OutboxMessage {
  readonly channel: 'email' | 'sms';
  readonly to: string;
  readonly template: string;
  readonly locale: string;
  readonly subject?: string;
  readonly text: string;
  readonly orderId: string;
  readonly eventId: string;
}

async function outbox(query: Record<string, string>): Promise<OutboxMessage[]> {
  const response = await fetch(`${apiUrl()}/dev/outbox?${new URLSearchParams(query)}`);
  expect(response.status).toBe(200);
  return ((await response.json()) as { items: OutboxMessage[] }).items;
}

/** Polls the outbox until `done` holds for the order's messages (they are sent after the events, asynchronously). */
async function waitForOutbox(orderId: string, done: (messages: OutboxMessage[]) => boolean, timeoutMs = 20_000): Promise<OutboxMessage[]> {
  const deadline = Date.now() + timeoutMs;
  let messages: OutboxMessage[] = [];
  while (Date.now() < deadline) {
    messages = await outbox({ orderId });
    if (done(messages)) return messages;
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  throw new Error(`The outbox of ${orderId} did not get there in ${timeoutMs} ms: ${JSON.stringify(messages.map(({ channel, template }) => `${template}/${channel}`))}`);
}

const sentOnce = (messages: readonly OutboxMessage[]) => messages.map(({ template, channel }) => `${template}/${channel}`).sort();

async function orderPlacedEventOf(orderId: string) {
  const response = await fetch(`${apiUrl()}/dev/events?${new URLSearchParams({ source: 'oms.orders', detailType: 'OrderPlaced' })}`);
  const { items } = (await response.json()) as { items: { source: string; detailType: string; detail: { metadata: { correlation: { orderId?: string } }; data: { order: unknown } } }[] };
  const event = items.find((item) => item.detail.metadata.correlation.orderId === orderId);
  if (!event) throw new Error(`No OrderPlaced event of ${orderId} on the bus`);
  return event;
}

describe('customer notifications', () => {
  it('sends the confirmation, shipped and delivered messages by email and SMS, in the customer’s language, each once', async () => {
    // Prepare
    const sku = await stockedSku('notify', { 'wh-leipzig': 5 });
    const email = `${uniqueId('notify')}@example.com`;
    const customer = { id: uniqueId('cust'), email, name: 'Ada Lovelace', phone: '+4915112345678', locale: 'de-DE' };

    // Act
    const placed = await placeOrder({ lines: [{ sku, quantity: 1 }], overrides: { customer } });
    await waitForStatus(placed.id, 'COMPLETED');
    const messages = await waitForOutbox(placed.id, (found) => found.filter((message) => message.template === 'delivered').length === 2);

    // Assess
    expect(sentOnce(messages)).toEqual([
      'delivered/email',
      'delivered/sms',
      'order-confirmation/email',
      'order-confirmation/sms',
      'shipment-shipped/email',
      'shipment-shipped/sms',
    ]);
    for (const message of messages) expect(message).toMatchObject({ orderId: placed.id, locale: 'de', to: message.channel === 'email' ? email : '+4915112345678' });
    const shipped = messages.find((message) => message.template === 'shipment-shipped' && message.channel === 'email');
    expect(shipped?.subject).toMatch(/^Ihre Bestellung .+ ist unterwegs$/);
    expect(shipped?.text).toMatch(/Sendung verfolgen: https:\/\/sandbox-carrier\.oms\.invalid\/track\/OMSP\d{11}/);
    expect((await outbox({ to: email })).map((message) => message.orderId)).toEqual([placed.id, placed.id, placed.id]);
  });

  it('sends nothing again when EventBridge delivers an event a second time', async () => {
    // Prepare
    const sku = await stockedSku('notify-again', { 'wh-munich': 5 });
    const customer = { id: uniqueId('cust'), email: `${uniqueId('again')}@example.com` };
    const placed = await placeOrder({ lines: [{ sku, quantity: 1 }], overrides: { customer }, metadata: { 'sandbox.wms': 'manual' } });
    await waitForOutbox(placed.id, (found) => found.some((message) => message.template === 'order-confirmation'));
    const orderPlaced = await orderPlacedEventOf(placed.id);
    // A fresh event in the same put: once its message is in the outbox, the bus has delivered the batch.
    const sentinel = toOutgoingEvent(
      domainEvent(ShipmentStatusChanged, { order: orderPlaced.detail.data.order as never, shipmentId: `${placed.id}-S1`, locationId: 'wh-munich', from: 'IN_TRANSIT', to: 'OUT_FOR_DELIVERY' }),
    );
    const eventBridge = new EventBridgeClient({ endpoint: inject('awsEndpoint'), region: 'eu-central-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });

    // Act
    await eventBridge.send(
      new PutEventsCommand({
        Entries: [
          { EventBusName: 'oms-events', Source: orderPlaced.source, DetailType: orderPlaced.detailType, Detail: JSON.stringify(orderPlaced.detail) },
          { EventBusName: 'oms-events', Source: sentinel.source, DetailType: sentinel.detailType, Detail: sentinel.detail },
        ],
      }),
    );
    await waitForOutbox(placed.id, (found) => found.some((message) => message.template === 'out-for-delivery'));
    await new Promise((resolve) => setTimeout(resolve, 500));
    eventBridge.destroy();

    // Assess
    expect(sentOnce(await outbox({ orderId: placed.id }))).toEqual(['order-confirmation/email', 'out-for-delivery/email']);
  });

  it('refuses an unknown filter', async () => {
    // Act
    const response = await fetch(`${apiUrl()}/dev/outbox?recipient=someone`);

    // Assess
    expect(response.status).toBe(400);
  });
});

import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { httpWarehouseGateway } from '../../../shared/adapters/http/http-warehouse-gateway';
import { generateSigningSecret } from '../../../shared/domain/webhooks/signing';
import { FulfilmentCancelled, FulfilmentRequested } from '../../../shared/events/catalog/order-events';
import type { EventDetail } from '../../../shared/events/define-event';
import { TransientWarehouseError, type WarehouseGateway } from '../../../shared/ports/warehouse-gateway';
import type { WebhookRequest, WebhookResponse, WebhookSender } from '../../../shared/ports/webhook-sender';
import { forwardToWarehouse } from '../../../shared/use-cases/integrations/forward-to-warehouse';
import { WarehouseConnectionSchema, warehouseConnectionFromEnvironment, type WarehouseConnection } from '../../../shared/warehouses/warehouse-connection';
import { WarehouseMessageSchema, type WarehouseMessage } from '../../../shared/warehouses/warehouse-message';

const order = {
  orderId: 'ord_1',
  channelId: 'web',
  channelOrderRef: 'WEB-1',
  status: 'IN_FULFILMENT',
  customer: { id: 'c1', email: 'ada@example.com' },
  grandTotal: { amount: 2495, currency: 'EUR' },
  placedAt: '2026-11-23T10:00:00.000Z',
};
const metadata = (eventId: string) => ({ eventId, eventVersion: 1, occurredAt: '2026-11-23T10:00:01.000Z', correlation: { orderId: 'ord_1', channelId: 'web' } });

const requested = {
  definition: FulfilmentRequested,
  detail: {
    metadata: metadata('ord_1:FulfilmentRequested:ord_1-S1'),
    data: {
      order,
      shipmentId: 'ord_1-S1',
      locationId: 'wh-leipzig',
      kind: 'ship-to-customer',
      deliveryMethod: 'HOME_DELIVERY',
      lines: [{ lineId: 'L1', sku: 'TSHIRT', quantity: 2 }],
      shipTo: { name: 'Ada', line1: 'Unter den Linden 1', city: 'Berlin', postalCode: '10117', country: 'DE' },
      packBy: '2026-11-24T10:00:00.000Z',
      orderMetadata: { gift: 'yes' },
    },
  } as EventDetail,
};
const cancelled = {
  definition: FulfilmentCancelled,
  detail: { metadata: metadata('ord_1:FulfilmentCancelled:ord_1-S1'), data: { order, shipmentId: 'ord_1-S1', locationId: 'wh-munich', reason: 'customer', lineIds: ['L1'] } } as EventDetail,
};

const recordingGateway = () => {
  const sent: WarehouseMessage[] = [];
  const gateway: WarehouseGateway = { send: (message) => Promise.resolve(void sent.push(message)) };
  return { sent, gateway };
};

const senderAnswering = (answer: WebhookResponse) => {
  const requests: WebhookRequest[] = [];
  const sender: WebhookSender = { send: (request) => Promise.resolve((requests.push(request), answer)) };
  return { requests, sender };
};

const connection = (endpoints: Record<string, string>): (() => Promise<WarehouseConnection>) => {
  const parsed = WarehouseConnectionSchema.parse({ endpoints, signingSecret: generateSigningSecret() });
  return () => Promise.resolve(parsed);
};

describe('forwarding fulfilment events to warehouses', () => {
  it('turns a FulfilmentRequested event into a pick-and-pack message keyed by the event id', async () => {
    // Prepare
    const { sent, gateway } = recordingGateway();

    // Act
    const summary = await forwardToWarehouse(requested, { warehouses: gateway, logError: () => undefined });

    // Assess
    expect(summary).toEqual({ shipmentId: 'ord_1-S1', locationId: 'wh-leipzig', outcome: 'sent' });
    expect(WarehouseMessageSchema.parse(sent[0])).toEqual({
      type: 'fulfilment.requested',
      requestId: 'ord_1:FulfilmentRequested:ord_1-S1',
      orderId: 'ord_1',
      channelOrderRef: 'WEB-1',
      shipmentId: 'ord_1-S1',
      locationId: 'wh-leipzig',
      kind: 'ship-to-customer',
      pickLines: [{ lineId: 'L1', sku: 'TSHIRT', quantity: 2 }],
      shipTo: expect.objectContaining({ city: 'Berlin' }),
      packBy: '2026-11-24T10:00:00.000Z',
      instructions: { gift: 'yes' },
    });
  });

  it('turns a FulfilmentCancelled event into a stop for the named lines', async () => {
    const { sent, gateway } = recordingGateway();

    await forwardToWarehouse(cancelled, { warehouses: gateway, logError: () => undefined });

    expect(sent).toEqual([{ type: 'fulfilment.cancelled', requestId: 'ord_1:FulfilmentCancelled:ord_1-S1', orderId: 'ord_1', shipmentId: 'ord_1-S1', locationId: 'wh-munich', reason: 'customer', lineIds: ['L1'] }]);
  });

  it('signs the message so the warehouse can verify it with the Standard Webhooks library, and posts it to the location’s endpoint', async () => {
    const { requests, sender } = senderAnswering({ kind: 'response', status: 202, bodyExcerpt: '' });
    const settings = connection({ 'wh-leipzig': 'https://leipzig.wms.example/orders', '*': 'https://wms.example/orders' });
    const gateway = httpWarehouseGateway({ connection: settings, sender });

    await forwardToWarehouse(requested, { warehouses: gateway, logError: () => undefined });
    await forwardToWarehouse(cancelled, { warehouses: gateway, logError: () => undefined });

    expect(requests.map((request) => request.url)).toEqual(['https://leipzig.wms.example/orders', 'https://wms.example/orders']);
    const [first] = requests;
    const verified = new Webhook((await settings()).signingSecret).verify(first?.body ?? '', { ...first?.headers });
    expect(verified).toMatchObject({ type: 'fulfilment.requested', shipmentId: 'ord_1-S1' });
  });

  it('retries what may succeed later: no answer, 5xx, 408 and 429 are thrown as transient', async () => {
    for (const answer of [
      { kind: 'no-response', error: 'Timed out' },
      { kind: 'response', status: 503, bodyExcerpt: '' },
      { kind: 'response', status: 429, bodyExcerpt: '' },
      { kind: 'response', status: 408, bodyExcerpt: '' },
    ] as const) {
      const gateway = httpWarehouseGateway({ connection: connection({ '*': 'https://wms.example/orders' }), sender: senderAnswering(answer).sender });

      await expect(forwardToWarehouse(requested, { warehouses: gateway, logError: () => undefined })).rejects.toBeInstanceOf(TransientWarehouseError);
    }
  });

  it('does not retry a location without a system or a message the system refuses, and logs both as errors', async () => {
    const errors: string[] = [];
    const logError = (message: string) => void errors.push(message);
    const unconnected = httpWarehouseGateway({ connection: connection({ 'wh-munich': 'https://munich.example/orders' }), sender: senderAnswering({ kind: 'response', status: 202, bodyExcerpt: '' }).sender });
    const refusing = httpWarehouseGateway({ connection: connection({ '*': 'https://wms.example/orders' }), sender: senderAnswering({ kind: 'response', status: 422, bodyExcerpt: 'unknown SKU' }).sender });

    expect(await forwardToWarehouse(requested, { warehouses: unconnected, logError })).toMatchObject({ outcome: 'not-connected' });
    expect(await forwardToWarehouse(requested, { warehouses: refusing, logError })).toMatchObject({ outcome: 'refused' });
    expect(errors).toEqual([expect.stringContaining('no system is connected for location wh-leipzig'), expect.stringContaining('answered 422: unknown SKU')]);
  });
});

describe('the warehouse connection', () => {
  it('turns a plain-text secret (the generated placeholder) into a whsec_ secret of its bytes', () => {
    const parsed = WarehouseConnectionSchema.parse({ signingSecret: 'abcdefghijklmnopqrstuvwxyz012345' });

    expect(parsed).toEqual({ endpoints: {}, signingSecret: `whsec_${Buffer.from('abcdefghijklmnopqrstuvwxyz012345').toString('base64')}` });
  });

  it('names the setting that is wrong: endpoints that are not JSON, a URL that is not http(s), a short secret', () => {
    const notJson = WarehouseConnectionSchema.safeParse(warehouseConnectionFromEnvironment({ OMS_WMS_ENDPOINTS: '{nope', OMS_WMS_SIGNING_SECRET: generateSigningSecret() }));
    const badUrl = WarehouseConnectionSchema.safeParse({ endpoints: { '*': 'ftp://wms.example' }, signingSecret: generateSigningSecret() });
    const shortSecret = WarehouseConnectionSchema.safeParse({ signingSecret: 'short' });

    expect(notJson.error?.issues[0]?.path).toEqual(['endpoints']);
    expect(badUrl.error?.issues[0]?.path).toEqual(['endpoints', '*']);
    expect(shortSecret.error?.issues[0]?.path).toEqual(['signingSecret']);
  });
});

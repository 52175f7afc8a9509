/** Order events the customer notification tests send: one per notified event, status and variant. */
import { ReturnExpired, ReturnLabelIssued, ReturnReceived, ReturnRefunded, ReturnRequested } from '../../../shared/events/catalog/return-events';
import type { EventDefinition, EventDetail } from '../../../shared/events/define-event';
import {
  OrderCancelled,
  OrderFailed,
  OrderPlaced,
  OrderRejected,
  PaymentActionRequired,
  PaymentDeclined,
  ShipmentShipped,
  ShipmentStatusChanged,
  type OrderSnapshot,
} from '../../../shared/events/catalog/order-events';
import { domainEvent, type PendingEvent } from '../../../shared/events/event-publisher';
import type { TemplateId } from '../../../shared/notifications/message-templates';

export const orderId = '01JQ8Z6M3V4N5P6Q7R8S9T0VWX';
export const shipmentId = `${orderId}-S1`;
export const trackingNumber = 'OMSP44170219835';

export const snapshot = (overrides: Partial<OrderSnapshot> = {}, customer: Partial<OrderSnapshot['customer']> = {}): OrderSnapshot => ({
  orderId,
  channelId: 'demo-web',
  channelOrderRef: 'WEB-100234',
  status: 'PLACED',
  customer: { id: 'cust-42', email: 'ada@example.com', name: 'Ada Lovelace', phone: '+4915112345678', ...customer },
  grandTotal: { amount: 6241, currency: 'EUR' },
  placedAt: '2025-03-03T09:14:07.512Z',
  ...overrides,
});

const shipmentRef = { shipmentId, locationId: 'wh-leipzig' };
const lines = [{ lineId: `${orderId}-1`, sku: 'TSHIRT-BLK-M', quantity: 2 }];

export interface NotifiedCase {
  readonly name: string;
  readonly template: TemplateId;
  readonly event: (order: OrderSnapshot) => PendingEvent;
  /** Whether the message must link the tracking page. */
  readonly tracking?: boolean;
}

const statusChange = (to: 'OUT_FOR_DELIVERY' | 'DELIVERED' | 'READY_FOR_PICKUP' | 'PICKUP_EXPIRED', from = 'IN_TRANSIT' as const) => (order: OrderSnapshot) =>
  domainEvent(ShipmentStatusChanged, { order, ...shipmentRef, from, to, trackingNumber }, { eventId: `${orderId}:ShipmentStatusChanged:${shipmentId}:${to}` });

/** Every event (and shipment status, and variant) the customer is told about, with the template that tells it. */
const returnId = `${orderId}-R1`;

export const notifiedCases: readonly NotifiedCase[] = [
  { name: 'OrderPlaced', template: 'order-confirmation', event: (order) => domainEvent(OrderPlaced, { order, deliveryMethod: 'HOME_DELIVERY', lineCount: 1 }, { eventId: `${orderId}:OrderPlaced` }) },
  { name: 'OrderRejected', template: 'order-not-accepted', event: (order) => domainEvent(OrderRejected, { order: { ...order, status: 'REJECTED' }, reasons: [{ code: 'BLOCKED', message: 'Blocked' }] }, { eventId: `${orderId}:OrderRejected` }) },
  { name: 'PaymentDeclined', template: 'payment-declined', event: (order) => domainEvent(PaymentDeclined, { order: { ...order, status: 'PAYMENT_DECLINED' }, code: 'card_declined', message: 'Declined' }, { eventId: `${orderId}:PaymentDeclined` }) },
  {
    name: 'PaymentActionRequired',
    template: 'payment-action-required',
    event: (order) => domainEvent(PaymentActionRequired, { order: { ...order, status: 'PAYMENT_ACTION_REQUIRED' }, authorizationId: 'auth_1', actionUrl: 'https://psp.example/3ds/auth_1' }, { eventId: `${orderId}:PaymentActionRequired` }),
  },
  {
    name: 'ShipmentShipped (parcel)',
    template: 'shipment-shipped',
    tracking: true,
    event: (order) =>
      domainEvent(ShipmentShipped, { order: { ...order, status: 'SHIPPED' }, ...shipmentRef, status: 'SHIPPED', carrier: 'OMS Parcel', service: 'STANDARD', trackingNumber, lines }, { eventId: `${orderId}:ShipmentShipped:${shipmentId}` }),
  },
  {
    name: 'ShipmentShipped (ready in store)',
    template: 'ready-for-pickup',
    event: (order) => domainEvent(ShipmentShipped, { order: { ...order, status: 'SHIPPED' }, ...shipmentRef, status: 'READY_FOR_PICKUP', lines }, { eventId: `${orderId}:ShipmentShipped:${shipmentId}` }),
  },
  { name: 'ShipmentStatusChanged OUT_FOR_DELIVERY', template: 'out-for-delivery', tracking: true, event: statusChange('OUT_FOR_DELIVERY') },
  { name: 'ShipmentStatusChanged DELIVERED', template: 'delivered', event: statusChange('DELIVERED') },
  { name: 'ShipmentStatusChanged READY_FOR_PICKUP', template: 'ready-for-pickup', event: statusChange('READY_FOR_PICKUP') },
  { name: 'ShipmentStatusChanged PICKUP_EXPIRED', template: 'pickup-expired', event: statusChange('PICKUP_EXPIRED') },
  { name: 'OrderCancelled (whole order)', template: 'order-cancelled', event: (order) => domainEvent(OrderCancelled, { order: { ...order, status: 'CANCELLED' }, reason: 'Customer changed their mind' }, { eventId: `${orderId}:OrderCancelled:7` }) },
  {
    name: 'OrderCancelled (some lines)',
    template: 'order-partially-cancelled',
    event: (order) => domainEvent(OrderCancelled, { order: { ...order, status: 'IN_FULFILMENT' }, reason: 'Out of stock', lineIds: [`${orderId}-2`] }, { eventId: `${orderId}:OrderCancelled:lines:1` }),
  },
  { name: 'OrderFailed', template: 'order-failed', event: (order) => domainEvent(OrderFailed, { order: { ...order, status: 'FAILED' }, error: 'CarrierRejectedError', cause: 'Nope' }, { eventId: `${orderId}:OrderFailed` }) },
  {
    name: 'ReturnRequested',
    template: 'return-requested',
    event: (order) =>
      domainEvent(
        ReturnRequested,
        { order, returnId, method: 'MAIL', refundMethod: 'ORIGINAL_PAYMENT', receivingLocationId: 'wh-leipzig', lines: [{ lineId: `${orderId}-1`, sku: 'TSHIRT', quantity: 1, reasonCode: 'TOO_SMALL' }], expiresAt: '2025-03-30T10:00:00.000Z' },
        { eventId: `${returnId}:ReturnRequested` },
      ),
  },
  { name: 'ReturnLabelIssued', template: 'return-label', event: (order) => domainEvent(ReturnLabelIssued, { order, returnId, carrier: 'OMS Parcel', trackingNumber: 'OMSR12345678903', labelUrl: 'https://labels.example/OMSR12345678903.pdf' }, { eventId: `${returnId}:ReturnLabelIssued` }) },
  { name: 'ReturnReceived', template: 'return-received', event: (order) => domainEvent(ReturnReceived, { order, returnId, locationId: 'wh-leipzig', lines: [{ lineId: `${orderId}-1`, sku: 'TSHIRT', quantity: 1, disposition: 'RESTOCK' }] }, { eventId: `${returnId}:ReturnReceived` }) },
  ...(['ORIGINAL_PAYMENT', 'STORE_CREDIT'] as const).map((refundMethod) => ({
    name: `ReturnRefunded (${refundMethod})`,
    template: refundMethod === 'STORE_CREDIT' ? ('return-credited' as const) : ('return-refunded' as const),
    event: (order: OrderSnapshot) =>
      domainEvent(
        ReturnRefunded,
        { order, returnId, refundMethod, refundId: 'ref_1', amount: { amount: 1999, currency: 'EUR' }, restockingFee: { amount: 0, currency: 'EUR' }, shippingRefunded: { amount: 0, currency: 'EUR' }, lines: [] },
        { eventId: `${returnId}:ReturnRefunded` },
      ),
  })),
  { name: 'ReturnExpired', template: 'return-expired', event: (order) => domainEvent(ReturnExpired, { order, returnId, expiresAt: '2025-03-30T10:00:00.000Z' }, { eventId: `${returnId}:ReturnExpired` }) },
];

/** The event as the handler hands it to the use case: the definition and the detail with its metadata. */
export function received(pending: PendingEvent, occurredAt = new Date()): { definition: EventDefinition; detail: EventDetail } {
  return {
    definition: pending.definition,
    detail: {
      metadata: { eventId: pending.options?.eventId ?? 'evt-1', eventVersion: pending.definition.version, occurredAt: occurredAt.toISOString(), correlation: { orderId } },
      data: pending.data,
    },
  };
}

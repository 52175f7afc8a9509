/**
 * What the generated event catalog (docs/events.md, `npm run catalog`) says about each event beyond
 * its schema: when it is published, how its event id is formed, and an example of its data. Kept
 * next to the definitions so whoever adds an event documents it; the catalog test fails for an
 * event without an entry here, and each example is type-checked against the event's data.
 */
import type * as z from 'zod';
import type { EventDefinition } from '../define-event';
import {
  AppeasementGranted,
  FulfilmentCancelled,
  FulfilmentRequested,
  OrderAllocated,
  OrderBackordered,
  OrderCancelled,
  OrderCompleted,
  OrderEdited,
  OrderEscalationChanged,
  OrderFailed,
  OrderOnHold,
  OrderPlaced,
  OrderRejected,
  PaymentActionRequired,
  PaymentAuthorized,
  PaymentCaptured,
  PaymentDeclined,
  PaymentRefunded,
  PaymentVoided,
  ShipmentPacked,
  ShipmentShipped,
  ShipmentStatusChanged,
  type OrderSnapshot,
} from './order-events';
import { ReturnCompleted, ReturnExpired, ReturnLabelIssued, ReturnReceived, ReturnRefunded, ReturnRequested, StoreCreditIssued } from './return-events';
import { BackInStock, OutOfStock, StockLow } from './stock-events';

export interface EventDocumentation {
  readonly definition: EventDefinition;
  /** The moment (and the code path) that publishes it. */
  readonly publishedWhen: string;
  /** An example `metadata.eventId`: ids are stable per business fact, which is what consumers dedup on. */
  readonly eventId: string;
  /** When the example happened: `metadata.occurredAt` and the EventBridge `time`. */
  readonly occurredAt: string;
  readonly example: unknown;
}

/** Ties an example to its definition, so the compiler checks the example against the event's data. */
const documented = <Data extends z.ZodType>(
  definition: EventDefinition<Data>,
  entry: { publishedWhen: string; eventId: string; occurredAt: string; example: z.input<Data> },
): EventDocumentation => ({ definition, ...entry });

const orderId = '01JQ8Z6M3V4N5P6Q7R8S9T0VWX';
const shipmentId = `${orderId}-S1`;
const eur = (amount: number) => ({ amount, currency: 'EUR' as const });

const order = (status: OrderSnapshot['status']): OrderSnapshot => ({
  orderId,
  channelId: 'demo-web',
  channelOrderRef: 'WEB-100234',
  status,
  customer: { id: 'cust-42', email: 'ada@example.com', name: 'Ada Lovelace', phone: '+4915112345678', locale: 'de-DE' },
  grandTotal: eur(6241),
  placedAt: '2025-03-03T09:14:07.512Z',
});

const lines = [
  { lineId: `${orderId}-1`, sku: 'TSHIRT-BLK-M', quantity: 2 },
  { lineId: `${orderId}-2`, sku: 'HOODIE-GRY-L', quantity: 1 },
];

const stockPosition = { sku: 'TSHIRT-BLK-M', locationId: 'store-berlin-mitte', reserved: 1, safetyStock: 2, stockVersion: 17 };

export const catalogDocumentation: readonly EventDocumentation[] = [
  documented(OrderPlaced, {
    publishedWhen: 'The orders table’s stream (the outbox) started the order’s lifecycle execution after capture (POST /orders or a channel webhook).',
    eventId: `${orderId}:OrderPlaced`,
    occurredAt: '2025-03-03T09:14:08.020Z',
    example: { order: order('PLACED'), deliveryMethod: 'HOME_DELIVERY', lineCount: 2 },
  }),
  documented(OrderOnHold, {
    publishedWhen: 'The risk screen (intake) decided to hold the order; it waits for POST /ops/orders/{id}/review or the channel’s review default.',
    eventId: `${orderId}:OrderOnHold`,
    occurredAt: '2025-03-03T09:14:08.640Z',
    example: { order: order('ON_HOLD'), reasons: [{ code: 'COUNTRY_MISMATCH', message: 'Billing country FR differs from shipping country DE' }] },
  }),
  documented(OrderRejected, {
    publishedWhen: 'The risk screen rejected the order, or a reviewer (or the review default) rejected a held one.',
    eventId: `${orderId}:OrderRejected`,
    occurredAt: '2025-03-03T09:20:31.000Z',
    example: { order: order('REJECTED'), reasons: [{ code: 'REVIEW_REJECTED', message: 'Rejected in review: card reported stolen' }] },
  }),
  documented(OrderAllocated, {
    publishedWhen: 'Allocation held stock for the order (intake), or for lines sourced again after a rejection or a restock.',
    eventId: `${orderId}:OrderAllocated:${shipmentId}`,
    occurredAt: '2025-03-03T09:14:09.105Z',
    example: { order: order('ALLOCATED'), shipments: [{ shipmentId, locationId: 'wh-leipzig', lines, promiseDate: '2025-03-05' }], backorderedLines: [] },
  }),
  documented(OrderBackordered, {
    publishedWhen: 'Allocation found too little stock and the channel’s policy backorders: the execution waits for BackInStock until the restock deadline.',
    eventId: `${orderId}:OrderBackordered:4`,
    occurredAt: '2025-03-03T09:14:09.105Z',
    example: { order: order('BACKORDERED'), lines: [{ lineId: `${orderId}-2`, sku: 'HOODIE-GRY-L', quantity: 1 }] },
  }),
  documented(PaymentAuthorized, {
    publishedWhen: 'The payment provider authorized the order total (intake).',
    eventId: `${orderId}:PaymentAuthorized`,
    occurredAt: '2025-03-03T09:14:09.530Z',
    example: { order: order('PAYMENT_AUTHORIZED'), authorizationId: 'auth_8c1f2e', amount: eur(6241) },
  }),
  documented(PaymentDeclined, {
    publishedWhen: 'The payment provider declined the authorization (intake); the order ends PAYMENT_DECLINED.',
    eventId: `${orderId}:PaymentDeclined`,
    occurredAt: '2025-03-03T09:14:09.530Z',
    example: { order: order('PAYMENT_DECLINED'), code: 'card_declined', message: 'Your card was declined.' },
  }),
  documented(PaymentActionRequired, {
    publishedWhen: 'The payment provider asked for customer authentication (3-D Secure); the execution waits for the outcome until the channel’s deadline.',
    eventId: `${orderId}:PaymentActionRequired`,
    occurredAt: '2025-03-03T09:14:09.530Z',
    example: { order: order('PAYMENT_ACTION_REQUIRED'), authorizationId: 'auth_8c1f2e', actionUrl: 'https://psp.example/3ds/auth_8c1f2e' },
  }),
  documented(PaymentCaptured, {
    publishedWhen: 'A shipment was shipped (or made ready in store) and its share of the order captured.',
    eventId: `${orderId}:PaymentCaptured:${shipmentId}`,
    occurredAt: '2025-03-04T13:02:44.871Z',
    example: { order: order('SHIPPED'), shipmentId, captureId: 'cap_51b0aa', amount: eur(6241) },
  }),
  documented(PaymentRefunded, {
    publishedWhen: 'Compensation refunded captures of goods that never left, or uncollected goods were refunded after the pickup deadline.',
    eventId: `${orderId}:Refund:${shipmentId}`,
    occurredAt: '2025-03-12T18:00:00.000Z',
    example: { order: order('COMPLETED'), refundId: 'ref_0d93c1', amount: eur(6241), reason: 'Not collected' },
  }),
  documented(PaymentVoided, {
    publishedWhen: 'The order completed, was cancelled or failed with money still authorized and not captured.',
    eventId: `${orderId}:PaymentVoided`,
    occurredAt: '2025-03-05T16:40:12.004Z',
    example: { order: order('COMPLETED'), amount: eur(1999), reason: 'Lines cancelled before shipping' },
  }),
  documented(FulfilmentRequested, {
    publishedWhen: 'The fulfilment step asks a shipment’s location to pick and pack it; the execution then waits for the answer.',
    eventId: `${orderId}:FulfilmentRequested:${shipmentId}`,
    occurredAt: '2025-03-03T09:14:10.002Z',
    example: {
      order: order('IN_FULFILMENT'),
      shipmentId,
      locationId: 'wh-leipzig',
      kind: 'ship-to-customer',
      deliveryMethod: 'HOME_DELIVERY',
      lines,
      shipTo: { name: 'Ada Lovelace', line1: 'Unter den Linden 1', city: 'Berlin', postalCode: '10117', country: 'DE' },
      packBy: '2025-03-04T09:14:10.002Z',
    },
  }),
  documented(FulfilmentCancelled, {
    publishedWhen: 'A cancellation, compensation or fulfilment timeout tells a location to stop working on a shipment (or some of its lines).',
    eventId: `${orderId}:FulfilmentCancelled:${shipmentId}`,
    occurredAt: '2025-03-03T11:30:00.000Z',
    example: { order: order('CANCELLED'), shipmentId, locationId: 'wh-leipzig', reason: 'Customer changed their mind' },
  }),
  documented(ShipmentPacked, {
    publishedWhen: 'The location answered POST /integrations/wms/events with a pack result.',
    eventId: `${orderId}:ShipmentPacked:${shipmentId}`,
    occurredAt: '2025-03-04T10:21:05.311Z',
    example: { order: order('IN_FULFILMENT'), shipmentId, locationId: 'wh-leipzig', packedLines: lines, rejectedLines: [] },
  }),
  documented(ShipmentShipped, {
    publishedWhen: 'The ship step consumed the stock, booked the carrier label (or made a pickup parcel ready in store) and captured the shipment’s share.',
    eventId: `${orderId}:ShipmentShipped:${shipmentId}`,
    occurredAt: '2025-03-04T13:02:44.871Z',
    example: {
      order: order('SHIPPED'),
      shipmentId,
      locationId: 'wh-leipzig',
      status: 'SHIPPED',
      carrier: 'OMS Parcel',
      service: 'STANDARD',
      trackingNumber: 'OMSP44170219835',
      labelUrl: 'https://sandbox-carrier.oms.invalid/labels/OMSP44170219835.pdf',
      lines,
    },
  }),
  documented(ShipmentStatusChanged, {
    publishedWhen: 'A carrier scan (POST /integrations/carrier/events), a pickup in store, an expired pickup deadline or an overdue delivery moved a shipment on.',
    eventId: `${orderId}:ShipmentStatusChanged:${shipmentId}:carrier:scan-7731`,
    occurredAt: '2025-03-05T11:47:19.000Z',
    example: { order: order('DELIVERED'), shipmentId, locationId: 'wh-leipzig', from: 'OUT_FOR_DELIVERY', to: 'DELIVERED', trackingNumber: 'OMSP44170219835' },
  }),
  documented(OrderCompleted, {
    publishedWhen: 'Every shipment is delivered, collected or settled; the last authorization was voided.',
    eventId: `${orderId}:OrderCompleted`,
    occurredAt: '2025-03-05T11:47:21.402Z',
    example: { order: order('COMPLETED'), captured: eur(6241), refunded: eur(0) },
  }),
  documented(OrderCancelled, {
    publishedWhen: 'POST /orders/{id}/cancel (whole order or lines), a short-stock policy, a restock deadline or a review timeout cancelled the order or some of its lines.',
    eventId: `${orderId}:OrderCancelled:7`,
    occurredAt: '2025-03-03T11:30:00.000Z',
    example: { order: order('CANCELLED'), reason: 'Customer changed their mind' },
  }),
  documented(OrderEdited, {
    publishedWhen: 'PATCH /orders/{id} changed the address, quantities or lines of an order before it shipped.',
    eventId: `${orderId}:OrderEdited:v12`,
    occurredAt: '2025-03-01T10:20:00.000Z',
    example: {
      order: order('IN_FULFILMENT'),
      reason: 'Customer called: one more T-shirt',
      editedBy: 'demo-web',
      changes: ['TSHIRT-BLK-M: 2 → 3'],
      totalDifference: eur(1999),
      authorizationIncrease: eur(1999),
      cancelledShipmentIds: [`${orderId}-S1`],
    },
  }),
  documented(AppeasementGranted, {
    publishedWhen: 'POST /orders/{id}/appeasements granted a goodwill refund or store credit.',
    eventId: `${orderId}:Appeasement:v14`,
    occurredAt: '2025-03-05T09:00:00.000Z',
    example: { order: order('COMPLETED'), amount: eur(500), method: 'STORE_CREDIT', reason: 'Parcel arrived two days late', grantedBy: 'jane.doe@example.com', role: 'agent', paymentIds: ['gw_3f9a0c'] },
  }),
  documented(OrderEscalationChanged, {
    publishedWhen: 'PUT /orders/{id}/escalation escalated the order to ops or cleared the escalation.',
    eventId: `${orderId}:Escalation:v15`,
    occurredAt: '2025-03-05T09:05:00.000Z',
    example: { order: order('IN_FULFILMENT'), escalated: true, reason: 'Customer threatens a chargeback', by: 'jane.doe@example.com' },
  }),
  documented(OrderFailed, {
    publishedWhen: 'A step failed for good (retries exhausted or a permanent error) and compensation ran.',
    eventId: `${orderId}:OrderFailed`,
    occurredAt: '2025-03-04T13:05:00.000Z',
    example: { order: order('FAILED'), error: 'CarrierRejectedError', cause: 'The carrier cannot serve postal code 10117' },
  }),
  documented(ReturnRequested, {
    publishedWhen: 'POST /orders/{id}/returns accepted a return (delivered quantities, inside the window) and started its order-return execution.',
    eventId: `${orderId}-R1:ReturnRequested`,
    occurredAt: '2025-03-08T10:00:00.000Z',
    example: {
      order: order('COMPLETED'),
      returnId: `${orderId}-R1`,
      method: 'MAIL',
      refundMethod: 'ORIGINAL_PAYMENT',
      receivingLocationId: 'wh-leipzig',
      lines: [{ lineId: `${orderId}-1`, sku: 'TSHIRT-BLK-M', quantity: 1, reasonCode: 'TOO_SMALL' }],
      expiresAt: '2025-03-22T10:00:00.000Z',
    },
  }),
  documented(ReturnLabelIssued, {
    publishedWhen: 'The return execution booked a prepaid return label with the carrier (mail returns).',
    eventId: `${orderId}-R1:ReturnLabelIssued`,
    occurredAt: '2025-03-08T10:00:01.000Z',
    example: { order: order('COMPLETED'), returnId: `${orderId}-R1`, carrier: 'OMS Parcel', trackingNumber: 'OMSR12345678903', labelUrl: 'https://sandbox-carrier.oms.invalid/labels/OMSR12345678903.pdf' },
  }),
  documented(ReturnReceived, {
    publishedWhen: 'The receiving warehouse or store reported the goods received and inspected (POST /integrations/returns/receipts).',
    eventId: `${orderId}-R1:ReturnReceived`,
    occurredAt: '2025-03-10T11:00:00.000Z',
    example: { order: order('COMPLETED'), returnId: `${orderId}-R1`, locationId: 'wh-leipzig', lines: [{ lineId: `${orderId}-1`, sku: 'TSHIRT-BLK-M', quantity: 1, disposition: 'RESTOCK' }] },
  }),
  documented(ReturnRefunded, {
    publishedWhen: 'The return execution refunded the received lines, less fees, to the original payment or as store credit.',
    eventId: `${orderId}-R1:ReturnRefunded`,
    occurredAt: '2025-03-10T11:00:02.000Z',
    example: {
      order: order('COMPLETED'),
      returnId: `${orderId}-R1`,
      refundMethod: 'ORIGINAL_PAYMENT',
      refundId: 'ref_77a0c2',
      amount: eur(1799),
      restockingFee: eur(200),
      shippingRefunded: eur(0),
      lines: [{ lineId: `${orderId}-1`, sku: 'TSHIRT-BLK-M', quantity: 1, amount: eur(1999) }],
    },
  }),
  documented(ReturnCompleted, {
    publishedWhen: 'The return execution restocked what can be sold again and closed the return.',
    eventId: `${orderId}-R1:ReturnCompleted`,
    occurredAt: '2025-03-10T11:00:03.000Z',
    example: { order: order('COMPLETED'), returnId: `${orderId}-R1`, refunded: eur(1799), restocked: [{ sku: 'TSHIRT-BLK-M', locationId: 'wh-leipzig', quantity: 1 }] },
  }),
  documented(ReturnExpired, {
    publishedWhen: 'Nothing was received by the return’s deadline; the return execution closed it.',
    eventId: `${orderId}-R1:ReturnExpired`,
    occurredAt: '2025-03-22T10:00:00.000Z',
    example: { order: order('COMPLETED'), returnId: `${orderId}-R1`, expiresAt: '2025-03-22T10:00:00.000Z' },
  }),
  documented(StoreCreditIssued, {
    publishedWhen: 'A return was refunded as store credit, or customer service granted a goodwill credit.',
    eventId: `${orderId}:StoreCredit:${orderId}-R1`,
    occurredAt: '2025-03-10T11:00:02.000Z',
    example: { order: order('COMPLETED'), creditId: 'crd_2b9e11', amount: eur(1999), reason: 'Return refunded as store credit', returnId: `${orderId}-R1` },
  }),
  documented(StockLow, {
    publishedWhen: 'A write to a stock record (reservation, adjustment, count, import) took its available quantity to or below its low-stock threshold; read from the inventory table’s stream.',
    eventId: 'stock:TSHIRT-BLK-M:store-berlin-mitte:StockLow:17',
    occurredAt: '2025-03-03T09:14:09.101Z',
    example: { ...stockPosition, onHand: 6, available: 3, lowStockThreshold: 3 },
  }),
  documented(OutOfStock, {
    publishedWhen: 'A write to a stock record took its available quantity to zero; read from the inventory table’s stream.',
    eventId: 'stock:TSHIRT-BLK-M:store-berlin-mitte:OutOfStock:17',
    occurredAt: '2025-03-03T09:14:09.101Z',
    example: { ...stockPosition, onHand: 3, available: 0 },
  }),
  documented(BackInStock, {
    publishedWhen: 'A write to a stock record with nothing available made units available again; backordered orders resume on it.',
    eventId: 'stock:TSHIRT-BLK-M:store-berlin-mitte:BackInStock:17',
    occurredAt: '2025-03-06T07:00:12.000Z',
    example: { ...stockPosition, onHand: 27, available: 24 },
  }),
];

/**
 * What a field means where its schema has no description: looked up by the field's path in
 * `detail.data` (or in a shared type), then by its last segment.
 */
export const fieldGlossary: Readonly<Record<string, string>> = {
  order: 'The order after the change',
  lineCount: 'How many order lines the order has',
  reasons: 'Why: the risk rules that fired, or the reviewer’s decision',
  'reasons[].code': 'Machine-readable reason, e.g. COUNTRY_MISMATCH',
  'reasons[].message': 'The reason in words',
  shipments: 'The shipments this allocation added, one per source location',
  backorderedLines: 'Lines (and units) that wait for stock',
  shipmentId: 'The shipment the event is about (one per source location)',
  locationId: 'The warehouse, store or drop-shipper the shipment (or stock) is at',
  lines: 'What the shipment holds: order lines and units',
  packedLines: 'What the location packed (empty when it packed nothing)',
  promiseDate: 'The delivery date promised for the shipment',
  lineId: 'The order line',
  sku: 'The stock keeping unit',
  quantity: 'Units',
  authorizationId: 'The payment provider’s authorization reference',
  captureId: 'The payment provider’s capture reference',
  refundId: 'The payment provider’s refund reference',
  amount: 'The money moved',
  code: 'The payment provider’s decline code, e.g. card_declined',
  message: 'The payment provider’s explanation',
  actionUrl: 'Where the customer completes the authentication',
  reason: 'Why, in words',
  kind: 'ship-to-customer, pickup-in-store (the store is the source) or transfer-to-store (shipped to the pickup store)',
  shipTo: 'Where the parcel goes, for a shipment to the customer',
  pickupStoreId: 'The store the customer collects from',
  orderMetadata: 'The order’s metadata from the channel, passed on to the location',
  status: 'The shipment’s status now: SHIPPED, or READY_FOR_PICKUP for a pickup in store',
  carrier: 'The carrier the label was booked with',
  service: 'The carrier’s service, e.g. STANDARD',
  trackingNumber: 'The carrier’s tracking number',
  labelUrl: 'The shipping label (PDF)',
  from: 'The shipment’s status before',
  to: 'The shipment’s status now',
  captured: 'Captured in total for the order',
  refunded: 'Refunded in total for the order',
  error: 'The error name of the step that failed',
  cause: 'What failed, in words',
  'customer.id': 'The channel’s customer id',
  'customer.email': 'Where email notifications go',
  'customer.name': 'The customer’s name, when the channel sent it',
  onHand: 'Units physically at the location',
  reserved: 'Units held for orders',
  safetyStock: 'Units kept back from promising',
  lowStockThreshold: 'The location’s low-stock threshold for the SKU',
  executionArn: 'The order’s lifecycle execution',
  channelId: 'The sales channel',
  orderId: 'The OMS order id',
  returnId: 'The return, for return events',
  rejectedLines: 'What the location could not pack, and why; those lines are sourced elsewhere',
  lineIds: 'Only these lines were cancelled; absent when the whole order was',
  name: 'The recipient’s name',
  line1: 'Street and number',
  line2: 'Address addition',
  city: 'City',
  region: 'State or region',
  postalCode: 'Postal code',
  country: 'ISO 3166-1 alpha-2 country code',
  phone: 'E.164 phone number',
  lat: 'Latitude, degrees',
  lon: 'Longitude, degrees',
};

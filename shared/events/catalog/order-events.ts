/**
 * Events of the order lifecycle: every business step an order takes, for carriers, warehouses,
 * notifications, partners and analytics. Each carries a small snapshot of the order so most
 * consumers need no read-back.
 */
import * as z from 'zod';
import { RejectedLineSchema, ShipmentLineSchema, ShipmentStatusSchema } from '../../contracts/fulfilment';
import { MoneySchema } from '../../contracts/money';
import { AddressSchema, DeliveryMethodSchema, OrderStatusSchema } from '../../contracts/order';
import { defineEvent } from '../define-event';

const source = 'oms.orders';

export const OrderSnapshotSchema = z
  .object({
    orderId: z.string().describe('The OMS order id (GET /orders/{id})'),
    channelId: z.string().describe('The sales channel the order came from'),
    channelOrderRef: z.string().describe('The channel’s own order number, the one the customer knows'),
    status: OrderStatusSchema.describe('The order’s status after the change the event reports'),
    customer: z
      .object({
        id: z.string(),
        email: z.string(),
        name: z.string().optional(),
        phone: z.string().optional().describe('E.164, when the channel sent one; SMS notifications go here'),
        locale: z.string().optional().describe('BCP 47 language tag, when the channel sent one; notifications are written in it'),
      })
      .describe('Who ordered: enough to write to them without reading the order'),
    grandTotal: MoneySchema.describe('What the customer pays for the whole order'),
    placedAt: z.iso.datetime().describe('When the order was captured'),
  })
  .meta({ id: 'OrderSnapshot', description: 'The order as it is after the change, small enough to travel with every order event' });
export type OrderSnapshot = z.infer<typeof OrderSnapshotSchema>;

const withOrder = <Shape extends z.ZodRawShape>(shape: Shape) => z.object({ order: OrderSnapshotSchema, ...shape });
const reasons = z.array(z.object({ code: z.string(), message: z.string() }));
const shipmentRef = { shipmentId: z.string(), locationId: z.string() };

export const OrderPlaced = defineEvent({
  source,
  detailType: 'OrderPlaced',
  version: 1,
  description: 'An order was captured and its lifecycle started.',
  data: withOrder({ deliveryMethod: DeliveryMethodSchema, lineCount: z.int() }),
});

export const OrderOnHold = defineEvent({
  source,
  detailType: 'OrderOnHold',
  version: 1,
  description: 'The risk screen held the order for a manual review.',
  data: withOrder({ reasons }),
});

export const OrderRejected = defineEvent({
  source,
  detailType: 'OrderRejected',
  version: 1,
  description: 'The risk screen or a reviewer rejected the order; nothing was charged or held.',
  data: withOrder({ reasons }),
});

export const OrderAllocated = defineEvent({
  source,
  detailType: 'OrderAllocated',
  version: 1,
  description: 'Stock was held for the order (or for more of its lines), one shipment per source location.',
  data: withOrder({
    shipments: z.array(
      z.object({
        ...shipmentRef,
        lines: z.array(ShipmentLineSchema),
        promiseDate: z.iso.date().optional(),
        promisedBy: z.iso.datetime().optional().describe('The end of promiseDate where the parcel ships from'),
      }),
    ),
    backorderedLines: z.array(z.object({ lineId: z.string(), sku: z.string(), quantity: z.int() })),
  }),
});

export const OrderBackordered = defineEvent({
  source,
  detailType: 'OrderBackordered',
  version: 1,
  description: 'Some or all units of the order wait for stock to come back.',
  data: withOrder({ lines: z.array(z.object({ lineId: z.string(), sku: z.string(), quantity: z.int() })) }),
});

export const PaymentAuthorized = defineEvent({
  source,
  detailType: 'PaymentAuthorized',
  version: 1,
  description: 'The payment provider authorized the order total.',
  data: withOrder({ authorizationId: z.string(), amount: MoneySchema }),
});

export const PaymentDeclined = defineEvent({
  source,
  detailType: 'PaymentDeclined',
  version: 1,
  description: 'The payment provider declined the authorization; the order ends and its stock is released.',
  data: withOrder({ code: z.string(), message: z.string() }),
});

export const PaymentActionRequired = defineEvent({
  source,
  detailType: 'PaymentActionRequired',
  version: 1,
  description: 'The payment provider needs the customer to authenticate (3-D Secure); the order waits, until the channel’s deadline.',
  data: withOrder({ authorizationId: z.string(), actionUrl: z.string(), orderMetadata: z.record(z.string(), z.string()).optional() }),
});

export const PaymentCaptured = defineEvent({
  source,
  detailType: 'PaymentCaptured',
  version: 1,
  description: 'A shipment’s share of the order was captured as it shipped.',
  data: withOrder({ shipmentId: z.string(), captureId: z.string(), amount: MoneySchema }),
});

export const PaymentRefunded = defineEvent({
  source,
  detailType: 'PaymentRefunded',
  version: 1,
  description: 'Captured money was refunded (cancellation, failure, uncollected goods).',
  data: withOrder({ refundId: z.string(), amount: MoneySchema, reason: z.string() }),
});

export const PaymentVoided = defineEvent({
  source,
  detailType: 'PaymentVoided',
  version: 1,
  description: 'What was still authorized and not captured was released to the customer.',
  data: withOrder({ amount: MoneySchema, reason: z.string() }),
});

export const FulfilmentRequested = defineEvent({
  source,
  detailType: 'FulfilmentRequested',
  version: 1,
  description: 'A warehouse or store is asked to pick and pack a shipment; it answers on POST /integrations/wms/events.',
  data: withOrder({
    ...shipmentRef,
    kind: z.enum(['ship-to-customer', 'pickup-in-store', 'transfer-to-store']),
    deliveryMethod: DeliveryMethodSchema,
    lines: z.array(ShipmentLineSchema),
    shipTo: AddressSchema.optional(),
    pickupStoreId: z.string().optional(),
    packBy: z.iso.datetime().describe('When the execution stops waiting and sources the lines elsewhere'),
    orderMetadata: z.record(z.string(), z.string()).optional(),
  }),
});

export const FulfilmentCancelled = defineEvent({
  source,
  detailType: 'FulfilmentCancelled',
  version: 1,
  description: 'A warehouse or store must stop working on a shipment (cancelled, or given up after a timeout), or only on some of its lines.',
  data: withOrder({ ...shipmentRef, reason: z.string(), lineIds: z.array(z.string()).optional().describe('Only these lines were cancelled; the rest of the shipment goes on') }),
});

export const ShipmentPacked = defineEvent({
  source,
  detailType: 'ShipmentPacked',
  version: 1,
  description: 'A location packed a shipment (maybe only some of its lines; the rest is sourced elsewhere).',
  data: withOrder({ ...shipmentRef, packedLines: z.array(ShipmentLineSchema), rejectedLines: z.array(RejectedLineSchema) }),
});

export const ShipmentShipped = defineEvent({
  source,
  detailType: 'ShipmentShipped',
  version: 1,
  description: 'A shipment was handed to the carrier (or made ready in store), with its tracking.',
  data: withOrder({
    ...shipmentRef,
    status: ShipmentStatusSchema,
    carrier: z.string().optional(),
    service: z.string().optional(),
    trackingNumber: z.string().optional(),
    labelUrl: z.string().optional(),
    lines: z.array(ShipmentLineSchema),
  }),
});

export const ShipmentStatusChanged = defineEvent({
  source,
  detailType: 'ShipmentStatusChanged',
  version: 1,
  description: 'A shipment moved on after shipping: in transit, out for delivery, delivered, ready for pickup, picked up, exception.',
  data: withOrder({ ...shipmentRef, from: ShipmentStatusSchema, to: ShipmentStatusSchema, trackingNumber: z.string().optional() }),
});

export const OrderCompleted = defineEvent({
  source,
  detailType: 'OrderCompleted',
  version: 1,
  description: 'Every shipment of the order is done; the money is settled.',
  data: withOrder({ captured: MoneySchema, refunded: MoneySchema }),
});

export const OrderCancelled = defineEvent({
  source,
  detailType: 'OrderCancelled',
  version: 1,
  description: 'The order (or some of its lines) was cancelled; stock was released and money returned.',
  data: withOrder({ reason: z.string(), lineIds: z.array(z.string()).optional() }),
});

export const OrderEdited = defineEvent({
  source,
  detailType: 'OrderEdited',
  version: 1,
  description:
    'The order was edited before fulfilment (address, quantities, lines): re-priced, the difference authorized, and the shipments it affected cancelled so their lines are sourced again.',
  data: withOrder({
    reason: z.string(),
    editedBy: z.string(),
    changes: z.array(z.string()),
    totalDifference: MoneySchema.describe('New grand total minus the old one; negative when the order became cheaper'),
    authorizationIncrease: MoneySchema.describe('What was authorized on top (0 when the existing authorization covers the edit)'),
    cancelledShipmentIds: z.array(z.string()).describe('Shipments taken out of the plan; their lines are sourced again'),
  }),
});

export const AppeasementGranted = defineEvent({
  source,
  detailType: 'AppeasementGranted',
  version: 1,
  description: 'Customer service granted a goodwill refund or store credit, within the limit of their role.',
  data: withOrder({
    amount: MoneySchema,
    method: z.enum(['REFUND', 'STORE_CREDIT']),
    reason: z.string(),
    grantedBy: z.string(),
    role: z.string(),
    paymentIds: z.array(z.string()).describe('The refunds or the credit that moved the money'),
  }),
});

export const OrderEscalationChanged = defineEvent({
  source,
  detailType: 'OrderEscalationChanged',
  version: 1,
  description: 'Customer service escalated the order to ops, or cleared the escalation.',
  data: withOrder({ escalated: z.boolean(), reason: z.string(), by: z.string() }),
});

export const OrderFailed = defineEvent({
  source,
  detailType: 'OrderFailed',
  version: 1,
  description: 'A step failed for good; the order was compensated (stock released, authorization voided, captures refunded where nothing shipped).',
  data: withOrder({ error: z.string(), cause: z.string() }),
});

export const orderEvents = [
  OrderPlaced,
  OrderOnHold,
  OrderRejected,
  OrderAllocated,
  OrderBackordered,
  PaymentAuthorized,
  PaymentDeclined,
  PaymentActionRequired,
  PaymentCaptured,
  PaymentRefunded,
  PaymentVoided,
  FulfilmentRequested,
  FulfilmentCancelled,
  ShipmentPacked,
  ShipmentShipped,
  ShipmentStatusChanged,
  OrderCompleted,
  OrderCancelled,
  OrderEdited,
  AppeasementGranted,
  OrderEscalationChanged,
  OrderFailed,
] as const;

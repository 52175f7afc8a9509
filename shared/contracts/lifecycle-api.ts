/**
 * Contracts of the lifecycle's API: cancelling an order, reviewing a held order, the WMS and carrier
 * callbacks, and an order's timeline. One source of truth for validation, types and the OpenAPI
 * document.
 */
import * as z from 'zod';
import { LineIdSchema } from './identifiers';
import { ShipmentStatusSchema } from './fulfilment';
import { OrderStatusSchema, orderLimits } from './order';

const lineId = LineIdSchema;
const partnerEventId = z
  .string()
  .min(1)
  .max(128)
  .describe('The partner’s own id of this event: sending it again changes nothing and answers the first answer');

export const cancelOrderExample = { reason: 'Customer changed their mind' } as const;

export const CancelOrderRequestSchema = z
  .strictObject({
    reason: z.string().min(1).max(500),
    lineIds: z
      .array(lineId)
      .min(1)
      .max(orderLimits.maxLines)
      .optional()
      .describe('Cancel only these lines (whole lines); absent (and no lines): the whole order'),
    lines: z
      .array(z.strictObject({ lineId, quantity: z.int().min(1).max(orderLimits.maxQuantityPerLine) }))
      .min(1)
      .max(orderLimits.maxLines)
      .optional()
      .describe('Cancel some units of lines; a quantity at or above what is left cancels the whole line. Shipments carrying a partly cancelled line are sourced again for the rest'),
  })
  .refine((request) => !(request.lineIds && request.lines), { message: 'send lineIds or lines, not both', path: ['lines'] })
  .meta({ id: 'CancelOrderRequest', examples: [cancelOrderExample, { reason: 'Out of stock at the customer’s request', lineIds: ['ord_01-2'] }, { reason: 'Customer wants one fewer', lines: [{ lineId: 'ord_01-1', quantity: 1 }] }] });
export type CancelOrderRequest = z.infer<typeof CancelOrderRequestSchema>;

export const reviewOrderExample = { decision: 'approve', note: 'Customer confirmed by phone' } as const;

export const ReviewOrderRequestSchema = z
  .strictObject({
    decision: z.enum(['approve', 'reject']),
    note: z.string().min(1).max(1000).optional(),
  })
  .meta({ id: 'ReviewOrderRequest', examples: [reviewOrderExample] });
export type ReviewOrderRequest = z.infer<typeof ReviewOrderRequestSchema>;

export const wmsEventTypes = ['PICKING', 'PACKED', 'PARTIALLY_PACKED', 'REJECTED', 'COLLECTED'] as const;

export const wmsEventExample = {
  eventId: 'wms-evt-000123',
  type: 'PACKED',
  shipmentId: 'ord_01-S1',
  occurredAt: '2025-03-01T12:00:00Z',
} as const;

export const WmsEventSchema = z
  .strictObject({
    eventId: partnerEventId,
    type: z
      .enum(wmsEventTypes)
      .describe(
        'PICKING: still working (a heartbeat); PACKED: every line packed; PARTIALLY_PACKED: packedLineIds packed, the rest rejected; ' +
          'REJECTED: nothing packed; COLLECTED: the customer picked a click-and-collect shipment up in store',
      ),
    shipmentId: z.string().min(1).max(100).describe('The shipment id of the FulfilmentRequested event, `<orderId>-S<n>`'),
    packedLineIds: z.array(lineId).max(orderLimits.maxLines).optional(),
    rejectedLines: z
      .array(z.strictObject({ lineId, reason: z.string().min(1).max(500) }))
      .max(orderLimits.maxLines)
      .optional()
      .describe('Why lines could not be packed; they are sourced elsewhere'),
    occurredAt: z.iso.datetime({ offset: true }),
  })
  .meta({ id: 'WmsEvent', examples: [wmsEventExample] });
export type WmsEvent = z.infer<typeof WmsEventSchema>;

export const carrierStatuses = ['IN_TRANSIT', 'OUT_FOR_DELIVERY', 'DELIVERED', 'EXCEPTION'] as const;

export const carrierEventExample = {
  eventId: 'carrier-evt-000456',
  shipmentReference: 'ord_01-S1',
  trackingNumber: 'SBX000000001',
  status: 'DELIVERED',
  occurredAt: '2025-03-03T09:30:00Z',
} as const;

export const CarrierEventSchema = z
  .strictObject({
    eventId: partnerEventId,
    shipmentReference: z.string().min(1).max(100).describe('Our shipment id, as given to the carrier with the label'),
    trackingNumber: z.string().min(1).max(100).describe('Must be the tracking number of the shipment'),
    status: z.enum(carrierStatuses),
    occurredAt: z.iso.datetime({ offset: true }),
    detail: z.string().max(1000).optional(),
  })
  .meta({ id: 'CarrierEvent', examples: [carrierEventExample] });
export type CarrierEvent = z.infer<typeof CarrierEventSchema>;

export const paymentEventExample = {
  eventId: 'psp-evt-000789',
  orderId: 'ord_01',
  authorizationId: 'auth_0123456789abcdef',
  status: 'AUTHENTICATED',
  occurredAt: '2025-03-01T10:05:00Z',
} as const;

export const PaymentEventSchema = z
  .strictObject({
    eventId: partnerEventId,
    orderId: z.string().min(1).max(64).describe('The order id the payment was authorized for (the provider’s metadata)'),
    authorizationId: z.string().min(1).max(200),
    status: z
      .enum(['AUTHENTICATED', 'FAILED', 'ABANDONED'])
      .describe('How the customer’s authentication ended; the OMS then asks the provider for the authorization itself'),
    occurredAt: z.iso.datetime({ offset: true }),
  })
  .meta({ id: 'PaymentEvent', examples: [paymentEventExample] });
export type PaymentEvent = z.infer<typeof PaymentEventSchema>;

export const PaymentEventResultSchema = z
  .object({ eventId: z.string(), orderId: z.string(), orderStatus: OrderStatusSchema })
  .meta({ id: 'PaymentEventResult' });
export type PaymentEventResult = z.infer<typeof PaymentEventResultSchema>;

export const PartnerEventResultSchema = z
  .object({
    eventId: z.string(),
    orderId: z.string(),
    shipmentId: z.string(),
    shipmentStatus: ShipmentStatusSchema,
    orderStatus: OrderStatusSchema,
  })
  .meta({ id: 'PartnerEventResult' });
export type PartnerEventResult = z.infer<typeof PartnerEventResultSchema>;

export const TimelineEntrySchema = z
  .object({
    at: z.iso.datetime(),
    source: z.enum(['order', 'shipment', 'payment', 'execution', 'activity']).describe('activity: edits and customer-service actions, with who acted'),
    type: z.string().describe('The order or shipment status, the payment operation, or the execution event type'),
    detail: z.string().optional(),
  })
  .meta({ id: 'TimelineEntry' });
export type TimelineEntry = z.infer<typeof TimelineEntrySchema>;

export const OrderTimelineSchema = z
  .object({ items: z.array(TimelineEntrySchema).describe('Oldest first') })
  .meta({ id: 'OrderTimeline' });
export type OrderTimeline = z.infer<typeof OrderTimelineSchema>;

/** Small bodies: a partner event or a decision is well under a few KB. */
export const lifecycleApiLimits = { maxBodyBytes: 64 * 1024 } as const;

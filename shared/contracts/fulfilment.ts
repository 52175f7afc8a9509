/**
 * What the lifecycle adds to an order after capture: its shipments (one per source location), the
 * money moved for it, the risk screen's verdict and a cancellation request. One source of truth
 * for the API, the events and the DynamoDB record.
 */
import * as z from 'zod';
import { MoneySchema } from './money';

export const shipmentStatuses = [
  'PENDING',
  'FULFILMENT_REQUESTED',
  'PACKED',
  'SHIPPED',
  'IN_TRANSIT',
  'OUT_FOR_DELIVERY',
  'DELIVERY_EXCEPTION',
  'DELIVERED',
  'READY_FOR_PICKUP',
  'PICKED_UP',
  'PICKUP_EXPIRED',
  'REJECTED',
  'CANCELLED',
] as const;
export const ShipmentStatusSchema = z.enum(shipmentStatuses);
export type ShipmentStatus = z.infer<typeof ShipmentStatusSchema>;

export const ShipmentLineSchema = z
  .object({ lineId: z.string(), sku: z.string(), quantity: z.int().min(1) })
  .meta({ id: 'ShipmentLine' });
export type ShipmentLine = z.infer<typeof ShipmentLineSchema>;

export const RejectedLineSchema = ShipmentLineSchema.extend({ reason: z.string() }).meta({ id: 'RejectedLine' });
export type RejectedLine = z.infer<typeof RejectedLineSchema>;

export const ShipmentSchema = z
  .object({
    shipmentId: z.string(),
    locationId: z.string(),
    kind: z.enum(['ship-to-customer', 'pickup-in-store', 'transfer-to-store']),
    status: ShipmentStatusSchema,
    lines: z.array(ShipmentLineSchema).describe('What this location sends; after packing, what was packed'),
    rejectedLines: z.array(RejectedLineSchema).optional().describe('Lines the location could not pack; they are sourced elsewhere'),
    promiseDate: z.iso.date().optional(),
    promisedBy: z.iso
      .datetime()
      .optional()
      .describe('The end of promiseDate where the parcel ships from: delivered before this instant is on time'),
    carrier: z.string().optional(),
    service: z.string().optional(),
    trackingNumber: z.string().optional(),
    labelUrl: z.string().optional(),
    amount: MoneySchema.optional().describe('What the customer pays for these lines (captured when it ships)'),
    pickupDeadline: z.iso.datetime().optional(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    history: z.array(z.object({ status: ShipmentStatusSchema, at: z.iso.datetime(), reason: z.string().optional() })),
  })
  .meta({ id: 'Shipment' });
export type Shipment = z.infer<typeof ShipmentSchema>;

export const PaymentEntrySchema = z
  .object({
    type: z.enum(['AUTHORIZATION', 'CAPTURE', 'REFUND', 'VOID', 'STORE_CREDIT']).describe('STORE_CREDIT: credit granted to the customer instead of a refund (no money moved at the provider)'),
    id: z.string().describe('The provider reference of this operation (for STORE_CREDIT, the credit id)'),
    returnId: z.string().optional().describe('The return this refund or credit is for'),
    captureId: z.string().optional().describe('For a refund of a return: the capture it gives back from'),
    amount: MoneySchema,
    shipmentId: z.string().optional(),
    reason: z.string().optional(),
    at: z.iso.datetime(),
  })
  .meta({ id: 'PaymentEntry' });
export type PaymentEntry = z.infer<typeof PaymentEntrySchema>;

export const MoneySummarySchema = z
  .object({
    authorized: MoneySchema,
    captured: MoneySchema,
    refunded: MoneySchema,
    voided: MoneySchema,
    credited: MoneySchema.optional().describe('Store credit granted (returns refunded as credit, goodwill)'),
    outstandingAuthorization: MoneySchema.describe('Authorized, neither captured nor voided: the customer’s funds still on hold'),
    netPaid: MoneySchema.describe('Captured − refunded'),
  })
  .meta({ id: 'MoneySummary' });
export type MoneySummary = z.infer<typeof MoneySummarySchema>;

export const RiskVerdictSchema = z
  .object({
    decision: z.enum(['accept', 'hold', 'reject']),
    reasons: z.array(z.object({ code: z.string(), message: z.string() })),
    reviewedBy: z.string().optional(),
    reviewedAt: z.iso.datetime().optional(),
  })
  .meta({ id: 'RiskVerdict' });
export type RiskVerdict = z.infer<typeof RiskVerdictSchema>;

/** The payment provider asked the customer to act (e.g. 3-D Secure): the order waits for the outcome. */
export const PaymentActionSchema = z
  .object({
    authorizationId: z.string(),
    actionUrl: z.string().describe('Where the customer completes the authentication'),
    requestedAt: z.iso.datetime(),
  })
  .meta({ id: 'PaymentAction' });
export type PaymentAction = z.infer<typeof PaymentActionSchema>;

export const CancellationSchema = z
  .object({
    requestedAt: z.iso.datetime(),
    requestedBy: z.string(),
    reason: z.string(),
    /** Absent: the whole order. */
    lineIds: z.array(z.string()).optional(),
  })
  .meta({ id: 'Cancellation' });
export type Cancellation = z.infer<typeof CancellationSchema>;

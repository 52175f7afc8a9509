/**
 * Return contracts (RMAs): the request a storefront or customer service sends, the return as the
 * OMS keeps it inside its order, and the callbacks of the location that receives the goods. One
 * source of truth for the API, the events and the stored order.
 */
import * as z from 'zod';
import { LineIdSchema } from './identifiers';
import { MoneySchema } from './money';

export const returnReasonCodes = [
  'DAMAGED',
  'DEFECTIVE',
  'WRONG_ITEM',
  'NOT_AS_DESCRIBED',
  'TOO_SMALL',
  'TOO_LARGE',
  'CHANGED_MIND',
  'OTHER',
] as const;
export const ReturnReasonCodeSchema = z
  .enum(returnReasonCodes)
  .describe('DAMAGED, DEFECTIVE, WRONG_ITEM and NOT_AS_DESCRIBED are the merchant’s fault: no restocking fee, and the shipping is refunded');
export type ReturnReasonCode = z.infer<typeof ReturnReasonCodeSchema>;

export const ReturnMethodSchema = z.enum(['MAIL', 'STORE']).describe('MAIL: a prepaid return label; STORE: handed in at a store');
export const RefundMethodSchema = z.enum(['ORIGINAL_PAYMENT', 'STORE_CREDIT']);
export type RefundMethod = z.infer<typeof RefundMethodSchema>;
export const DispositionSchema = z.enum(['RESTOCK', 'REFURBISH', 'DISPOSE']).describe('RESTOCK: back on sale at the receiving location; REFURBISH and DISPOSE: not sellable');
export type Disposition = z.infer<typeof DispositionSchema>;

export const returnStatuses = ['REQUESTED', 'AWAITING_RECEIPT', 'RECEIVED', 'REFUNDED', 'COMPLETED', 'EXPIRED'] as const;
export const ReturnStatusSchema = z.enum(returnStatuses);
export type ReturnStatus = z.infer<typeof ReturnStatusSchema>;

const lineId = LineIdSchema;

export const createReturnExample = {
  method: 'MAIL',
  refundMethod: 'ORIGINAL_PAYMENT',
  lines: [{ lineId: 'ord_01-1', quantity: 1, reasonCode: 'TOO_SMALL' }],
} as const;

export const CreateReturnRequestSchema = z
  .strictObject({
    method: ReturnMethodSchema,
    storeId: z.string().min(1).max(64).optional().describe('The store the goods are handed in at; required for STORE'),
    refundMethod: RefundMethodSchema.default('ORIGINAL_PAYMENT'),
    lines: z
      .array(
        z.strictObject({
          lineId,
          quantity: z.int().min(1).max(9_999),
          reasonCode: ReturnReasonCodeSchema,
          comment: z.string().max(500).optional(),
          exchangeForSku: z.string().min(1).max(64).optional().describe('Exchange: the variant to send instead; the returned units are not refunded'),
          exchangeUnitPrice: MoneySchema.optional().describe(
            'The variant’s price per unit, when it differs: a cheaper variant refunds the difference, a dearer one is charged on the replacement order. Absent: an even exchange',
          ),
        }),
      )
      .min(1)
      .max(200),
  })
  .meta({ id: 'CreateReturnRequest', examples: [createReturnExample] });
export type CreateReturnRequest = z.infer<typeof CreateReturnRequestSchema>;

export const ReturnLineSchema = z
  .object({
    lineId: z.string(),
    sku: z.string(),
    quantity: z.int().min(1),
    reasonCode: ReturnReasonCodeSchema,
    comment: z.string().optional(),
    exchangeForSku: z.string().optional(),
    exchangeUnitPrice: MoneySchema.optional().describe('The variant’s price per unit (uneven exchange)'),
    receivedQuantity: z.int().min(0).optional().describe('What arrived, set at receipt; only these units are refunded'),
    disposition: DispositionSchema.optional().describe('Set at inspection'),
    refundAmount: MoneySchema.optional().describe('What this line refunds (or credits), set when the return is refunded'),
  })
  .meta({ id: 'ReturnLine' });
export type ReturnLine = z.infer<typeof ReturnLineSchema>;

export const ReturnSchema = z
  .object({
    returnId: z.string(),
    status: ReturnStatusSchema,
    method: ReturnMethodSchema,
    refundMethod: RefundMethodSchema,
    receivingLocationId: z.string().describe('Where the goods go back: the store for STORE, the shipping location for MAIL'),
    lines: z.array(ReturnLineSchema),
    label: z.object({ carrier: z.string(), trackingNumber: z.string(), labelUrl: z.string() }).optional(),
    expiresAt: z.iso.datetime().describe('The goods must be received by then, or the return expires'),
    refund: z
      .object({
        refundId: z.string(),
        amount: MoneySchema,
        restockingFee: MoneySchema,
        shippingRefunded: MoneySchema,
      })
      .optional(),
    replacementOrderId: z.string().optional().describe('The exchange’s replacement order'),
    requestedBy: z.string(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    history: z.array(z.object({ status: ReturnStatusSchema, at: z.iso.datetime(), reason: z.string().optional() })),
  })
  .meta({ id: 'Return' });
export type Return = z.infer<typeof ReturnSchema>;

export const returnReceiptExample = {
  eventId: 'wms-rcv-000321',
  returnId: 'ord_01-R1',
  locationId: 'wh-leipzig',
  lines: [{ lineId: 'ord_01-1', quantity: 1, disposition: 'RESTOCK' }],
  occurredAt: '2025-03-10T11:00:00Z',
} as const;

/** The receiving location's report: what arrived and, after inspection, what becomes of each line. */
export const ReturnReceiptSchema = z
  .strictObject({
    eventId: z.string().min(1).max(200),
    returnId: z.string().min(1).max(100),
    locationId: z.string().min(1).max(64),
    lines: z
      .array(z.strictObject({ lineId, quantity: z.int().min(1).max(9_999), disposition: DispositionSchema }))
      .min(1)
      .max(200),
    occurredAt: z.iso.datetime({ offset: true }),
  })
  .meta({ id: 'ReturnReceipt', examples: [returnReceiptExample] });
export type ReturnReceipt = z.infer<typeof ReturnReceiptSchema>;

export const ReturnReceiptResultSchema = z
  .object({ eventId: z.string(), orderId: z.string(), returnId: z.string(), returnStatus: ReturnStatusSchema })
  .meta({ id: 'ReturnReceiptResult' });
export type ReturnReceiptResult = z.infer<typeof ReturnReceiptResultSchema>;

/**
 * Changing an order after it was placed: edits before fulfilment (PATCH /orders/{id}) and the
 * customer-service actions (notes, appeasements, escalation, resending a message). Every one of them
 * is recorded in the order's activity, with who acted and why.
 */
import * as z from 'zod';
import { MoneySchema } from './money';
import { LineIdSchema } from './identifiers';
import { AddressSchema, OrderLineInputSchema, orderLimits } from './order';

export const ChangedLineSchema = z
  .strictObject({
    lineId: LineIdSchema,
    quantity: z.int().min(0).max(orderLimits.maxQuantityPerLine).describe('The new quantity; 0 removes the line'),
  })
  .meta({ id: 'ChangedLine' });

/** A line added by an edit: what a line of a new order takes, without the channel's own line reference. */
export const AddedLineSchema = OrderLineInputSchema.omit({ lineRef: true }).meta({ id: 'AddedLine' });

export const editOrderExample = {
  reason: 'Customer called: one more, and a new address',
  lines: [{ lineId: 'ord_01-1', quantity: 3 }, { sku: 'TSHIRT-BLUE-M', quantity: 1, unitPrice: { amount: 1999, currency: 'EUR' } }],
  shippingAddress: { name: 'Ada Lovelace', line1: 'Friedrichstraße 43', city: 'Berlin', postalCode: '10117', country: 'DE' },
} as const;

export const EditOrderRequestSchema = z
  .strictObject({
    reason: z.string().min(1).max(500),
    shippingAddress: AddressSchema.optional(),
    lines: z
      .array(z.union([ChangedLineSchema, AddedLineSchema]))
      .min(1)
      .max(orderLimits.maxLines)
      .optional()
      .describe('Lines to change (by lineId) or add (by sku); lines not named stay as they are'),
    shippingPrice: MoneySchema.optional().describe('The new shipping charge, when the edit changes it'),
    taxTotal: MoneySchema.optional().describe('The new tax, as the channel computed it for the edited order'),
    expectedTotal: MoneySchema.optional().describe('The grand total the channel showed; the edit is refused when the OMS computes another'),
  })
  .refine((edit) => edit.shippingAddress !== undefined || edit.lines !== undefined || edit.shippingPrice !== undefined || edit.taxTotal !== undefined, {
    message: 'an edit changes at least one of shippingAddress, lines, shippingPrice, taxTotal',
  })
  .meta({ id: 'EditOrderRequest', examples: [editOrderExample] });
export type EditOrderRequest = z.infer<typeof EditOrderRequestSchema>;
export type ChangedLine = z.infer<typeof ChangedLineSchema>;
export type AddedLine = z.infer<typeof AddedLineSchema>;

export const AddNoteRequestSchema = z.strictObject({ text: z.string().min(1).max(2000) }).meta({ id: 'AddNoteRequest' });

export const AppeasementRequestSchema = z
  .strictObject({
    amount: MoneySchema,
    method: z.enum(['REFUND', 'STORE_CREDIT']).describe('Back to the original payment, or as store credit'),
    reason: z.string().min(1).max(500),
  })
  .meta({ id: 'AppeasementRequest', examples: [{ amount: { amount: 500, currency: 'EUR' }, method: 'STORE_CREDIT', reason: 'Parcel arrived two days late' }] });
export type AppeasementRequest = z.infer<typeof AppeasementRequestSchema>;

export const EscalationRequestSchema = z
  .strictObject({
    escalated: z.boolean().describe('true escalates the order to ops; false clears the escalation'),
    reason: z.string().min(1).max(500),
  })
  .meta({ id: 'EscalationRequest' });

export const ResendNotificationRequestSchema = z
  .strictObject({
    notificationId: z.string().min(1).max(200).describe('`<eventId>#email` or `<eventId>#sms`: the notificationId of a message the customer was sent (the outbox and the notification log carry it)'),
    reason: z.string().min(1).max(500),
  })
  .meta({ id: 'ResendNotificationRequest' });

export const ResendResultSchema = z
  .object({
    notificationId: z.string(),
    resentAs: z.string().describe('The notificationId of the new message'),
    outcome: z.enum(['sent', 'duplicate', 'failed', 'uncertain', 'retry']),
  })
  .meta({ id: 'ResendResult' });

/** The acting person behind a customer-service key: tools that share one key name the agent per request. */
export const ActingUserHeaderSchema = z.strictObject({
  'x-acting-user': z
    .string()
    .min(1)
    .max(100)
    .regex(/^[A-Za-z0-9][A-Za-z0-9._@+-]*$/, 'x-acting-user names the agent, e.g. jane.doe@example.com'),
});

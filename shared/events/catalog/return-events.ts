/**
 * Events of returns (RMAs), refunds and store credit: what the customer, the receiving location,
 * finance and analytics hear as a return moves. Each carries the order's snapshot and the return id
 * (also in the correlation ids).
 */
import * as z from 'zod';
import { MoneySchema } from '../../contracts/money';
import { DispositionSchema, RefundMethodSchema, ReturnMethodSchema, ReturnReasonCodeSchema } from '../../contracts/returns';
import { defineEvent } from '../define-event';
import { OrderSnapshotSchema } from './order-events';

const source = 'oms.returns';

const withReturn = <Shape extends z.ZodRawShape>(shape: Shape) => z.object({ order: OrderSnapshotSchema, returnId: z.string(), ...shape });

export const ReturnRequested = defineEvent({
  source,
  detailType: 'ReturnRequested',
  version: 1,
  description: 'A return was accepted for the lines and quantities below; the goods are expected by expiresAt.',
  data: withReturn({
    method: ReturnMethodSchema,
    refundMethod: RefundMethodSchema,
    receivingLocationId: z.string(),
    lines: z.array(z.object({ lineId: z.string(), sku: z.string(), quantity: z.int(), reasonCode: ReturnReasonCodeSchema, exchangeForSku: z.string().optional() })),
    expiresAt: z.iso.datetime(),
  }),
});

export const ReturnLabelIssued = defineEvent({
  source,
  detailType: 'ReturnLabelIssued',
  version: 1,
  description: 'The carrier issued a prepaid return label for a mail return; the customer gets it.',
  data: withReturn({ carrier: z.string(), trackingNumber: z.string(), labelUrl: z.string() }),
});

export const ReturnReceived = defineEvent({
  source,
  detailType: 'ReturnReceived',
  version: 1,
  description: 'The receiving location got the goods and inspected them: a disposition per line.',
  data: withReturn({
    locationId: z.string(),
    lines: z.array(z.object({ lineId: z.string(), sku: z.string(), quantity: z.int(), disposition: DispositionSchema })),
  }),
});

export const ReturnRefunded = defineEvent({
  source,
  detailType: 'ReturnRefunded',
  version: 1,
  description: 'The return’s money went back: to the original payment or as store credit, after fees.',
  data: withReturn({
    refundMethod: RefundMethodSchema,
    refundId: z.string(),
    amount: MoneySchema,
    restockingFee: MoneySchema,
    shippingRefunded: MoneySchema,
    lines: z.array(z.object({ lineId: z.string(), sku: z.string(), quantity: z.int(), amount: MoneySchema })),
  }),
});

export const ReturnCompleted = defineEvent({
  source,
  detailType: 'ReturnCompleted',
  version: 1,
  description: 'The return is done: refunded (or exchanged) and the restockable units are back on sale.',
  data: withReturn({
    refunded: MoneySchema,
    restocked: z.array(z.object({ sku: z.string(), locationId: z.string(), quantity: z.int() })),
    replacementOrderId: z.string().optional(),
  }),
});

export const ReturnExpired = defineEvent({
  source,
  detailType: 'ReturnExpired',
  version: 1,
  description: 'Nothing arrived before the return’s deadline: the return is closed without a refund.',
  data: withReturn({ expiresAt: z.iso.datetime() }),
});

export const StoreCreditIssued = defineEvent({
  source,
  detailType: 'StoreCreditIssued',
  version: 1,
  description: 'Store credit was granted to the customer: a return refunded as credit, or a goodwill gesture.',
  data: z.object({ order: OrderSnapshotSchema, creditId: z.string(), amount: MoneySchema, reason: z.string(), returnId: z.string().optional() }),
});

export const returnEvents = [ReturnRequested, ReturnLabelIssued, ReturnReceived, ReturnRefunded, ReturnCompleted, ReturnExpired, StoreCreditIssued] as const;

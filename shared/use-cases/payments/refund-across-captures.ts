/**
 * Gives money back to the original payment, split over the order's captures (oldest first, each
 * up to what it has left), one provider refund per capture. Each refund is keyed by the caller's
 * prefix and the capture, so a retried step refunds nothing twice. Returns and appeasements share it.
 */
import type { PaymentEntry } from '../../contracts/fulfilment';
import type { Order } from '../../contracts/order';
import type { PaymentProvider } from '../../ports/payment-provider';

/** Captures with what each still has to give back (refunds of any kind already taken off). */
export function refundableCaptures(order: Pick<Order, 'payments'>): { capture: PaymentEntry; remaining: number }[] {
  const payments = order.payments ?? [];
  return payments
    .filter((entry) => entry.type === 'CAPTURE')
    .map((capture) => {
      const refunded = payments
        .filter((entry) => entry.type === 'REFUND' && (entry.captureId === capture.id || (entry.captureId === undefined && entry.shipmentId !== undefined && entry.shipmentId === capture.shipmentId)))
        .reduce((sum, entry) => sum + entry.amount.amount, 0);
      return { capture, remaining: capture.amount.amount - refunded };
    })
    .filter(({ remaining }) => remaining > 0);
}

export interface RefundOptions {
  readonly idempotencyKeyPrefix: string;
  readonly reason: string;
  readonly at: string;
  readonly returnId?: string;
}

/** The REFUND entries to record on the order for `amount` (minor units) given back. */
export async function refundAcrossCaptures(order: Order, amount: number, options: RefundOptions, payments: Pick<PaymentProvider, 'refund'>): Promise<PaymentEntry[]> {
  const recorded: PaymentEntry[] = [];
  let left = amount;
  for (const { capture, remaining } of refundableCaptures(order)) {
    if (left <= 0) break;
    const part = { amount: Math.min(remaining, left), currency: order.currency };
    const done = await payments.refund({ captureId: capture.id, amount: part, idempotencyKey: `${options.idempotencyKeyPrefix}:${capture.id}`, reason: options.reason });
    recorded.push({ type: 'REFUND', id: done.refundId, amount: done.amount, captureId: capture.id, ...(options.returnId && { returnId: options.returnId }), reason: options.reason, at: options.at });
    left -= done.amount.amount;
  }
  return recorded;
}

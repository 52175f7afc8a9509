/**
 * The money and quantity invariants of returns, over random sequences of return requests (valid or
 * not), receipts, expiries, refunds, store credits and goodwill: whatever happens, refunded +
 * credited ≤ captured ≤ authorized, returned ≤ delivered per line, no return is refunded twice,
 * and the money summary adds up.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Order } from '../../../shared/contracts/order';
import { DomainError } from '../../../shared/domain/errors';
import { moneySummary, stillRefundable, withPayment } from '../../../shared/domain/lifecycle/order-lifecycle';
import { ReturnPolicySchema } from '../../../shared/domain/returns/return-policy';
import { checkReturnRequest, deliveredUnits, receivingLocationFor, recordReceipt, refundForReturn, returnOf, returnedUnits, returnsOf, updateReturn, withReturn } from '../../../shared/domain/returns/return-rules';

const at = '2026-11-20T10:00:00.000Z';
const now = new Date('2026-11-23T10:00:00.000Z');
const eur = (amount: number) => ({ amount, currency: 'EUR' });

/** A delivered order of three lines in two shipments, fully captured (one capture per shipment). */
function deliveredOrder(): Order {
  const lines = [
    { lineId: 'L1', sku: 'A', quantity: 3, unitPrice: eur(1333), discount: eur(0), lineTotal: eur(3999) },
    { lineId: 'L2', sku: 'B', quantity: 1, unitPrice: eur(2500), discount: eur(100), lineTotal: eur(2400) },
    { lineId: 'L3', sku: 'C', quantity: 2, unitPrice: eur(799), discount: eur(0), lineTotal: eur(1598) },
  ];
  const shipment = (shipmentId: string, shipmentLines: { lineId: string; sku: string; quantity: number }[]) => ({
    shipmentId,
    locationId: 'wh-1',
    kind: 'ship-to-customer' as const,
    status: 'DELIVERED' as const,
    lines: shipmentLines,
    createdAt: at,
    updatedAt: at,
    history: [{ status: 'DELIVERED' as const, at }],
  });
  const order = {
    id: 'ord_1',
    channelId: 'web',
    channelOrderRef: 'W-1',
    status: 'COMPLETED',
    version: 1,
    customer: { id: 'c', email: 'c@example.com' },
    currency: 'EUR',
    lines,
    deliveryMethod: 'HOME_DELIVERY',
    payment: { reference: 'pm' },
    totals: { subtotal: eur(8097), discountTotal: eur(100), shippingTotal: eur(495), taxTotal: eur(0), grandTotal: eur(8492) },
    placedAt: at,
    updatedAt: at,
    statusHistory: [],
    shipments: [shipment('ord_1-S1', [{ lineId: 'L1', sku: 'A', quantity: 3 }, { lineId: 'L2', sku: 'B', quantity: 1 }]), shipment('ord_1-S2', [{ lineId: 'L3', sku: 'C', quantity: 2 }])],
  } as Order;
  return [
    { type: 'AUTHORIZATION' as const, id: 'auth', amount: eur(8492), at },
    { type: 'CAPTURE' as const, id: 'cap1', amount: eur(6399), shipmentId: 'ord_1-S1', at },
    { type: 'CAPTURE' as const, id: 'cap2', amount: eur(2093), shipmentId: 'ord_1-S2', at },
  ].reduce(withPayment, order);
}

const lineIds = ['L1', 'L2', 'L3', 'L9'];
const reasons = ['DEFECTIVE', 'CHANGED_MIND', 'TOO_SMALL'] as const;
const operation = fc.oneof(
  fc.record({ kind: fc.constant('request' as const), lines: fc.array(fc.record({ lineId: fc.constantFrom(...lineIds), quantity: fc.integer({ min: 1, max: 4 }), reasonCode: fc.constantFrom(...reasons) }), { minLength: 1, maxLength: 3 }), credit: fc.boolean() }),
  fc.record({ kind: fc.constant('receive' as const), pick: fc.nat(), keep: fc.integer({ min: 0, max: 4 }) }),
  fc.record({ kind: fc.constant('expire' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('refund' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('goodwill' as const), amount: fc.integer({ min: 1, max: 5000 }) }),
);

/** What the refund step does to the order, on the domain alone (one entry per return, as the step keys them). */
function refund(order: Order, returnId: string, fee: number): Order {
  const policy = ReturnPolicySchema.parse({ restockingFeePercent: fee });
  const current = returnOf(order, returnId);
  const computed = refundForReturn(order, returnId, policy, stillRefundable(order));
  const entry = { type: current.refundMethod === 'STORE_CREDIT' ? ('STORE_CREDIT' as const) : ('REFUND' as const), id: `r-${returnId}`, amount: computed.total, returnId, at };
  const paid = computed.total.amount > 0 ? withPayment(order, entry) : order;
  return updateReturn(paid, returnId, at, () => ({ refund: { refundId: entry.id, amount: computed.total, restockingFee: computed.restockingFee, shippingRefunded: computed.shippingRefunded } }), { to: 'REFUNDED' });
}

function checkInvariants(order: Order): void {
  const money = moneySummary(order);
  expect(money.refunded.amount + (money.credited?.amount ?? 0)).toBeLessThanOrEqual(money.captured.amount);
  expect(money.captured.amount).toBeLessThanOrEqual(money.authorized.amount);
  expect(money.netPaid.amount).toBe(money.captured.amount - money.refunded.amount);
  expect(money.outstandingAuthorization.amount).toBe(Math.max(0, money.authorized.amount - money.captured.amount - money.voided.amount));
  const delivered = deliveredUnits(order);
  for (const [lineId, units] of returnedUnits(order)) expect(units).toBeLessThanOrEqual(delivered.get(lineId)?.quantity ?? 0);
  const refundedReturns = (order.payments ?? []).filter((entry) => entry.returnId).map((entry) => entry.returnId);
  expect(new Set(refundedReturns).size).toBe(refundedReturns.length);
}

describe('return invariants', () => {
  it('hold over any sequence of returns, receipts, expiries, refunds and goodwill', () => {
    fc.assert(
      fc.property(fc.array(operation, { maxLength: 25 }), fc.constantFrom(0, 10, 25), (operations, fee) => {
        let order = deliveredOrder();
        const policy = ReturnPolicySchema.parse({ restockingFeePercent: fee });
        operations.forEach((op, index) => {
          const open = (status: string) => returnsOf(order).filter((candidate) => candidate.status === status);
          const before = order;
          try {
            if (op.kind === 'request') {
              const request = { method: 'MAIL' as const, refundMethod: op.credit ? ('STORE_CREDIT' as const) : ('ORIGINAL_PAYMENT' as const), lines: op.lines };
              const lines = checkReturnRequest(order, request, policy, now);
              order = withReturn(order, { returnId: `ord_1-R${index}`, status: 'AWAITING_RECEIPT', method: 'MAIL', refundMethod: request.refundMethod, receivingLocationId: receivingLocationFor(order, request), lines, expiresAt: at, requestedBy: 'test', createdAt: at, updatedAt: at, history: [] });
            } else if (op.kind === 'receive') {
              const target = open('AWAITING_RECEIPT')[op.pick % Math.max(1, open('AWAITING_RECEIPT').length)];
              if (target) order = recordReceipt(order, target.returnId, target.receivingLocationId, target.lines.map((line) => ({ lineId: line.lineId, quantity: Math.min(line.quantity, op.keep) || line.quantity, disposition: 'RESTOCK' as const })), at);
            } else if (op.kind === 'expire') {
              const target = open('AWAITING_RECEIPT')[op.pick % Math.max(1, open('AWAITING_RECEIPT').length)];
              if (target) order = updateReturn(order, target.returnId, at, () => ({}), { to: 'EXPIRED' });
            } else if (op.kind === 'refund') {
              const target = open('RECEIVED')[op.pick % Math.max(1, open('RECEIVED').length)];
              if (target) order = refund(order, target.returnId, fee);
            } else {
              const amount = Math.min(op.amount, stillRefundable(order));
              if (amount > 0) order = withPayment(order, { type: 'STORE_CREDIT', id: `gw-${index}`, amount: eur(amount), reason: 'goodwill', at });
            }
          } catch (error) {
            // A refused operation is a typed business error and leaves the order exactly as it was.
            expect(error).toBeInstanceOf(DomainError);
            expect(order).toBe(before);
          }
          checkInvariants(order);
        });
      }),
      { numRuns: 300 },
    );
  });
});

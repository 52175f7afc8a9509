/**
 * The money invariants before and while an order ships, over random sequences of edits (valid or
 * not), unit cancellations, re-sourcing, shipments and appeasements: whatever happens,
 * refunded + credited ≤ captured ≤ authorized, nothing is captured beyond the order's total,
 * cancelled ≤ ordered per line, an edit never lands once anything was charged, and the money
 * summary adds up.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Order } from '../../../shared/contracts/order';
import { checkAppeasement, defaultAppeasementLimits, withActivity } from '../../../shared/domain/customer-service/customer-service-rules';
import { DomainError } from '../../../shared/domain/errors';
import { planOrderEdit } from '../../../shared/domain/lifecycle/order-edits';
import { addPlannedShipments, cancelLineUnits, captureAmountFor, linesToSource, moneySummary, shipmentsOf, updateShipment, withPayment } from '../../../shared/domain/lifecycle/order-lifecycle';
import { at, orderInFulfilment } from '../fixtures/lifecycle';

const eur = (amount: number) => ({ amount, currency: 'EUR' });

const operation = fc.oneof(
  fc.record({ kind: fc.constant('edit' as const), line: fc.nat(3), quantity: fc.nat(4), add: fc.boolean(), price: fc.integer({ min: 1, max: 5000 }) }),
  fc.record({ kind: fc.constant('cancel' as const), line: fc.nat(3), quantity: fc.integer({ min: 1, max: 3 }) }),
  fc.record({ kind: fc.constant('source' as const) }),
  fc.record({ kind: fc.constant('ship' as const), pick: fc.nat(5) }),
  fc.record({ kind: fc.constant('appease' as const), amount: fc.integer({ min: 1, max: 3000 }), lead: fc.boolean(), credit: fc.boolean() }),
);

type Operation = typeof operation extends fc.Arbitrary<infer T> ? T : never;

/** Applies one operation as the use cases would, or leaves the order as it was when the domain refuses it. */
function apply(order: Order, op: Operation, step: number): Order {
  const when = at(100 + step);
  try {
    switch (op.kind) {
      case 'edit': {
        const line = order.lines[op.line % order.lines.length];
        const lines = op.add ? [{ sku: `ADD-${step}`, quantity: Math.max(1, op.quantity), unitPrice: eur(op.price) }] : [{ lineId: line?.lineId ?? 'none', quantity: op.quantity }];
        const plan = planOrderEdit(order, { reason: 'property', lines }, { at: when, by: 'test' });
        return plan.authorizationIncrease.amount > 0 ? withPayment(plan.edited, { type: 'AUTHORIZATION', id: `auth:edit:${step}`, amount: plan.authorizationIncrease, at: when }) : plan.edited;
      }
      case 'cancel': {
        const line = order.lines[op.line % order.lines.length];
        return line ? cancelLineUnits(order, [{ lineId: line.lineId, quantity: op.quantity }], when) : order;
      }
      case 'source': {
        const missing = linesToSource(order);
        if (missing.length === 0) return order;
        const planned = missing.map((line) => ({ sku: line.sku, quantity: line.quantity }));
        const { order: sourced, added } = addPlannedShipments(order, [{ locationId: `wh-${step}`, kind: 'ship-to-customer', lines: planned, cost: 0, distanceKm: 0 }], when);
        return added.reduce((current, shipment) => updateShipment(current, shipment.shipmentId, when, () => ({}), { to: 'FULFILMENT_REQUESTED' }), sourced);
      }
      case 'ship': {
        const open = shipmentsOf(order).filter((shipment) => shipment.status === 'FULFILMENT_REQUESTED');
        const shipment = open[op.pick % Math.max(1, open.length)];
        if (!shipment) return order;
        const packed = updateShipment(order, shipment.shipmentId, when, () => ({}), { to: 'PACKED' });
        const amount = captureAmountFor(packed, shipment.shipmentId);
        const shipped = updateShipment(packed, shipment.shipmentId, when, () => ({}), { to: 'SHIPPED' });
        return amount.amount > 0 ? withPayment(shipped, { type: 'CAPTURE', id: `cap:${shipment.shipmentId}`, amount, shipmentId: shipment.shipmentId, at: when }) : shipped;
      }
      case 'appease': {
        const actor = { user: 'agent', role: op.lead ? ('lead' as const) : ('agent' as const) };
        checkAppeasement(order, eur(op.amount), actor, defaultAppeasementLimits);
        const entry = op.credit
          ? { type: 'STORE_CREDIT' as const, id: `gw:${step}`, amount: eur(op.amount), at: when }
          : { type: 'REFUND' as const, id: `rf:${step}`, amount: eur(op.amount), at: when };
        return withActivity(withPayment(order, entry), { at: when, type: 'APPEASEMENT', by: actor.user, role: actor.role, reason: 'property', amount: eur(op.amount) });
      }
    }
  } catch (error) {
    if (error instanceof DomainError) return order;
    throw error;
  }
}

function authorizedOrder(): Order {
  const order = orderInFulfilment();
  return withPayment(order, { type: 'AUTHORIZATION', id: 'auth', amount: order.totals.grandTotal, at: at(2) });
}

describe('order money invariants (property)', () => {
  it('holds over random edits, cancellations, re-sourcing, shipments and appeasements', () => {
    fc.assert(
      fc.property(fc.array(operation, { minLength: 1, maxLength: 25 }), (operations) => {
        let order = authorizedOrder();
        operations.forEach((op, step) => {
          const before = order;
          order = apply(order, op, step);
          const summary = moneySummary(order);
          expect(summary.refunded.amount + summary.credited.amount).toBeLessThanOrEqual(summary.captured.amount);
          expect(summary.captured.amount).toBeLessThanOrEqual(summary.authorized.amount);
          expect(summary.captured.amount).toBeLessThanOrEqual(order.totals.grandTotal.amount);
          expect(summary.outstandingAuthorization.amount).toBe(Math.max(0, summary.authorized.amount - summary.captured.amount - summary.voided.amount));
          for (const line of order.lines) expect(line.cancelledQuantity ?? 0).toBeLessThanOrEqual(line.quantity);
          // Once anything was charged, an edit never lands (the charges were cut from the old total).
          if (op.kind === 'edit' && moneySummary(before).captured.amount > 0) expect(order).toBe(before);
          // The totals always add up from the lines.
          const subtotal = order.lines.reduce((sum, line) => sum + line.quantity * line.unitPrice.amount, 0);
          const discounts = order.lines.reduce((sum, line) => sum + line.discount.amount, 0);
          expect(order.totals.grandTotal.amount).toBe(subtotal - discounts + order.totals.shippingTotal.amount + order.totals.taxTotal.amount);
        });
      }),
      { numRuns: 300 },
    );
  });
});

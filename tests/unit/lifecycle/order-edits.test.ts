/** The edit rules of the domain: what an edit may change, what it takes out of the plan, and what it costs. */
import { describe, expect, it } from 'vitest';
import type { Order } from '../../../shared/contracts/order';
import { planOrderEdit } from '../../../shared/domain/lifecycle/order-edits';
import { withPayment } from '../../../shared/domain/lifecycle/order-lifecycle';
import { at, hoodieLine, moveShipment, orderInFulfilment, tshirtLine } from '../fixtures/lifecycle';
import { placedOrder } from '../fixtures/orders';

const context = { at: at(30), by: 'agent-7' };
const eur = (amount: number) => ({ amount, currency: 'EUR' });

/** Two shipments, one per line, both requested from their warehouse; the whole total authorized. */
function splitOrderInFulfilment(): Order {
  const order = orderInFulfilment({
    shipments: [
      { locationId: 'wh-leipzig', lines: [{ sku: 'TSHIRT-BLK-M', quantity: 2 }] },
      { locationId: 'wh-munich', lines: [{ sku: 'HOODIE-GRY-L', quantity: 1 }] },
    ],
  });
  return withPayment(order, { type: 'AUTHORIZATION', id: 'auth_1', amount: order.totals.grandTotal, at: at(2) });
}

describe('planOrderEdit', () => {
  it('re-prices a raised quantity, asks for only the difference, and takes out only the shipment carrying that line', () => {
    // Prepare
    const order = splitOrderInFulfilment();
    const tshirt = order.lines.find((line) => line.lineId === tshirtLine());

    // Act
    const plan = planOrderEdit(order, { reason: 'one more', lines: [{ lineId: tshirtLine(), quantity: 3 }] }, context);

    // Assess
    const unitPrice = tshirt?.unitPrice.amount ?? 0;
    expect(plan.authorizationIncrease).toEqual(eur(unitPrice));
    expect(plan.totalDifference).toEqual(eur(unitPrice));
    expect(plan.edited.totals.grandTotal.amount).toBe(order.totals.grandTotal.amount + unitPrice);
    expect(plan.affectedShipments.map((shipment) => shipment.locationId)).toEqual(['wh-leipzig']);
    expect(plan.edited.shipments?.map((shipment) => shipment.status)).toEqual(['CANCELLED', 'FULFILMENT_REQUESTED']);
    expect(plan.edited.activity).toEqual([expect.objectContaining({ type: 'EDITED', by: 'agent-7', reason: 'one more', amount: eur(unitPrice) })]);
  });

  it('asks for nothing more when the edit makes the order cheaper, and numbers an added line after the others', () => {
    // Prepare
    const order = splitOrderInFulfilment();

    // Act
    const plan = planOrderEdit(order, { reason: 'swap', lines: [{ lineId: hoodieLine(), quantity: 0 }, { sku: 'CAP-RED', quantity: 1, unitPrice: eur(500) }] }, context);

    // Assess
    expect(plan.authorizationIncrease).toEqual(eur(0));
    expect(plan.totalDifference.amount).toBeLessThan(0);
    expect(plan.edited.lines.map((line) => [line.lineId, line.quantity])).toEqual([
      [tshirtLine(), 2],
      [hoodieLine(), 0],
      ['ord_01-3', 1],
    ]);
    expect(plan.affectedShipments.map((shipment) => shipment.locationId)).toEqual(['wh-munich']);
  });

  it('takes every live shipment out of the plan when the address changes', () => {
    // Prepare
    const order = splitOrderInFulfilment();

    // Act
    const plan = planOrderEdit(order, { reason: 'moved', shippingAddress: { name: 'Ada', line1: 'Marienplatz 1', city: 'München', postalCode: '80331', country: 'DE' } }, context);

    // Assess
    expect(plan.affectedShipments).toHaveLength(2);
    expect(plan.edited.shippingAddress?.city).toBe('München');
  });

  it('refuses with SHIPMENT_ALREADY_PACKED when an affected shipment is packed, but edits a line the packed shipment does not carry', () => {
    // Prepare
    const order = splitOrderInFulfilment();
    const packed = moveShipment(order, `${order.id}-S1`, ['PACKED']);

    // Act
    const touchingPacked = () => planOrderEdit(packed, { reason: 'x', lines: [{ lineId: tshirtLine(), quantity: 1 }] }, context);
    const elsewhere = planOrderEdit(packed, { reason: 'x', lines: [{ lineId: hoodieLine(), quantity: 2 }] }, context);

    // Assess
    expect(touchingPacked).toThrow(expect.objectContaining({ kind: 'conflict', code: 'SHIPMENT_ALREADY_PACKED' }));
    expect(elsewhere.affectedShipments.map((shipment) => shipment.shipmentId)).toEqual([`${order.id}-S2`]);
  });

  it('refuses orders being allocated (retry), charged, or cancelled, and edits that empty the order or name unknown lines', () => {
    // Prepare
    const inFulfilment = splitOrderInFulfilment();
    const charged = withPayment(inFulfilment, { type: 'CAPTURE', id: 'cap_1', amount: eur(100), shipmentId: `${inFulfilment.id}-S1`, at: at(5) });
    const beingCancelled: Order = { ...inFulfilment, cancellation: { requestedAt: at(5), requestedBy: 'demo-web', reason: 'x' } };
    const edit = { reason: 'x', lines: [{ lineId: tshirtLine(), quantity: 1 }] };

    // Act
    const attempts = {
      placed: () => planOrderEdit(placedOrder(), edit, context),
      charged: () => planOrderEdit(charged, edit, context),
      cancelled: () => planOrderEdit(beingCancelled, edit, context),
      emptied: () => planOrderEdit(inFulfilment, { reason: 'x', lines: [{ lineId: tshirtLine(), quantity: 0 }, { lineId: hoodieLine(), quantity: 0 }] }, context),
      unknown: () => planOrderEdit(inFulfilment, { reason: 'x', lines: [{ lineId: 'nope', quantity: 1 }] }, context),
    };

    // Assess
    expect(attempts.placed).toThrow(expect.objectContaining({ code: 'ORDER_BEING_ALLOCATED', retryAfterSeconds: 2 }));
    expect(attempts.charged).toThrow(expect.objectContaining({ code: 'ORDER_NOT_EDITABLE' }));
    expect(attempts.cancelled).toThrow(expect.objectContaining({ code: 'ORDER_BEING_CANCELLED' }));
    expect(attempts.emptied).toThrow(expect.objectContaining({ code: 'EDIT_EMPTIES_ORDER' }));
    expect(attempts.unknown).toThrow(expect.objectContaining({ code: 'UNKNOWN_LINE', errors: [expect.objectContaining({ path: 'lines[0].lineId' })] }));
  });
});

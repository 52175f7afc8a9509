import { describe, expect, it } from 'vitest';
import type { CarrierEvent } from '../../../../shared/contracts/lifecycle-api';
import type { Order } from '../../../../shared/contracts/order';
import { LifecyclePoliciesSchema } from '../../../../shared/domain/lifecycle/lifecycle-policy';
import { deliveryWaitId } from '../../../../shared/ports/lifecycle-waits';
import { applyCarrierEvent } from '../../../../shared/use-cases/lifecycle/apply-carrier-event';
import { lifecycleWorld, moveOrderThrough, moveShipment, orderInFulfilment, type PlannedShipmentSpec } from '../../fixtures/lifecycle';

const scan = (extra: Partial<CarrierEvent> = {}): CarrierEvent => ({
  eventId: 'dhl-1',
  shipmentReference: 'ord_01-S1',
  trackingNumber: 'TRK-1',
  status: 'DELIVERED',
  occurredAt: '2025-03-03T09:30:00Z',
  ...extra,
});

/** Every shipment handed to the carrier (tracking TRK-<n>), the order SHIPPED. */
function shippedOrder(shipments?: readonly PlannedShipmentSpec[]): Order {
  let order = orderInFulfilment(shipments ? { shipments } : {});
  for (const [index, shipment] of (order.shipments ?? []).entries()) {
    order = moveShipment(order, shipment.shipmentId, ['PACKED', 'SHIPPED'], { trackingNumber: `TRK-${index + 1}`, carrier: 'sandbox' });
  }
  return moveOrderThrough(order, ['SHIPPED']);
}

async function worldWithShippedOrder(shipments?: readonly PlannedShipmentSpec[], options: Parameters<typeof lifecycleWorld>[0] = {}) {
  const world = lifecycleWorld(options);
  const order = await world.store(shippedOrder(shipments));
  for (const shipment of order.shipments ?? []) await world.waitFor('ord_01', deliveryWaitId(shipment.shipmentId), 'delivery');
  return { world, order };
}

describe('applyCarrierEvent', () => {
  it('DELIVERED: the shipment is delivered, its delivery wait resolved, and the order delivered with its only shipment', async () => {
    // Prepare
    const { world } = await worldWithShippedOrder();

    // Act
    const result = await applyCarrierEvent(scan(), world.deps);

    // Assess
    expect(result).toEqual({ eventId: 'dhl-1', orderId: 'ord_01', shipmentId: 'ord_01-S1', shipmentStatus: 'DELIVERED', orderStatus: 'DELIVERED' });
    const saved = await world.saved('ord_01');
    expect(saved.shipments?.[0]?.history.at(-1)).toEqual({ status: 'DELIVERED', at: world.clock.now.toISOString(), reason: 'Carrier: DELIVERED at 2025-03-03T09:30:00Z' });
    expect(world.deps.workflow.succeeded).toEqual([{ taskToken: 'token:ord_01:delivery#ord_01-S1', output: { status: 'DELIVERED' } }]);
    expect(world.deps.waits.all).toEqual([]);
    expect(world.transport.ofType('ShipmentStatusChanged').map((event) => event.data)).toEqual([
      expect.objectContaining({ shipmentId: 'ord_01-S1', from: 'SHIPPED', to: 'DELIVERED', trackingNumber: 'TRK-1' }),
    ]);
  });

  it('keeps the order SHIPPED until its last shipment is delivered', async () => {
    // Prepare
    const { world } = await worldWithShippedOrder([
      { locationId: 'wh-leipzig', lines: [{ sku: 'TSHIRT-BLK-M', quantity: 2 }] },
      { locationId: 'wh-munich', lines: [{ sku: 'HOODIE-GRY-L', quantity: 1 }] },
    ]);

    // Act
    const first = await applyCarrierEvent(scan(), world.deps);
    const last = await applyCarrierEvent(scan({ eventId: 'dhl-2', shipmentReference: 'ord_01-S2', trackingNumber: 'TRK-2' }), world.deps);

    // Assess
    expect(first.orderStatus).toBe('SHIPPED');
    expect(last.orderStatus).toBe('DELIVERED');
    expect(world.deps.workflow.succeeded.map((call) => call.taskToken)).toEqual(['token:ord_01:delivery#ord_01-S1', 'token:ord_01:delivery#ord_01-S2']);
  });

  it('DELIVERED of a transfer to a store: ready for pickup there until the pickup deadline, still waiting for the customer', async () => {
    // Prepare
    const policies = LifecyclePoliciesSchema.parse({ channels: { 'demo-web': { pickupDeadlineSeconds: 3 * 24 * 3600 } } });
    const { world } = await worldWithShippedOrder([{ locationId: 'wh-leipzig', kind: 'transfer-to-store', lines: [{ sku: 'TSHIRT-BLK-M', quantity: 2 }, { sku: 'HOODIE-GRY-L', quantity: 1 }] }], { policies });

    // Act
    const result = await applyCarrierEvent(scan(), world.deps);

    // Assess
    expect(result).toMatchObject({ shipmentStatus: 'READY_FOR_PICKUP', orderStatus: 'SHIPPED' });
    const shipment = (await world.saved('ord_01')).shipments?.[0];
    expect(shipment?.pickupDeadline).toBe(new Date(world.clock.now.getTime() + 3 * 24 * 3600 * 1000).toISOString());
    expect(world.deps.workflow.answered).toEqual([]);
    expect(world.deps.waits.all).toHaveLength(1);
  });

  it('takes repeated scans without a change, and EXCEPTION as DELIVERY_EXCEPTION', async () => {
    // Prepare
    const { world } = await worldWithShippedOrder();

    // Act
    await applyCarrierEvent(scan({ eventId: 'dhl-1', status: 'IN_TRANSIT' }), world.deps);
    const version = (await world.saved('ord_01')).version;
    await applyCarrierEvent(scan({ eventId: 'dhl-2', status: 'IN_TRANSIT' }), world.deps);
    const unchanged = (await world.saved('ord_01')).version;
    const exception = await applyCarrierEvent(scan({ eventId: 'dhl-3', status: 'EXCEPTION', detail: 'Address not found' }), world.deps);

    // Assess
    expect(unchanged).toBe(version);
    expect(exception.shipmentStatus).toBe('DELIVERY_EXCEPTION');
    expect(world.transport.ofType('ShipmentStatusChanged').map((event) => [event.data.from, event.data.to])).toEqual([
      ['SHIPPED', 'IN_TRANSIT'],
      ['IN_TRANSIT', 'DELIVERY_EXCEPTION'],
    ]);
  });

  it('answers a resent event with the first answer, and refuses its id with another body', async () => {
    // Prepare
    const { world } = await worldWithShippedOrder();
    const first = await applyCarrierEvent(scan({ status: 'IN_TRANSIT' }), world.deps);
    await applyCarrierEvent(scan({ eventId: 'dhl-2' }), world.deps);

    // Act
    const again = await applyCarrierEvent(scan({ status: 'IN_TRANSIT' }), world.deps);
    const reused = applyCarrierEvent(scan({ status: 'OUT_FOR_DELIVERY' }), world.deps);

    // Assess
    expect(again).toEqual(first);
    await expect(reused).rejects.toMatchObject({ code: 'EVENT_ID_REUSED' });
    expect((await world.saved('ord_01')).shipments?.[0]?.status).toBe('DELIVERED');
  });

  it('refuses a tracking number that is not the shipment’s, and a scan the shipment cannot take', async () => {
    // Prepare
    const { world } = await worldWithShippedOrder();
    await applyCarrierEvent(scan(), world.deps);

    // Act
    const mismatch = applyCarrierEvent(scan({ eventId: 'dhl-2', trackingNumber: 'TRK-9' }), world.deps);
    const afterDelivery = applyCarrierEvent(scan({ eventId: 'dhl-3', status: 'IN_TRANSIT' }), world.deps);

    // Assess
    await expect(mismatch).rejects.toMatchObject({ kind: 'invalid', code: 'TRACKING_NUMBER_MISMATCH', errors: [expect.objectContaining({ path: 'trackingNumber' })] });
    await expect(afterDelivery).rejects.toMatchObject({ kind: 'conflict', code: 'ILLEGAL_SHIPMENT_TRANSITION' });
  });
});

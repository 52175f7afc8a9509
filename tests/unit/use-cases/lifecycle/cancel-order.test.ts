import { describe, expect, it } from 'vitest';
import { moveOrder } from '../../../../shared/domain/lifecycle/order-lifecycle';
import { fulfilmentWaitId } from '../../../../shared/ports/lifecycle-waits';
import { cancelOrder, type CancelOrderCommand } from '../../../../shared/use-cases/lifecycle/cancel-order';
import { anotherPlacedOrder, hoodieLine, lifecycleWorld, moveOrderThrough, moveShipment, orderInFulfilment, tshirtLine } from '../../fixtures/lifecycle';
import { placedOrder } from '../../fixtures/orders';

const twoLocations = [
  { locationId: 'wh-leipzig', lines: [{ sku: 'TSHIRT-BLK-M', quantity: 2 }] },
  { locationId: 'wh-munich', lines: [{ sku: 'HOODIE-GRY-L', quantity: 1 }] },
];

const command = (extra: Partial<CancelOrderCommand> = {}): CancelOrderCommand => ({
  orderId: 'ord_01',
  channelId: 'demo-web',
  requestedBy: 'demo-web',
  reason: 'Customer changed their mind',
  ...extra,
});

describe('cancelOrder, the whole order', () => {
  it('records the request and fails every pending token with OrderCancelled, leaving the compensation to the execution', async () => {
    // Prepare
    const world = lifecycleWorld();
    await world.store(orderInFulfilment({ shipments: twoLocations }));
    await world.waitFor('ord_01', fulfilmentWaitId('ord_01-S1'), 'fulfilment');
    await world.waitFor('ord_01', fulfilmentWaitId('ord_01-S2'), 'fulfilment');

    // Act
    const result = await cancelOrder(command(), world.deps);

    // Assess
    expect(result.outcome).toBe('cancellation-requested');
    const saved = await world.saved('ord_01');
    expect(saved.cancellation).toEqual({ requestedAt: world.clock.now.toISOString(), requestedBy: 'demo-web', reason: 'Customer changed their mind' });
    expect(saved.status).toBe('IN_FULFILMENT');
    expect(world.deps.workflow.failed).toEqual([
      { taskToken: 'token:ord_01:fulfilment#ord_01-S1', error: 'OrderCancelled', cause: 'Customer changed their mind' },
      { taskToken: 'token:ord_01:fulfilment#ord_01-S2', error: 'OrderCancelled', cause: 'Customer changed their mind' },
    ]);
    expect(world.deps.waits.all).toEqual([]);
    expect(world.transport.sent).toEqual([]);
    expect(world.deps.allocation.released).toEqual([]);
  });

  it('still lands when no token is pending: the next step reads the recorded request', async () => {
    // Prepare
    const world = lifecycleWorld();
    await world.store(placedOrder());

    // Act
    const result = await cancelOrder(command(), world.deps);

    // Assess
    expect(result.outcome).toBe('cancellation-requested');
    expect((await world.saved('ord_01')).cancellation?.reason).toBe('Customer changed their mind');
    expect(world.deps.workflow.answered).toEqual([]);
  });

  it('answers a repeated request without recording it again, and an order already CANCELLED as it is', async () => {
    // Prepare
    const world = lifecycleWorld();
    await world.store(placedOrder());
    await world.store(moveOrder(anotherPlacedOrder('ord_02'), 'CANCELLED', { at: '2025-03-01T10:05:00.000Z' }));
    await cancelOrder(command(), world.deps);
    const first = await world.saved('ord_01');

    // Act
    const again = await cancelOrder(command({ reason: 'Asked twice' }), world.deps);
    const cancelled = await cancelOrder(command({ orderId: 'ord_02' }), world.deps);

    // Assess
    expect(again).toEqual({ outcome: 'cancellation-requested', order: first });
    expect(await world.saved('ord_01')).toEqual(first);
    expect(cancelled.outcome).toBe('already-cancelled');
    expect((await world.saved('ord_02')).version).toBe(cancelled.order.version);
  });

  it('refuses once a shipment is packed or further, pointing to returns, and changes nothing', async () => {
    // Prepare
    const world = lifecycleWorld();
    const shipped = moveOrderThrough(moveShipment(orderInFulfilment(), 'ord_01-S1', ['PACKED', 'SHIPPED'], { trackingNumber: 'TRK-1' }), ['SHIPPED']);
    await world.store(shipped);
    await world.waitFor('ord_01', 'delivery#ord_01-S1', 'delivery');

    // Act
    const attempt = cancelOrder(command(), world.deps);

    // Assess
    await expect(attempt).rejects.toMatchObject({ kind: 'conflict', code: 'ORDER_ALREADY_SHIPPED', message: expect.stringContaining('POST /orders/ord_01/returns') });
    expect(await world.saved('ord_01')).toEqual(shipped);
    expect(world.deps.workflow.answered).toEqual([]);
    expect(world.deps.waits.all).toHaveLength(1);
  });

  it("reports another channel's order as not found and leaves it alone", async () => {
    // Prepare
    const world = lifecycleWorld();
    const theirs = await world.store(orderInFulfilment({ channelId: 'app-shop' }));

    // Act
    const attempt = cancelOrder(command(), world.deps);

    // Assess
    await expect(attempt).rejects.toMatchObject({ kind: 'not-found', code: 'ORDER_NOT_FOUND' });
    expect(await world.saved('ord_01')).toEqual(theirs);
  });

  it('refuses an order that has ended as ORDER_CLOSED', async () => {
    // Prepare
    const world = lifecycleWorld();
    await world.store(moveOrder(placedOrder(), 'REJECTED', { at: '2025-03-01T10:05:00.000Z' }));

    // Act
    const attempt = cancelOrder(command(), world.deps);

    // Assess
    await expect(attempt).rejects.toMatchObject({ kind: 'conflict', code: 'ORDER_CLOSED' });
  });
});

describe('cancelOrder, some lines', () => {
  it('cancels a line at once: its units, its emptied shipment and that shipment’s token, its hold, with events', async () => {
    // Prepare
    const world = lifecycleWorld();
    await world.store(orderInFulfilment({ shipments: twoLocations }));
    await world.waitFor('ord_01', fulfilmentWaitId('ord_01-S1'), 'fulfilment');
    await world.waitFor('ord_01', fulfilmentWaitId('ord_01-S2'), 'fulfilment');

    // Act
    const result = await cancelOrder(command({ lineIds: [hoodieLine()] }), world.deps);

    // Assess
    expect(result.outcome).toBe('lines-cancelled');
    const saved = await world.saved('ord_01');
    expect(saved.lines.map((line) => line.cancelledQuantity)).toEqual([undefined, 1]);
    expect(saved.shipments?.map((shipment) => shipment.status)).toEqual(['FULFILMENT_REQUESTED', 'CANCELLED']);
    expect(saved.cancellation?.lineIds).toEqual([hoodieLine()]);
    expect(saved.status).toBe('IN_FULFILMENT');
    expect(world.deps.workflow.failed).toEqual([{ taskToken: 'token:ord_01:fulfilment#ord_01-S2', error: 'OrderCancelled', cause: 'Customer changed their mind' }]);
    expect(world.deps.waits.all.map((wait) => wait.waitId)).toEqual([fulfilmentWaitId('ord_01-S1')]);
    expect(world.deps.allocation.released).toEqual([{ orderId: 'ord_01', only: [{ sku: 'HOODIE-GRY-L', locationId: 'wh-munich' }] }]);
    expect(world.transport.ofType('OrderCancelled').map((event) => event.data)).toEqual([expect.objectContaining({ lineIds: [hoodieLine()] })]);
    expect(world.transport.ofType('FulfilmentCancelled').map((event) => event.data)).toEqual([
      expect.objectContaining({ shipmentId: 'ord_01-S2', locationId: 'wh-munich', lineIds: [hoodieLine()] }),
    ]);
  });

  it('takes the line out of a shipment that keeps other lines, which goes on waiting to be packed', async () => {
    // Prepare
    const world = lifecycleWorld();
    await world.store(orderInFulfilment());
    await world.waitFor('ord_01', fulfilmentWaitId('ord_01-S1'), 'fulfilment');

    // Act
    await cancelOrder(command({ lineIds: [hoodieLine()] }), world.deps);

    // Assess
    const shipment = (await world.saved('ord_01')).shipments?.[0];
    expect(shipment?.status).toBe('FULFILMENT_REQUESTED');
    expect(shipment?.lines.map((line) => line.lineId)).toEqual([tshirtLine()]);
    expect(world.deps.workflow.answered).toEqual([]);
    expect(world.deps.allocation.released).toEqual([{ orderId: 'ord_01', only: [{ sku: 'HOODIE-GRY-L', locationId: 'wh-leipzig' }] }]);
    expect(world.transport.ofType('FulfilmentCancelled').map((event) => event.data)).toEqual([expect.objectContaining({ shipmentId: 'ord_01-S1', lineIds: [hoodieLine()] })]);
  });

  it('treats cancelling every line as cancelling the order', async () => {
    // Prepare
    const world = lifecycleWorld();
    await world.store(orderInFulfilment());
    await world.waitFor('ord_01', fulfilmentWaitId('ord_01-S1'), 'fulfilment');

    // Act
    const result = await cancelOrder(command({ lineIds: [tshirtLine(), hoodieLine()] }), world.deps);

    // Assess
    expect(result.outcome).toBe('cancellation-requested');
    expect((await world.saved('ord_01')).cancellation?.lineIds).toBeUndefined();
    expect(world.deps.workflow.failed.map((call) => call.error)).toEqual(['OrderCancelled']);
  });

  it('refuses a line in a packed shipment, while a line still waiting elsewhere can go', async () => {
    // Prepare
    const world = lifecycleWorld();
    await world.store(moveShipment(orderInFulfilment({ shipments: twoLocations }), 'ord_01-S1', ['PACKED']));

    // Act
    const packedLine = cancelOrder(command({ lineIds: [tshirtLine()] }), world.deps);
    const waitingLine = await cancelOrder(command({ lineIds: [hoodieLine()] }), world.deps);

    // Assess
    await expect(packedLine).rejects.toMatchObject({ code: 'ORDER_ALREADY_SHIPPED', message: expect.stringContaining('ord_01-S1 is already PACKED') });
    expect(waitingLine.outcome).toBe('lines-cancelled');
    expect(waitingLine.order.shipments?.map((shipment) => shipment.status)).toEqual(['PACKED', 'CANCELLED']);
  });

  it('names the unknown line ids', async () => {
    // Prepare
    const world = lifecycleWorld();
    await world.store(orderInFulfilment());

    // Act
    const attempt = cancelOrder(command({ lineIds: [hoodieLine(), 'ord_01-9'] }), world.deps);

    // Assess
    await expect(attempt).rejects.toMatchObject({
      kind: 'invalid',
      code: 'UNKNOWN_LINE',
      errors: [{ path: 'lineIds[1]', code: 'UNKNOWN_LINE', message: 'Order ord_01 has no line ord_01-9' }],
    });
    expect(world.transport.sent).toEqual([]);
  });
});

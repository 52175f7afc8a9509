import { describe, expect, it } from 'vitest';
import { withPayment } from '../../../../shared/domain/lifecycle/order-lifecycle';
import { getOrderTimeline } from '../../../../shared/use-cases/lifecycle/get-order-timeline';
import { at, lifecycleWorld, moveShipment, orderInFulfilment } from '../../fixtures/lifecycle';

describe('getOrderTimeline', () => {
  it('merges order, shipment, payment and execution history into one list, oldest first', async () => {
    // Prepare
    const world = lifecycleWorld();
    const packed = moveShipment(orderInFulfilment(), 'ord_01-S1', ['PACKED'], {}, 12);
    await world.store(withPayment(packed, { type: 'AUTHORIZATION', id: 'auth_1', amount: { amount: 10_246, currency: 'EUR' }, at: at(2) }));
    world.deps.workflow.withHistory('ord_01', [
      { timestamp: at(0.5), type: 'ExecutionStarted' },
      { timestamp: at(1.5), type: 'TaskStateEntered', stateName: 'AuthorizePayment' },
      { timestamp: at(11), type: 'TaskTimedOut', stateName: 'WaitForPacking', error: 'States.Timeout' },
    ]);

    // Act
    const timeline = await getOrderTimeline({ orderId: 'ord_01', reader: { channelId: 'demo-web', everyChannel: false } }, world.deps);

    // Assess
    expect(timeline.items.map((item) => [item.at, item.source, item.type])).toEqual([
      [at(0), 'order', 'PLACED'],
      [at(0.5), 'execution', 'ExecutionStarted'],
      [at(1), 'order', 'ALLOCATED'],
      [at(1), 'shipment', 'PENDING'],
      [at(1.5), 'execution', 'TaskStateEntered'],
      [at(2), 'order', 'PAYMENT_AUTHORIZED'],
      [at(2), 'payment', 'AUTHORIZATION'],
      [at(3), 'order', 'IN_FULFILMENT'],
      [at(3), 'shipment', 'FULFILMENT_REQUESTED'],
      [at(11), 'execution', 'TaskTimedOut'],
      [at(12), 'shipment', 'PACKED'],
    ]);
    expect(timeline.items[4]?.detail).toBe('AuthorizePayment');
    expect(timeline.items[6]?.detail).toBe('10246 EUR (minor units) · auth_1');
    expect(timeline.items[9]?.detail).toBe('WaitForPacking · States.Timeout');
    expect(timeline.items[3]?.detail).toBe('ord_01-S1 · wh-leipzig · Allocated to wh-leipzig');
  });

  it("reports another channel's order as not found", async () => {
    // Prepare
    const world = lifecycleWorld();
    await world.store(orderInFulfilment({ channelId: 'app-shop' }));

    // Act
    const attempt = getOrderTimeline({ orderId: 'ord_01', reader: { channelId: 'demo-web', everyChannel: false } }, world.deps);

    // Assess
    await expect(attempt).rejects.toMatchObject({ kind: 'not-found', code: 'ORDER_NOT_FOUND' });
  });
});

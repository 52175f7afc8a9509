import { describe, expect, it } from 'vitest';
import type { Order, OrderStatus } from '../../../shared/contracts/order';
import { listEscalations } from '../../../shared/use-cases/ops/list-escalations';
import { listHoldQueue } from '../../../shared/use-cases/ops/list-hold-queue';
import { InMemoryOrderRepository } from '../fakes/in-memory-order-repository';
import { placedOrder } from '../fixtures/orders';
import { InMemoryOrderOpsQueues } from './ops-fakes';
import { opsQueueKeys } from '../../../shared/adapters/dynamodb/order-keys';
import { moveOrder, updateShipment } from '../../../shared/domain/lifecycle/order-lifecycle';
import { orderInFulfilment } from '../fixtures/lifecycle';

const at = (minute: number) => new Date(Date.UTC(2025, 2, 10, 12, minute)).toISOString();
const riskReasons = [{ code: 'COUNTRY_MISMATCH', message: 'Billing country FR differs from shipping country DE' }];

function world() {
  const orders = new InMemoryOrderRepository();
  const queues = new InMemoryOrderOpsQueues(orders);
  const store = async (orderId: string, status: OrderStatus, minute: number, extra: Partial<Order> = {}) => {
    const base = placedOrder({ orderId, placedAt: at(0) });
    const order: Order = {
      ...base,
      channelOrderRef: `REF-${orderId}`,
      status,
      updatedAt: at(minute),
      statusHistory: [...base.statusHistory, { status, at: at(minute), by: { type: 'system', id: 'oms' } }],
      ...extra,
    };
    await orders.insert({ order, requestFingerprint: 'fp' });
    return order;
  };
  return { orders, queues, deps: { orders, queues }, store };
}

const held = (extra: Partial<Order> = {}): Partial<Order> => ({ risk: { decision: 'hold', reasons: riskReasons }, ...extra });

describe('listHoldQueue', () => {
  it('lists the held orders that wait for a review, oldest first, with why they were held and since when', async () => {
    // Prepare
    const { deps, store } = world();
    await store('ord_held_later', 'ON_HOLD', 30, held());
    await store('ord_held_first', 'ON_HOLD', 10, held());
    await store('ord_approved', 'ON_HOLD', 5, held({ risk: { decision: 'accept', reasons: riskReasons, reviewedBy: 'ops-1', reviewedAt: at(20) } }));
    await store('ord_escalated', 'ON_HOLD', 6, held({ escalation: { by: 'cs-1', reason: 'VIP', at: at(7) } }));
    await store('ord_cancelling', 'ON_HOLD', 8, held({ cancellation: { requestedAt: at(9), requestedBy: 'demo-web', reason: 'customer asked' } }));
    await store('ord_allocated', 'ALLOCATED', 1);

    // Act
    const { items, nextCursor } = await listHoldQueue({ limit: 25 }, deps);

    // Assess
    expect(items).toEqual([
      { orderId: 'ord_held_first', channelId: 'demo-web', since: at(10), reasons: riskReasons, grandTotal: expect.objectContaining({ currency: 'EUR' }) },
      { orderId: 'ord_held_later', channelId: 'demo-web', since: at(30), reasons: riskReasons, grandTotal: expect.objectContaining({ currency: 'EUR' }) },
    ]);
    expect(nextCursor).toBeUndefined();
  });

  it('pages with a cursor', async () => {
    const { deps, store } = world();
    for (const minute of [1, 2, 3, 4, 5]) await store(`ord_${minute}`, 'ON_HOLD', minute, held());

    const first = await listHoldQueue({ limit: 2 }, deps);
    const second = await listHoldQueue({ limit: 2, cursor: first.nextCursor }, deps);
    const third = await listHoldQueue({ limit: 2, cursor: second.nextCursor }, deps);

    expect([first, second, third].map((page) => page.items.map((item) => item.orderId))).toEqual([['ord_1', 'ord_2'], ['ord_3', 'ord_4'], ['ord_5']]);
    expect(third.nextCursor).toBeUndefined();
  });
});

describe('listEscalations', () => {
  it('lists escalated orders of any status, oldest escalation first, with who escalated them and why', async () => {
    // Prepare
    const { deps, store } = world();
    await store('ord_done', 'COMPLETED', 50, { escalation: { by: 'cs-2', reason: 'Parcel arrived damaged', at: at(55) } });
    await store('ord_held', 'ON_HOLD', 5, held({ escalation: { by: 'cs-1', reason: 'VIP customer waiting', at: at(6) } }));
    await store('ord_plain', 'IN_FULFILMENT', 1);

    // Act
    const { items } = await listEscalations({ limit: 25 }, deps);

    // Assess
    expect(items).toEqual([
      { orderId: 'ord_held', channelId: 'demo-web', status: 'ON_HOLD', by: 'cs-1', reason: 'VIP customer waiting', at: at(6) },
      { orderId: 'ord_done', channelId: 'demo-web', status: 'COMPLETED', by: 'cs-2', reason: 'Parcel arrived damaged', at: at(55) },
    ]);
  });

  it('leaves out an escalation customer service cleared since the queue was read', async () => {
    const { deps, store, orders, queues } = world();
    const order = await store('ord_cleared', 'SHIPPED', 5, { escalation: { by: 'cs-1', reason: 'Where is it?', at: at(6) } });
    queues.snapshot();
    const { escalation: _cleared, ...withoutEscalation } = order;
    await orders.update({ ...withoutEscalation, version: order.version + 1 }, order.version);

    const { items } = await listEscalations({ limit: 25 }, deps);

    expect(items).toEqual([]);
  });
});

describe('the ops-queue index keys', () => {
  it('move with a status change only, so the lifecycle\'s other writes never rewrite the index entry', () => {
    // Prepare
    const inFulfilment = orderInFulfilment();
    const shipmentId = inFulfilment.shipments?.[0]?.shipmentId ?? '';

    // Act
    const packed = updateShipment(inFulfilment, shipmentId, at(40), () => ({}), { to: 'PACKED' });
    const shipped = moveOrder(packed, 'SHIPPED', { at: at(41) });

    // Assess
    expect(packed.updatedAt).not.toBe(inFulfilment.updatedAt);
    expect(opsQueueKeys(packed)).toEqual(opsQueueKeys(inFulfilment));
    expect(opsQueueKeys(shipped)).not.toEqual(opsQueueKeys(inFulfilment));
  });
});

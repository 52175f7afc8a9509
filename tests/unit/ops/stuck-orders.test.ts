import { describe, expect, it } from 'vitest';
import { orderStatuses, type Order, type OrderStatus } from '../../../shared/contracts/order';
import { terminalOrderStatuses } from '../../../shared/domain/lifecycle/status-transitions';
import { defaultServiceLevels, openOrderStatuses, ServiceLevelsSchema } from '../../../shared/domain/ops/service-levels';
import { InvalidRequestError } from '../../../shared/domain/errors';
import { listStuckOrders } from '../../../shared/use-cases/ops/list-stuck-orders';
import { InMemoryLifecycleWaits } from '../fakes/in-memory-lifecycle-waits';
import { InMemoryOrderRepository } from '../fakes/in-memory-order-repository';
import { placedOrder } from '../fixtures/orders';
import { FakeExecutionOperations, InMemoryOrderOpsQueues } from './ops-fakes';

const now = new Date('2025-03-10T12:00:00.000Z');
const ago = (seconds: number) => new Date(now.getTime() - seconds * 1000).toISOString();
const minutes = 60;
const hours = 3600;

function world() {
  const orders = new InMemoryOrderRepository();
  const queues = new InMemoryOrderOpsQueues(orders);
  const waits = new InMemoryLifecycleWaits();
  const executions = new FakeExecutionOperations();
  const deps = { orders, queues, waits, executions, serviceLevels: defaultServiceLevels, now: () => now };
  const store = async (orderId: string, status: OrderStatus, idleSeconds: number, extra: Partial<Order> = {}) => {
    const placed = placedOrder({ orderId });
    // In `status` since `idleSeconds` ago: the service level counts from the status change.
    const entered = { status, at: ago(idleSeconds), by: { type: 'system' as const, id: 'test' } };
    const order: Order = { ...placed, channelOrderRef: `REF-${orderId}`, status, updatedAt: ago(idleSeconds), statusHistory: [...placed.statusHistory, entered], ...extra };
    await orders.insert({ order, requestFingerprint: 'fp' });
    return order;
  };
  return { orders, queues, waits, executions, deps, store };
}

describe('service levels', () => {
  it('has one per status an order can still leave, and none for a terminal status', () => {
    expect([...openOrderStatuses].sort()).toEqual(orderStatuses.filter((status) => !terminalOrderStatuses.includes(status)).sort());
  });

  it('takes overrides per status over the defaults, and refuses an unknown status or a non-positive duration', () => {
    expect(ServiceLevelsSchema.parse({ PLACED: 60 })).toEqual({ ...defaultServiceLevels, PLACED: 60 });
    expect(defaultServiceLevels).toMatchObject({ PLACED: 15 * minutes, ALLOCATED: hours, PAYMENT_AUTHORIZED: hours, IN_FULFILMENT: 48 * hours, SHIPPED: 7 * 24 * hours });
    expect(ServiceLevelsSchema.safeParse({ COMPLETED: 60 }).success).toBe(false);
    expect(ServiceLevelsSchema.safeParse({ PLACED: 0 }).success).toBe(false);
  });
});

describe('listStuckOrders', () => {
  it('lists the open orders idle past their status’s service level, most overdue first, with what each waits for', async () => {
    // Prepare
    const { deps, store, waits, executions } = world();
    await store('ord_placed_fresh', 'PLACED', 10 * minutes);
    await store('ord_placed_stuck', 'PLACED', 20 * minutes);
    await store('ord_fulfilment_stuck', 'IN_FULFILMENT', 50 * hours);
    await store('ord_fulfilment_fresh', 'IN_FULFILMENT', 47 * hours);
    await store('ord_completed_long_ago', 'COMPLETED', 400 * hours);
    await store('ord_escalated', 'PLACED', 30 * minutes, { escalation: { by: 'cs-1', reason: 'called', at: ago(25 * minutes) } });
    await waits.register({ orderId: 'ord_fulfilment_stuck', waitId: 'fulfilment#shp_1', kind: 'fulfilment', taskToken: 't1', createdAt: ago(50 * hours) });
    executions.positions.set('lifecycle:ord_placed_stuck', { status: 'FAILED', state: 'OrderFailed' });

    // Act
    const { items, nextCursor } = await listStuckOrders({ limit: 25 }, deps);

    // Assess: 2 h past 48 h, then 5 min past 15 min
    expect(items).toEqual([
      {
        orderId: 'ord_fulfilment_stuck',
        channelId: 'demo-web',
        status: 'IN_FULFILMENT',
        since: ago(50 * hours),
        waitingFor: { summary: 'waiting for fulfilment#shp_1', waits: [{ kind: 'fulfilment', waitId: 'fulfilment#shp_1', since: ago(50 * hours) }] },
        slaSeconds: 48 * hours,
        overdueSeconds: 2 * hours,
      },
      {
        orderId: 'ord_placed_stuck',
        channelId: 'demo-web',
        status: 'PLACED',
        since: ago(20 * minutes),
        waitingFor: { summary: 'execution FAILED in OrderFailed', waits: [], execution: { status: 'FAILED', state: 'OrderFailed' } },
        slaSeconds: 15 * minutes,
        overdueSeconds: 5 * minutes,
      },
    ]);
    expect(nextCursor).toBeUndefined();
  });

  it('pages through every stuck order of every status exactly once, in deadline order', async () => {
    // Prepare: 7 stuck orders over three statuses, some with the same deadline
    const { deps, store } = world();
    await store('ord_a', 'PLACED', 16 * minutes);
    await store('ord_b', 'PLACED', 3 * hours);
    await store('ord_c', 'ALLOCATED', 2 * hours);
    await store('ord_d', 'ALLOCATED', 3 * hours);
    await store('ord_e', 'SHIPPED', 8 * 24 * hours);
    await store('ord_f', 'PAYMENT_AUTHORIZED', 2 * hours);
    await store('ord_g', 'PLACED', 20 * minutes);

    // Act
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await listStuckOrders({ limit: 2, ...(cursor && { cursor }) }, deps);
      seen.push(...page.items.map((item) => item.orderId));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor && pages < 10);

    // Assess: most overdue first (ord_e is a day past, ord_b 2 h 45 min, ord_d 2 h, ...); c and f share a deadline, by id
    expect(seen).toEqual(['ord_e', 'ord_b', 'ord_d', 'ord_c', 'ord_f', 'ord_g', 'ord_a']);
  });

  it('lists one status only when asked', async () => {
    const { deps, store } = world();
    await store('ord_a', 'PLACED', 16 * minutes);
    await store('ord_c', 'ALLOCATED', 2 * hours);

    const { items } = await listStuckOrders({ status: 'ALLOCATED', limit: 25 }, deps);

    expect(items.map((item) => item.orderId)).toEqual(['ord_c']);
  });

  it('leaves out an order that changed since the queue was read: it is not idle any more', async () => {
    // Prepare: the queue still shows the order idle, the order itself has just moved on
    const { deps, store, orders, queues } = world();
    const order = await store('ord_moving', 'PLACED', 20 * minutes);
    queues.snapshot();
    await orders.update({ ...order, status: 'ALLOCATED', updatedAt: now.toISOString(), version: order.version + 1 }, order.version);

    // Act
    const { items } = await listStuckOrders({ limit: 25 }, deps);

    // Assess
    expect(items).toEqual([]);
  });

  it('says when an order’s execution has not started, and where a running one is', async () => {
    const { deps, store, executions } = world();
    await store('ord_unstarted', 'PLACED', 20 * minutes);
    await store('ord_running', 'PLACED', 30 * minutes);
    executions.positions.set('lifecycle:ord_running', { status: 'RUNNING', state: 'Intake' });

    const { items } = await listStuckOrders({ limit: 25 }, deps);

    expect(items.map((item) => item.waitingFor.summary)).toEqual(['running Intake', 'no execution started']);
  });

  it.each(['not-base64-json', Buffer.from(JSON.stringify({ at: 'x' })).toString('base64url')])('refuses a cursor it did not issue (%s) with INVALID_CURSOR on the cursor field', async (cursor) => {
    const { deps } = world();

    const attempt = listStuckOrders({ limit: 25, cursor }, deps);

    await expect(attempt).rejects.toBeInstanceOf(InvalidRequestError);
    await expect(attempt).rejects.toMatchObject({ code: 'INVALID_CURSOR', errors: [{ path: 'cursor' }] });
  });
});

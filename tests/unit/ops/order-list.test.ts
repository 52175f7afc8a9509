import { describe, expect, it } from 'vitest';
import type { Order, OrderStatus } from '../../../shared/contracts/order';
import { listOrdersAcrossChannels } from '../../../shared/use-cases/ops/list-orders-across-channels';
import { InMemoryOrderRepository } from '../fakes/in-memory-order-repository';
import { placedOrder } from '../fixtures/orders';
import { InMemoryOrderOpsQueues } from './ops-fakes';

const now = new Date('2026-03-10T12:00:00.000Z');
const minute = (n: number) => new Date(Date.UTC(2026, 2, 10, 11, n)).toISOString();

async function world(orders: { id: string; channelId: string; minute: number; status?: OrderStatus }[]) {
  const repository = new InMemoryOrderRepository();
  for (const spec of orders) {
    const order: Order = { ...placedOrder({ orderId: spec.id, channelId: spec.channelId, placedAt: minute(spec.minute) }), channelOrderRef: `REF-${spec.id}`, status: spec.status ?? 'PLACED' };
    await repository.insert({ order, requestFingerprint: 'fp' });
  }
  return { orders: repository, queues: new InMemoryOrderOpsQueues(repository), now: () => now };
}

const ids = (page: { items: Order[] }) => page.items.map((order) => order.id);

describe('listOrdersAcrossChannels', () => {
  it('pages every channel’s orders newest first, and a named channel’s own list', async () => {
    // Prepare
    const deps = await world([
      { id: 'ord_a1', channelId: 'shop-a', minute: 1 },
      { id: 'ord_b1', channelId: 'shop-b', minute: 2 },
      { id: 'ord_a2', channelId: 'shop-a', minute: 3 },
    ]);

    // Act
    const first = await listOrdersAcrossChannels({ limit: 2 }, deps);
    const second = await listOrdersAcrossChannels({ limit: 2, cursor: first.nextCursor }, deps);
    const onlyA = await listOrdersAcrossChannels({ limit: 10, channel: 'shop-a' }, deps);

    // Assess
    expect([ids(first), ids(second)]).toEqual([['ord_a2', 'ord_b1'], ['ord_a1']]);
    expect(second.nextCursor).toBeUndefined();
    expect(ids(onlyA)).toEqual(['ord_a2', 'ord_a1']);
  });

  it('keeps reading past orders of other statuses to fill the page, and hands on a cursor where it stopped', async () => {
    // Prepare: one COMPLETED order under nine others, then one more below
    const deps = await world([
      { id: 'ord_done_old', channelId: 'shop-a', minute: 0, status: 'COMPLETED' },
      ...Array.from({ length: 9 }, (_, index) => ({ id: `ord_open_${index}`, channelId: 'shop-a', minute: 10 + index })),
      { id: 'ord_done_new', channelId: 'shop-b', minute: 30, status: 'COMPLETED' },
    ]);

    // Act
    const first = await listOrdersAcrossChannels({ limit: 1, status: 'COMPLETED' }, deps);
    const second = await listOrdersAcrossChannels({ limit: 1, status: 'COMPLETED', cursor: first.nextCursor }, deps);
    const rest = [];
    let cursor = second.nextCursor;
    while (cursor) {
      const page = await listOrdersAcrossChannels({ limit: 1, status: 'COMPLETED', cursor }, deps);
      rest.push(...ids(page));
      cursor = page.nextCursor;
    }

    // Assess: the second page reads at most 5 index pages, so it comes back short with a cursor
    expect(ids(first)).toEqual(['ord_done_new']);
    expect(ids(second)).toEqual([]);
    expect(second.nextCursor).toBeDefined();
    expect(rest).toEqual(['ord_done_old']);
  });

  it('refuses a customer without a channel and a reversed window, naming the field', async () => {
    const deps = await world([]);

    await expect(listOrdersAcrossChannels({ limit: 5, customerId: 'cust-1' }, deps)).rejects.toMatchObject({ code: 'CHANNEL_REQUIRED', errors: [{ path: 'channel' }] });
    await expect(listOrdersAcrossChannels({ limit: 5, placedFrom: minute(5), placedTo: minute(1) }, deps)).rejects.toMatchObject({ code: 'INVALID_DATE_RANGE', errors: [{ path: 'placedFrom' }] });
  });

  it('looks back 24 months when no placedFrom is given', async () => {
    const deps = await world([
      { id: 'ord_recent', channelId: 'shop-a', minute: 1 },
    ]);
    const old: Order = { ...placedOrder({ orderId: 'ord_old', placedAt: '2024-03-09T12:00:00.000Z' }), channelOrderRef: 'REF-old' };
    await deps.orders.insert({ order: old, requestFingerprint: 'fp' });

    const page = await listOrdersAcrossChannels({ limit: 10 }, deps);

    expect(ids(page)).toEqual(['ord_recent']);
  });
});

import { describe, expect, it } from 'vitest';
import { NotFoundError } from '../../../shared/domain/errors';
import { fingerprintOrderRequest } from '../../../shared/domain/order';
import { getOrder } from '../../../shared/use-cases/get-order';
import { InMemoryOrderRepository } from '../fakes/in-memory-order-repository';
import { placedOrder, validPlaceOrderRequest } from '../fixtures/orders';

async function repositoryWith(...orders: ReturnType<typeof placedOrder>[]) {
  const repository = new InMemoryOrderRepository();
  for (const order of orders) await repository.insert({ order, requestFingerprint: fingerprintOrderRequest(validPlaceOrderRequest()) });
  return repository;
}

const demoWeb = { channelId: 'demo-web', everyChannel: false };

describe('getOrder', () => {
  it("returns the channel's own order", async () => {
    // Prepare
    const order = placedOrder({ orderId: 'ord_own', channelId: 'demo-web' });
    const orders = await repositoryWith(order);

    // Act
    const found = await getOrder({ reader: demoWeb, orderId: 'ord_own' }, { orders });

    // Assess
    expect(found).toEqual(order);
  });

  it("reports another channel's order as not found, so its existence does not leak", async () => {
    // Prepare
    const orders = await repositoryWith(placedOrder({ orderId: 'ord_theirs', channelId: 'app-shop' }));

    // Act
    const attempt = getOrder({ reader: demoWeb, orderId: 'ord_theirs' }, { orders });

    // Assess
    await expect(attempt).rejects.toBeInstanceOf(NotFoundError);
    await expect(attempt).rejects.toMatchObject({ kind: 'not-found', code: 'ORDER_NOT_FOUND', message: 'Order ord_theirs does not exist' });
  });

  it('lets a reader of every channel (an ops or customer-service key) read another channel’s order', async () => {
    // Prepare
    const order = placedOrder({ orderId: 'ord_theirs', channelId: 'app-shop' });
    const orders = await repositoryWith(order);

    // Act
    const found = await getOrder({ reader: { channelId: 'ops-team', everyChannel: true }, orderId: 'ord_theirs' }, { orders });

    // Assess
    expect(found).toEqual(order);
  });

  it('reports an unknown order id as ORDER_NOT_FOUND', async () => {
    // Prepare
    const orders = await repositoryWith();

    // Act
    const attempt = getOrder({ reader: demoWeb, orderId: 'ord_missing' }, { orders });

    // Assess
    await expect(attempt).rejects.toMatchObject({ name: 'NotFoundError', code: 'ORDER_NOT_FOUND' });
  });
});

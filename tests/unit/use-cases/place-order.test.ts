import { describe, expect, it } from 'vitest';
import { BusinessRuleViolation, ConflictError } from '../../../shared/domain/errors';
import { fingerprintOrderRequest } from '../../../shared/domain/order';
import type { OrderRepository } from '../../../shared/ports/order-repository';
import { placeOrder, type PlaceOrderDependencies } from '../../../shared/use-cases/place-order';
import { InMemoryOrderRepository } from '../fakes/in-memory-order-repository';
import { validPlaceOrderRequest } from '../fixtures/orders';

const channelId = 'demo-web';
const placedAt = '2025-03-01T10:00:00.000Z';

function dependencies(orders: OrderRepository = new InMemoryOrderRepository()): PlaceOrderDependencies {
  let sequence = 0;
  return {
    orders,
    newOrderId: () => `ord_${String(++sequence).padStart(3, '0')}`,
    now: () => new Date(placedAt),
  };
}

describe('placeOrder', () => {
  it('creates the order on first sight and stores it with the fingerprint of the request', async () => {
    // Prepare
    const orders = new InMemoryOrderRepository();
    const request = validPlaceOrderRequest();

    // Act
    const result = await placeOrder({ channelId, request }, dependencies(orders));

    // Assess
    expect(result.created).toBe(true);
    expect(result.order).toMatchObject({ id: 'ord_001', channelId, channelOrderRef: 'WEB-100234', status: 'PLACED', placedAt });
    expect(result.order.statusHistory).toEqual([
      { status: 'PLACED', at: placedAt, by: { type: 'channel', id: channelId }, reason: 'Order captured' },
    ]);
    expect(orders.stored).toEqual([{ order: result.order, requestFingerprint: fingerprintOrderRequest(request) }]);
  });

  it('answers a resend of the same request with the existing order and created=false, storing nothing new', async () => {
    // Prepare
    const orders = new InMemoryOrderRepository();
    const deps = dependencies(orders);
    const first = await placeOrder({ channelId, request: validPlaceOrderRequest() }, deps);

    // Act
    const second = await placeOrder({ channelId, request: validPlaceOrderRequest() }, deps);

    // Assess
    expect(second.created).toBe(false);
    expect(second.order.id).toBe('ord_001');
    expect(second.order).toEqual(first.order);
    expect(orders.stored).toHaveLength(1);
  });

  it('refuses the same channelOrderRef with different content as ConflictError DUPLICATE_CHANNEL_ORDER_REF', async () => {
    // Prepare
    const orders = new InMemoryOrderRepository();
    const deps = dependencies(orders);
    await placeOrder({ channelId, request: validPlaceOrderRequest() }, deps);
    const changed = validPlaceOrderRequest();
    changed.notes = 'please gift wrap';

    // Act
    const attempt = placeOrder({ channelId, request: changed }, deps);

    // Assess
    await expect(attempt).rejects.toBeInstanceOf(ConflictError);
    await expect(attempt).rejects.toMatchObject({
      kind: 'conflict',
      code: 'DUPLICATE_CHANNEL_ORDER_REF',
      errors: [{ path: 'channelOrderRef', code: 'DUPLICATE_CHANNEL_ORDER_REF', message: 'already used by order ord_001' }],
    });
    expect(orders.stored.map(({ order }) => order.id)).toEqual(['ord_001']);
    expect(orders.stored[0]?.order).not.toHaveProperty('notes');
  });

  it('lets two channels use the same channelOrderRef independently', async () => {
    // Prepare
    const orders = new InMemoryOrderRepository();
    const deps = dependencies(orders);
    await placeOrder({ channelId, request: validPlaceOrderRequest() }, deps);

    // Act
    const other = await placeOrder({ channelId: 'app-shop', request: validPlaceOrderRequest() }, deps);

    // Assess
    expect(other.created).toBe(true);
    expect(other.order).toMatchObject({ id: 'ord_002', channelId: 'app-shop' });
    expect(orders.stored).toHaveLength(2);
  });

  it('refuses a request that breaks a business rule with BusinessRuleViolation and stores nothing', async () => {
    // Prepare
    const orders = new InMemoryOrderRepository();
    const request = validPlaceOrderRequest();
    request.expectedTotal = { amount: 1, currency: 'EUR' };

    // Act
    const attempt = placeOrder({ channelId, request }, dependencies(orders));

    // Assess
    await expect(attempt).rejects.toBeInstanceOf(BusinessRuleViolation);
    await expect(attempt).rejects.toMatchObject({
      code: 'ORDER_RULES_VIOLATED',
      errors: [expect.objectContaining({ path: 'expectedTotal.amount', code: 'TOTAL_MISMATCH' })],
    });
    expect(orders.stored).toEqual([]);
  });

  it('fails loudly (not as a client error) when the reference is guarded but its order cannot be read', async () => {
    // Prepare: a repository whose guard exists while the order is missing
    const orders: OrderRepository = {
      insert: async () => ({ inserted: false, reason: 'channel-order-ref-taken' }),
      get: async () => undefined,
      getMany: async () => [],
      update: async () => false,
      findByChannelOrderRef: async () => undefined,
      list: async () => ({ orders: [] }),
    };

    // Act
    const attempt = placeOrder({ channelId, request: validPlaceOrderRequest() }, dependencies(orders));

    // Assess
    await expect(attempt).rejects.toThrow('Channel order reference WEB-100234 is guarded but its order is missing');
    await expect(attempt).rejects.not.toBeInstanceOf(ConflictError);
  });
});

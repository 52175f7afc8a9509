import { describe, expect, it, vi } from 'vitest';
import { BusinessRuleViolation } from '../../../shared/domain/errors';
import { listOrders } from '../../../shared/use-cases/list-orders';
import { InMemoryOrderRepository } from '../fakes/in-memory-order-repository';
import { placedOrder } from '../fixtures/orders';

const channelId = 'demo-web';

async function repositoryWithThreeOrders() {
  const orders = new InMemoryOrderRepository();
  const placements = [
    { orderId: 'ord_a', placedAt: '2025-03-01T10:00:00.000Z' },
    { orderId: 'ord_b', placedAt: '2025-03-02T10:00:00.000Z' },
    { orderId: 'ord_c', placedAt: '2025-03-03T10:00:00.000Z' },
  ];
  for (const [index, placement] of placements.entries()) {
    const order = { ...placedOrder({ ...placement, channelId }), channelOrderRef: `REF-${index}` };
    await orders.insert({ order, requestFingerprint: 'fingerprint' });
  }
  return orders;
}

describe('listOrders', () => {
  it.each([
    ['after', '2025-03-02T00:00:00Z', '2025-03-01T00:00:00Z'],
    ['equal to', '2025-03-01T00:00:00Z', '2025-03-01T00:00:00Z'],
  ])('refuses placedFrom %s placedTo with BusinessRuleViolation INVALID_DATE_RANGE, without querying', async (_relation, placedFrom, placedTo) => {
    // Prepare
    const orders = await repositoryWithThreeOrders();
    const list = vi.spyOn(orders, 'list');

    // Act
    const attempt = listOrders({ channelId, limit: 25, placedFrom, placedTo }, { orders });

    // Assess
    await expect(attempt).rejects.toBeInstanceOf(BusinessRuleViolation);
    await expect(attempt).rejects.toMatchObject({
      code: 'INVALID_DATE_RANGE',
      errors: [{ path: 'placedFrom', code: 'INVALID_DATE_RANGE', message: 'placedFrom must be before placedTo' }],
    });
    expect(list).not.toHaveBeenCalled();
  });

  it('returns a page of items newest first, with the repository cursor as nextCursor', async () => {
    // Prepare
    const orders = await repositoryWithThreeOrders();

    // Act
    const page = await listOrders({ channelId, limit: 2 }, { orders });

    // Assess
    expect(page.items.map((order) => order.id)).toEqual(['ord_c', 'ord_b']);
    expect(page.nextCursor).toEqual(expect.any(String));
  });

  it('leaves nextCursor out (not undefined) on the last page', async () => {
    // Prepare
    const orders = await repositoryWithThreeOrders();

    // Act
    const page = await listOrders({ channelId, limit: 25, placedFrom: '2025-03-02T00:00:00Z', placedTo: '2025-03-04T00:00:00Z' }, { orders });

    // Assess
    expect(page).toEqual({ items: [expect.objectContaining({ id: 'ord_c' }), expect.objectContaining({ id: 'ord_b' })] });
    expect(Object.keys(page)).toEqual(['items']);
  });

  /*
   * The contract accepts any ISO instant with an offset and fractional seconds
   * (z.iso.datetime({ offset: true })), for which text order is not time order.
   */
  describe('compares placedFrom and placedTo as instants, not as text', () => {
    it.each([
      ['an offset', '2025-03-02T11:00:00+02:00', '2025-03-02T10:00:00Z'],
      ['fractional seconds', '2025-03-02T09:00:00Z', '2025-03-02T09:00:00.500Z'],
    ])('accepts a valid range written with %s', async (_format, placedFrom, placedTo) => {
      // Prepare: placedFrom is before placedTo in time (09:00Z < 10:00Z, 09:00:00.000Z < 09:00:00.500Z)
      const orders = await repositoryWithThreeOrders();

      // Act
      const page = await listOrders({ channelId, limit: 25, placedFrom, placedTo }, { orders });

      // Assess
      expect(page).toEqual({ items: [] });
    });

    it('refuses an inverted range written with an offset', async () => {
      // Prepare: placedFrom 10:00Z is after placedTo 09:00Z, yet '2025-03-02T10' < '2025-03-02T11' as text
      const orders = await repositoryWithThreeOrders();
      const list = vi.spyOn(orders, 'list');

      // Act
      const attempt = listOrders({ channelId, limit: 25, placedFrom: '2025-03-02T10:00:00Z', placedTo: '2025-03-02T11:00:00+02:00' }, { orders });

      // Assess
      await expect(attempt).rejects.toMatchObject({ code: 'INVALID_DATE_RANGE' });
      expect(list).not.toHaveBeenCalled();
    });
  });
});

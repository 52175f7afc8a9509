import type { ListOrdersQuery, OrderPage } from '../contracts/order';
import { BusinessRuleViolation } from '../domain/errors';
import type { OrderRepository } from '../ports/order-repository';

/** Lists a channel's orders, newest first, one page at a time. */
export async function listOrders(
  query: ListOrdersQuery & { channelId: string },
  deps: { orders: Pick<OrderRepository, 'list'> },
): Promise<OrderPage> {
  // Instants may carry offsets or fractions, so compare them as times, never as text.
  if (query.placedFrom && query.placedTo && Date.parse(query.placedFrom) >= Date.parse(query.placedTo)) {
    throw new BusinessRuleViolation('INVALID_DATE_RANGE', 'placedFrom must be before placedTo', [
      { path: 'placedFrom', code: 'INVALID_DATE_RANGE', message: 'placedFrom must be before placedTo' },
    ]);
  }
  const { orders, nextCursor } = await deps.orders.list(query);
  return { items: orders, ...(nextCursor && { nextCursor }) };
}

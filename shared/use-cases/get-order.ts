import type { Order } from '../contracts/order';
import { NotFoundError } from '../domain/errors';
import type { OrderRepository } from '../ports/order-repository';

/**
 * A channel sees only its own orders. Another channel's order is reported as not found, not as
 * forbidden, so a key cannot even learn that an order id exists.
 */
export async function getOrder(
  query: { channelId: string; orderId: string },
  deps: { orders: OrderRepository },
): Promise<Order> {
  const stored = await deps.orders.get(query.orderId);
  if (!stored || stored.order.channelId !== query.channelId) {
    throw new NotFoundError('ORDER_NOT_FOUND', `Order ${query.orderId} does not exist`);
  }
  return stored.order;
}

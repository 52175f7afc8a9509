import type { Order } from '../contracts/order';
import { NotFoundError } from '../domain/errors';
import type { OrderRepository } from '../ports/order-repository';
import { mayRead, type OrderReader } from './authenticate-channel';

/**
 * A channel sees only its own orders. Another channel's order is reported as not found, not as
 * forbidden, so a key cannot even learn that an order id exists. Ops and customer-service keys
 * read every channel's.
 */
export async function getOrder(
  query: { reader: OrderReader; orderId: string },
  deps: { orders: Pick<OrderRepository, 'get'> },
): Promise<Order> {
  const stored = await deps.orders.get(query.orderId);
  if (!stored || !mayRead(query.reader, stored.order)) {
    throw new NotFoundError('ORDER_NOT_FOUND', `Order ${query.orderId} does not exist`);
  }
  return stored.order;
}

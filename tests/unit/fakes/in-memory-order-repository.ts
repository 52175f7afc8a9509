import type { Order } from '../../../shared/contracts/order';
import * as z from 'zod';
import { decodeCursor, encodeCursor } from '../../../shared/domain/cursor';
import type { InsertOrderResult, OrderPageQuery, OrderRepository, StoredOrder } from '../../../shared/ports/order-repository';

const sortKeyOf = (order: Order) => `${order.placedAt}#${order.id}`;
const refKeyOf = (channelId: string, channelOrderRef: string) => `${channelId}#${channelOrderRef}`;

/**
 * The OrderRepository port in memory, with the DynamoDB adapter's guarantees: insert never
 * overwrites, a (channelId, channelOrderRef) pair is taken once, reads return copies, lists are
 * newest first with placedFrom inclusive and placedTo exclusive, and a cursor only works for the
 * channel that received it.
 */
export class InMemoryOrderRepository implements OrderRepository {
  private readonly ordersById = new Map<string, StoredOrder>();
  private readonly orderIdByChannelRef = new Map<string, string>();

  /** Everything stored, for assertions. */
  get stored(): StoredOrder[] {
    return [...this.ordersById.values()].map((stored) => structuredClone(stored));
  }

  async insert(stored: StoredOrder): Promise<InsertOrderResult> {
    const { order } = stored;
    const refKey = refKeyOf(order.channelId, order.channelOrderRef);
    if (this.orderIdByChannelRef.has(refKey)) return { inserted: false, reason: 'channel-order-ref-taken' };
    // The DynamoDB adapter rethrows a failed condition on the order item itself.
    if (this.ordersById.has(order.id)) throw new Error(`Order ${order.id} already exists`);
    this.ordersById.set(order.id, structuredClone(stored));
    this.orderIdByChannelRef.set(refKey, order.id);
    return { inserted: true };
  }

  async get(orderId: string): Promise<StoredOrder | undefined> {
    const stored = this.ordersById.get(orderId);
    return stored && structuredClone(stored);
  }

  async getMany(orderIds: readonly string[]): Promise<Order[]> {
    return orderIds.flatMap((orderId) => {
      const stored = this.ordersById.get(orderId);
      return stored ? [structuredClone(stored.order)] : [];
    });
  }

  async update(order: Order, expectedVersion: number): Promise<boolean> {
    const stored = this.ordersById.get(order.id);
    if (!stored || stored.order.version !== expectedVersion) return false;
    this.ordersById.set(order.id, { ...stored, order: structuredClone(order) });
    return true;
  }

  async findByChannelOrderRef(channelId: string, channelOrderRef: string): Promise<StoredOrder | undefined> {
    const orderId = this.orderIdByChannelRef.get(refKeyOf(channelId, channelOrderRef));
    return orderId === undefined ? undefined : this.get(orderId);
  }

  async list(query: OrderPageQuery): Promise<{ orders: Order[]; nextCursor?: string }> {
    const from = query.placedFrom && new Date(query.placedFrom).toISOString();
    const to = query.placedTo && new Date(query.placedTo).toISOString();
    const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor, cursorOf(query.channelId)).after;
    const matching = [...this.ordersById.values()]
      .map(({ order }) => order)
      .filter(
        (order) =>
          order.channelId === query.channelId &&
          (query.customerId === undefined || order.customer.id === query.customerId) &&
          (query.status === undefined || order.status === query.status) &&
          (!from || order.placedAt >= from) &&
          (!to || order.placedAt < to) &&
          (after === undefined || sortKeyOf(order) < after),
      )
      .sort((a, b) => (sortKeyOf(a) < sortKeyOf(b) ? 1 : sortKeyOf(a) > sortKeyOf(b) ? -1 : 0));
    const orders = matching.slice(0, query.limit).map((order) => structuredClone(order));
    const last = orders.at(-1);
    if (matching.length <= query.limit || !last) return { orders };
    return { orders, nextCursor: encodeCursor({ channelId: query.channelId, after: sortKeyOf(last) }) };
  }
}

/** A cursor is only valid for the channel that received it. */
const cursorOf = (channelId: string) => z.object({ channelId: z.literal(channelId), after: z.string() });

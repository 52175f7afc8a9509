import type { ListOrdersQuery, Order } from '../contracts/order';

export interface StoredOrder {
  readonly order: Order;
  /** Digest of the request that created the order; see fingerprintOrderRequest. */
  readonly requestFingerprint: string;
}

export type InsertOrderResult = { readonly inserted: true } | { readonly inserted: false; readonly reason: 'channel-order-ref-taken' };

export interface OrderPageQuery extends Omit<ListOrdersQuery, 'limit'> {
  readonly channelId: string;
  readonly limit: number;
}

export interface OrderRepository {
  /** Inserts atomically with the (channel, channel order reference) guard; never overwrites. */
  insert(stored: StoredOrder): Promise<InsertOrderResult>;
  get(orderId: string): Promise<StoredOrder | undefined>;
  /** The orders that exist of these ids, strongly consistent, in the order asked; missing ones are left out. */
  getMany(orderIds: readonly string[]): Promise<Order[]>;
  /**
   * Replaces the order if its stored version is still `expectedVersion` (optimistic locking);
   * answers false, changing nothing, when someone else changed it first.
   */
  update(order: Order, expectedVersion: number): Promise<boolean>;
  findByChannelOrderRef(channelId: string, channelOrderRef: string): Promise<StoredOrder | undefined>;
  /** Newest first. Throws InvalidCursorError when the cursor is not one this query produced. */
  list(query: OrderPageQuery): Promise<{ orders: Order[]; nextCursor?: string }>;
}

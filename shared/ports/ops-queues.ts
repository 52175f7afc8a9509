/**
 * The ops queues of orders, across every channel: open orders by status and last change, and the
 * orders customer service escalated. They hold references only; the orders are read from the
 * repository, so a queue entry that is a moment behind its order is noticed there.
 */
import type { OpenOrderStatus } from '../domain/ops/service-levels';

/** An order's place in a queue: `at` is the order's last change (open orders) or its escalation time. */
export interface QueuedOrder {
  readonly orderId: string;
  readonly at: string;
}

export interface QueuePage {
  readonly orders: readonly QueuedOrder[];
  /** More entries follow the last one returned. */
  readonly more: boolean;
}

export interface QueueRange {
  /** Only entries after this one (the last of the previous page). */
  readonly after?: QueuedOrder;
  readonly limit: number;
}

/** A window of placing times, newest first: `after` is the last entry of the previous page. */
export interface PlacedRange {
  readonly after?: QueuedOrder;
  /** Inclusive ISO instant. */
  readonly placedFrom: string;
  /** Exclusive ISO instant. */
  readonly placedTo: string;
  readonly limit: number;
}

export interface OrderOpsQueues {
  /** Every order of every channel placed in the window, newest first; `at` is when it was placed. */
  placedOrders(range: PlacedRange): Promise<QueuePage>;
  /**
   * Orders in `status` that are not escalated, oldest change first; with `changedBefore`, only those
   * whose last change is earlier (idle since then).
   */
  openOrders(status: OpenOrderStatus, range: QueueRange & { readonly changedBefore?: string }): Promise<QueuePage>;
  /** Escalated orders, whatever their status, oldest escalation first. */
  escalatedOrders(range: QueueRange): Promise<QueuePage>;
}

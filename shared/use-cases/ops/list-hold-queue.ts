/**
 * The risk-review hold queue: held orders of every channel that still wait for a reviewer
 * (POST /ops/orders/{id}/review), oldest first, with why the risk screen held them. An order a
 * reviewer approved stays ON_HOLD until it allocates but no longer waits, so it is left out; an
 * escalated held order is on the escalation list instead (its status says it is held).
 */
import * as z from 'zod';
import type { HeldOrder, OpsPageQuery } from '../../contracts/ops';
import { decodeCursor, encodeCursor } from '../../domain/cursor';
import { isAwaitingReview } from '../../domain/ops/hold-queue';
import { statusEnteredAt } from '../../domain/ops/service-levels';
import { ordersOf, type OpsDeps } from './ops-dependencies';

const QueueCursorSchema = z.strictObject({ at: z.iso.datetime(), orderId: z.string().min(1) });

export async function listHoldQueue({ limit, cursor }: OpsPageQuery, deps: OpsDeps<'orders' | 'queues'>): Promise<{ items: HeldOrder[]; nextCursor?: string }> {
  const after = cursor === undefined ? undefined : decodeCursor(cursor, QueueCursorSchema);
  const page = await deps.queues.openOrders('ON_HOLD', { limit, ...(after && { after }) });
  const items = (await ordersOf(page.orders, deps))
    .filter(({ order }) => isAwaitingReview(order) && order.escalation === undefined)
    .map(({ order }) => ({
      orderId: order.id,
      channelId: order.channelId,
      since: statusEnteredAt(order),
      reasons: (order.risk?.reasons ?? []).map(({ code, message }) => ({ code, message })),
      grandTotal: order.totals.grandTotal,
    }));
  const last = page.orders.at(-1);
  return { items, ...(page.more && last && { nextCursor: encodeCursor({ at: last.at, orderId: last.orderId }) }) };
}

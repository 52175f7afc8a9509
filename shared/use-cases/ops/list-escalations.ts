/**
 * Escalations: orders customer service handed to ops (the order's `escalation`), whatever their
 * status, oldest escalation first, until customer service clears it.
 */
import * as z from 'zod';
import type { EscalatedOrder, OpsPageQuery } from '../../contracts/ops';
import { decodeCursor, encodeCursor } from '../../domain/cursor';
import { ordersOf, type OpsDeps } from './ops-dependencies';

const EscalationCursorSchema = z.strictObject({ at: z.iso.datetime(), orderId: z.string().min(1) });

export async function listEscalations({ limit, cursor }: OpsPageQuery, deps: OpsDeps<'orders' | 'queues'>): Promise<{ items: EscalatedOrder[]; nextCursor?: string }> {
  const after = cursor === undefined ? undefined : decodeCursor(cursor, EscalationCursorSchema);
  const page = await deps.queues.escalatedOrders({ limit, ...(after && { after }) });
  const items = (await ordersOf(page.orders, deps)).flatMap(({ order }) =>
    // Cleared since the queue was read: no longer an escalation.
    order.escalation ? [{ orderId: order.id, channelId: order.channelId, status: order.status, by: order.escalation.by, reason: order.escalation.reason, at: order.escalation.at }] : [],
  );
  const last = page.orders.at(-1);
  return { items, ...(page.more && last && { nextCursor: encodeCursor({ at: last.at, orderId: last.orderId }) }) };
}

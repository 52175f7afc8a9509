/**
 * Stuck orders: open orders that have been in their status for longer than its service level, most
 * overdue first, across every channel, each with what it waits for.
 *
 * Each open status is its own queue, oldest change first, so the orders idle past a status's service
 * level are the head of its queue up to `now − SLA`. Within a status the oldest change is also the
 * most overdue, so the list is the statuses' heads merged by deadline (last change + SLA). The
 * cursor is the last deadline and order id returned: each status's queue resumes right after the
 * change time that deadline means for it. An order that changed since the queue was read is not
 * stuck and is left out (a page may then be shorter than `limit`); an escalated order is a person's
 * already and is on the escalation list instead.
 */
import * as z from 'zod';
import type { StuckOrder, StuckOrdersQuery } from '../../contracts/ops';
import { decodeCursor, encodeCursor } from '../../domain/cursor';
import { idleBefore, isOpenOrderStatus, openOrderStatuses, overdueSeconds, slaDeadline, statusEnteredAt, type OpenOrderStatus } from '../../domain/ops/service-levels';
import type { LifecycleWait } from '../../ports/lifecycle-waits';
import type { QueuedOrder } from '../../ports/ops-queues';
import type { Order } from '../../contracts/order';
import { ordersOf, type OpsDeps } from './ops-dependencies';
import { mapConcurrently } from '../support/map-concurrently';

const StuckCursorSchema = z.strictObject({ deadline: z.iso.datetime(), orderId: z.string().min(1) });

type Deps = OpsDeps<'orders' | 'queues' | 'waits' | 'executions' | 'serviceLevels' | 'now'>;

interface Candidate {
  readonly status: OpenOrderStatus;
  readonly entry: QueuedOrder;
  readonly deadline: string;
}

const byDeadline = (a: Candidate, b: Candidate) =>
  a.deadline < b.deadline ? -1 : a.deadline > b.deadline ? 1 : a.entry.orderId < b.entry.orderId ? -1 : a.entry.orderId > b.entry.orderId ? 1 : 0;

const waitLookupConcurrency = 8;

const minus = (instant: string, seconds: number) => new Date(Date.parse(instant) - seconds * 1000).toISOString();

/** The order's open waits, or else where its execution is (a failed execution leaves an order open for good). */
async function waitingFor(order: Order, deps: Deps): Promise<StuckOrder['waitingFor']> {
  const waits = await deps.waits.ofOrder(order.id);
  const waitViews = waits.map((wait: LifecycleWait) => ({ kind: wait.kind, waitId: wait.waitId, since: wait.createdAt }));
  if (waits.length > 0) return { summary: `waiting for ${waits.map((wait) => wait.waitId).join(', ')}`, waits: waitViews };
  const position = await deps.executions.positionOf('lifecycle', order.id);
  if (!position) return { summary: 'no execution started', waits: [] };
  const summary = position.status === 'RUNNING' ? `running ${position.state ?? 'its first step'}` : `execution ${position.status}${position.state ? ` in ${position.state}` : ''}`;
  return { summary, waits: [], execution: { status: position.status, ...(position.state !== undefined && { state: position.state }) } };
}

export async function listStuckOrders({ status, limit, cursor }: StuckOrdersQuery, deps: Deps): Promise<{ items: StuckOrder[]; nextCursor?: string }> {
  const now = deps.now();
  const levels = deps.serviceLevels;
  const after = cursor === undefined ? undefined : decodeCursor(cursor, StuckCursorSchema);
  const statuses = status ? [status] : openOrderStatuses;

  const heads = await Promise.all(
    statuses.map(async (queueStatus) => {
      const page = await deps.queues.openOrders(queueStatus, {
        changedBefore: idleBefore(queueStatus, now, levels),
        limit,
        ...(after && { after: { at: minus(after.deadline, levels[queueStatus]), orderId: after.orderId } }),
      });
      return { more: page.more, candidates: page.orders.map((entry): Candidate => ({ status: queueStatus, entry, deadline: slaDeadline(queueStatus, entry.at, levels) })) };
    }),
  );
  const candidates = heads.flatMap((head) => head.candidates).sort(byDeadline);
  const chosen = candidates.slice(0, limit);
  const more = candidates.length > limit || heads.some((head) => head.more);

  const stillStuck = (await ordersOf(chosen.map((candidate) => ({ ...candidate, orderId: candidate.entry.orderId })), deps)).filter(
    ({ entry, order }) => order.status === entry.status && statusEnteredAt(order) === entry.entry.at && order.escalation === undefined && isOpenOrderStatus(order.status),
  );
  // Each may ask Step Functions where its execution is: a few at a time, well inside its API rates.
  const items = await mapConcurrently(
    stillStuck,
    waitLookupConcurrency,
    async ({ entry, order }): Promise<StuckOrder> => ({
      orderId: order.id,
      channelId: order.channelId,
      status: entry.status,
      since: entry.entry.at,
      waitingFor: await waitingFor(order, deps),
      slaSeconds: levels[entry.status],
      overdueSeconds: overdueSeconds(entry.status, entry.entry.at, now, levels),
    }),
  );
  const last = chosen.at(-1);
  return { items, ...(more && last && { nextCursor: encodeCursor({ deadline: last.deadline, orderId: last.entry.orderId }) }) };
}

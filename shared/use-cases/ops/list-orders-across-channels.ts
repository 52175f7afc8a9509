/**
 * The ops order list: every channel's orders, newest first, with the filters of GET /orders. Named
 * a channel, it is that channel's own list (every filter, served by the channel's indexes); across
 * channels it walks the orders by placing time and filters the status on the orders it reads.
 */
import * as z from 'zod';
import type { OpsOrdersQuery } from '../../contracts/ops';
import { opsOrderListDefaultMonths } from '../../contracts/ops';
import type { Order, OrderPage } from '../../contracts/order';
import { BusinessRuleViolation, InvalidRequestError } from '../../domain/errors';
import { decodeCursor, encodeCursor } from '../../domain/cursor';
import type { QueuedOrder } from '../../ports/ops-queues';
import { listOrders } from '../list-orders';
import { ordersOf, type OpsDeps } from './ops-dependencies';

const PlacedCursorSchema = z.strictObject({ at: z.iso.datetime(), orderId: z.string().min(1) });

/** Index pages read per request at most when a status filter leaves orders out: the page may come back short, with a cursor. */
const maxRounds = 5;
/** Orders placed by a clock slightly ahead of this one are still listed. */
const clockSkewMs = 60_000;

export async function listOrdersAcrossChannels(query: OpsOrdersQuery, deps: OpsDeps<'orders' | 'queues' | 'now'>): Promise<OrderPage> {
  const { channel, ...filters } = query;
  if (channel !== undefined) return listOrders({ ...filters, channelId: channel }, deps);
  if (filters.customerId !== undefined) {
    throw new InvalidRequestError('CHANNEL_REQUIRED', 'customerId needs channel: customer ids are per channel', [
      { path: 'channel', code: 'CHANNEL_REQUIRED', message: 'name the channel the customer id belongs to' },
    ]);
  }
  const now = deps.now();
  const placedFrom = filters.placedFrom ?? monthsBefore(now, opsOrderListDefaultMonths).toISOString();
  const placedTo = filters.placedTo ?? new Date(now.getTime() + clockSkewMs).toISOString();
  if (Date.parse(placedFrom) >= Date.parse(placedTo)) {
    throw new BusinessRuleViolation('INVALID_DATE_RANGE', 'placedFrom must be before placedTo', [
      { path: 'placedFrom', code: 'INVALID_DATE_RANGE', message: 'placedFrom must be before placedTo' },
    ]);
  }

  const items: Order[] = [];
  let after: QueuedOrder | undefined = filters.cursor === undefined ? undefined : decodeCursor(filters.cursor, PlacedCursorSchema);
  let more = true;
  for (let round = 0; round < maxRounds && more && items.length < filters.limit; round++) {
    const page = await deps.queues.placedOrders({ ...(after && { after }), placedFrom, placedTo, limit: filters.limit - items.length });
    for (const { order } of await ordersOf(page.orders, deps)) {
      if (filters.status === undefined || order.status === filters.status) items.push(order);
    }
    after = page.orders.at(-1) ?? after;
    more = page.more;
  }
  return { items, ...(more && after && { nextCursor: encodeCursor({ at: after.at, orderId: after.orderId }) }) };
}

function monthsBefore(instant: Date, months: number): Date {
  const earlier = new Date(instant);
  earlier.setUTCMonth(earlier.getUTCMonth() - months);
  return earlier;
}

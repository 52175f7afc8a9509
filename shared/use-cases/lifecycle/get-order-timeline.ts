/**
 * Everything that happened to an order, in one list, oldest first: its status changes, each
 * shipment's, every payment operation, edits and customer-service actions, and what its execution did (states entered and left, task
 * failures, timeouts). Support reads one list instead of four sources.
 */
import type { OrderTimeline, TimelineEntry } from '../../contracts/lifecycle-api';
import type { Order } from '../../contracts/order';
import { NotFoundError } from '../../domain/errors';
import type { ExecutionEvent } from '../../ports/order-workflow';
import { mayRead, type OrderReader } from '../authenticate-channel';
import type { LifecycleDependencies } from './lifecycle-dependencies';

export type TimelineDependencies = Pick<LifecycleDependencies, 'orders' | 'workflow'>;

const joined = (...parts: (string | undefined)[]) => parts.filter((part) => part !== undefined && part !== '').join(' · ') || undefined;

const entry = (at: string, source: TimelineEntry['source'], type: string, detail: string | undefined): TimelineEntry => ({
  at,
  source,
  type,
  ...(detail !== undefined && { detail }),
});

function orderEntries(order: Order): TimelineEntry[] {
  const statuses = order.statusHistory.map((change) => entry(change.at, 'order', change.status, joined(change.reason, `by ${change.by.type} ${change.by.id}`)));
  const shipments = (order.shipments ?? []).flatMap((shipment) =>
    shipment.history.map((change) => entry(change.at, 'shipment', change.status, joined(shipment.shipmentId, shipment.locationId, change.reason))),
  );
  const payments = (order.payments ?? []).map((payment) =>
    entry(payment.at, 'payment', payment.type, joined(`${payment.amount.amount} ${payment.amount.currency} (minor units)`, payment.id, payment.shipmentId, payment.reason)),
  );
  const activity = (order.activity ?? []).map((action) => entry(action.at, 'activity', action.type, joined(action.detail, action.reason, `by ${action.by}${action.role ? ` (${action.role})` : ''}`)));
  return [...statuses, ...shipments, ...payments, ...activity];
}

const executionEntry = (event: ExecutionEvent) =>
  entry(event.timestamp, 'execution', event.type, joined(event.stateName, event.error, event.cause));

/** Sorted by time; entries at the same instant keep their source's order (order, shipments, payments, execution). */
const byTime = (entries: readonly TimelineEntry[]) =>
  entries
    .map((item, index) => ({ item, index, time: Date.parse(item.at) }))
    .sort((a, b) => a.time - b.time || a.index - b.index)
    .map(({ item }) => item);

export async function getOrderTimeline(query: { readonly orderId: string; readonly reader: OrderReader }, deps: TimelineDependencies): Promise<OrderTimeline> {
  const stored = await deps.orders.get(query.orderId);
  // Another channel's order is not found, so a key cannot even learn that it exists.
  if (!stored || !mayRead(query.reader, stored.order)) throw new NotFoundError('ORDER_NOT_FOUND', `Order ${query.orderId} does not exist`);
  const history = await deps.workflow.history(query.orderId);
  return { items: byTime([...orderEntries(stored.order), ...history.map(executionEntry)]) };
}

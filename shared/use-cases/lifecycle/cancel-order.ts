/**
 * Cancelling an order, or some of its lines, at the channel's request. Goods that left the location
 * (packed or later) cannot be cancelled, only returned.
 *
 * - The whole order: the request is recorded on the order and every token the execution waits on
 *   is failed with OrderCancelled; the execution's CancelOrder step compensates (stock, money,
 *   status, events). A step that starts while no token is pending reads the recorded request and
 *   fails the same way, so a cancellation always lands.
 * - Some lines, or some units of lines: applied here at once (units cancelled, lines taken out of
 *   their shipments, holds released), because the execution goes on with the other lines.
 *   Cancelling every unit that is left is a whole-order cancellation.
 *
 * Money: nothing is charged until a shipment ships, and each shipment is charged its share of the
 * total by the value it carries, so cancelled units are never captured; what they held of the
 * authorization is released when the order completes.
 */
import { createHash } from 'node:crypto';
import type { Shipment } from '../../contracts/fulfilment';
import type { Order } from '../../contracts/order';
import { BusinessRuleViolation, ConflictError, NotFoundError } from '../../domain/errors';
import { cancelLineUnits, shipmentsOf, updateShipment } from '../../domain/lifecycle/order-lifecycle';
import { canMoveOrder, handedOverShipmentStatuses, isLiveShipment, isTerminalOrderStatus } from '../../domain/lifecycle/status-transitions';
import { domainEvent } from '../../events/event-publisher';
import { FulfilmentCancelled, OrderCancelled } from '../../events/catalog/order-events';
import { fulfilmentWaitId } from '../../ports/lifecycle-waits';
import { lifecycleErrors } from '../../ports/order-workflow';
import { changeOrder, eventOptions, snapshotOf, type LifecycleDependencies } from './lifecycle-dependencies';

export interface CancelOrderCommand {
  readonly orderId: string;
  /** The caller's channel: another channel's order is reported as not found. */
  readonly channelId: string;
  readonly requestedBy: string;
  readonly reason: string;
  /** Whole lines; absent (and no `lines`): the whole order. */
  readonly lineIds?: readonly string[];
  /** Some units of lines; a quantity at or above what is left of a line cancels the whole line. */
  readonly lines?: readonly { readonly lineId: string; readonly quantity: number }[];
}

export type CancelOrderResult =
  /** The execution compensates and ends the order as CANCELLED (HTTP 202). */
  | { readonly outcome: 'cancellation-requested'; readonly order: Order }
  /** The lines are cancelled; the rest of the order goes on (HTTP 200). */
  | { readonly outcome: 'lines-cancelled'; readonly order: Order }
  /** The order had already ended as CANCELLED (HTTP 200). */
  | { readonly outcome: 'already-cancelled'; readonly order: Order };

export type CancelOrderDependencies = Pick<LifecycleDependencies, 'orders' | 'allocation' | 'waits' | 'workflow' | 'events' | 'now'>;


/** The whole order was asked to be cancelled (the execution may still be compensating). */
export const isWholeCancellation = (order: Order) => order.cancellation !== undefined && order.cancellation.lineIds === undefined;

/** Refuses what can no longer be cancelled; checked on the loaded order and again inside the update. */
function assertCancellable(order: Order, affected: readonly Shipment[], whole: boolean): void {
  if (isTerminalOrderStatus(order.status)) {
    throw new ConflictError('ORDER_CLOSED', `Order ${order.id} is ${order.status}; there is nothing left to cancel`);
  }
  const handedOver = affected.find((shipment) => handedOverShipmentStatuses.includes(shipment.status));
  if (handedOver || (whole && !canMoveOrder(order.status, 'CANCELLED'))) {
    const where = handedOver ? `shipment ${handedOver.shipmentId} is already ${handedOver.status}` : `the order is already ${order.status}`;
    throw new ConflictError(
      'ORDER_ALREADY_SHIPPED',
      `Order ${order.id} can no longer be cancelled: ${where}. Goods that left the location are returned instead: POST /orders/${order.id}/returns`,
    );
  }
}

const affectedShipments = (order: Order, lineIds?: ReadonlySet<string>) =>
  shipmentsOf(order).filter((shipment) => isLiveShipment(shipment) && (!lineIds || shipment.lines.some((line) => lineIds.has(line.lineId))));

const remainingUnits = (line: Order['lines'][number]) => line.quantity - (line.cancelledQuantity ?? 0);

export async function cancelOrder(command: CancelOrderCommand, deps: CancelOrderDependencies): Promise<CancelOrderResult> {
  const order = (await deps.orders.get(command.orderId))?.order;
  if (!order || order.channelId !== command.channelId) throw new NotFoundError('ORDER_NOT_FOUND', `Order ${command.orderId} does not exist`);

  const named = command.lines ?? command.lineIds?.map((lineId) => ({ lineId, quantity: Number.POSITIVE_INFINITY }));
  const field = command.lines ? 'lines' : 'lineIds';
  if (named) {
    const known = new Set(order.lines.map((line) => line.lineId));
    const unknown = named.flatMap(({ lineId }, index) =>
      known.has(lineId) ? [] : [{ path: command.lines ? `lines[${index}].lineId` : `lineIds[${index}]`, code: 'UNKNOWN_LINE', message: `Order ${order.id} has no line ${lineId}` }],
    );
    if (unknown.length > 0) throw new BusinessRuleViolation('UNKNOWN_LINE', `Order ${order.id} has no such line(s) in ${field}; see errors`, unknown);
  }
  const units = named && unitsToCancel(order, named);

  // Cancelling every unit still open is cancelling the order.
  const whole = !units || order.lines.every((line) => remainingUnits(line) <= (units.get(line.lineId) ?? 0));
  if (order.status === 'CANCELLED' && !named) return { outcome: 'already-cancelled', order };
  assertCancellable(order, affectedShipments(order, whole || !units ? undefined : new Set(units.keys())), whole);
  if (isWholeCancellation(order)) return { outcome: 'cancellation-requested', order: await failPendingWaits(order, order.cancellation?.reason ?? command.reason, deps) };
  return whole || !units ? cancelWholeOrder(command, deps) : cancelLines(command, units, deps);
}

/** Units to cancel per line, capped at what is left of each (a line named twice adds up). */
function unitsToCancel(order: Order, named: readonly { lineId: string; quantity: number }[]): Map<string, number> {
  const units = new Map<string, number>();
  for (const { lineId, quantity } of named) units.set(lineId, (units.get(lineId) ?? 0) + quantity);
  for (const line of order.lines) {
    const asked = units.get(line.lineId);
    if (asked !== undefined) units.set(line.lineId, Math.min(asked, remainingUnits(line)));
  }
  return units;
}

async function cancelWholeOrder(command: CancelOrderCommand, deps: CancelOrderDependencies): Promise<CancelOrderResult> {
  const requestedAt = deps.now().toISOString();
  const { after } = await changeOrder(deps.orders, command.orderId, (current) => {
    if (isWholeCancellation(current)) return current;
    assertCancellable(current, affectedShipments(current), true);
    return {
      ...current,
      version: current.version + 1,
      updatedAt: requestedAt,
      cancellation: { requestedAt, requestedBy: command.requestedBy, reason: command.reason },
    };
  });
  return { outcome: 'cancellation-requested', order: await failPendingWaits(after, after.cancellation?.reason ?? command.reason, deps) };
}

/**
 * Fails every token the execution waits on; whichever it is waiting in, it catches OrderCancelled.
 * A stale token is only forgotten: the execution already moved on and its next step reads the
 * recorded request. Safe to repeat, so a retried request finishes what a failed one started.
 */
async function failPendingWaits(order: Order, reason: string, deps: CancelOrderDependencies): Promise<Order> {
  for (const wait of await deps.waits.ofOrder(order.id)) {
    await deps.workflow.fail(wait.taskToken, lifecycleErrors.orderCancelled, reason);
    await deps.waits.remove(wait);
  }
  return order;
}

/**
 * Takes shipments out of the plan once the order records them cancelled (a cancellation or an
 * edit): their holds go back first, because once a branch of the execution ends it may source what
 * is left and hold it anew; then each stopped shipment's branch stops waiting for its warehouse.
 */
export async function stopShipments(
  orderId: string,
  released: readonly { sku: string; locationId: string }[],
  stopped: readonly Shipment[],
  reason: string,
  deps: Pick<LifecycleDependencies, 'allocation' | 'waits' | 'workflow'>,
): Promise<void> {
  if (released.length > 0) await deps.allocation.release(orderId, released);
  for (const shipment of stopped) {
    const wait = await deps.waits.get(orderId, fulfilmentWaitId(shipment.shipmentId));
    if (!wait) continue;
    await deps.workflow.fail(wait.taskToken, lifecycleErrors.orderCancelled, reason);
    await deps.waits.remove(wait);
  }
}

/** A short stable name for what is cancelled, so a retried request publishes the same event ids. */
const factOf = (units: ReadonlyMap<string, number>) =>
  createHash('sha256')
    .update([...units.entries()].map(([lineId, quantity]) => `${lineId}:${quantity}`).sort().join('\n'))
    .digest('hex')
    .slice(0, 16);

/**
 * Cancels units of lines at once; the rest of the order goes on. A line cancelled whole leaves its
 * shipments (a shipment left with nothing is cancelled). A shipment carrying a partly cancelled
 * line is cancelled as a whole and its lines are sourced again for what is left, because a
 * warehouse is told to stop whole lines, not units: the execution's SourceRemainingLines step
 * sends a new request with the right quantities.
 */
async function cancelLines(command: CancelOrderCommand, units: ReadonlyMap<string, number>, deps: CancelOrderDependencies): Promise<CancelOrderResult> {
  const at = deps.now().toISOString();
  const lineIds = new Set(units.keys());
  let touched: Shipment[] = [];
  let stopped = new Set<string>();
  let wholeLines = new Set<string>();
  const { before, after } = await changeOrder(deps.orders, command.orderId, (current) => {
    const open = current.lines.filter((line) => lineIds.has(line.lineId) && remainingUnits(line) > 0);
    // Already cancelled by an earlier request: nothing to do again.
    if (open.length === 0) return current;
    const affected = affectedShipments(current, lineIds);
    assertCancellable(current, affected, false);
    touched = affected;
    wholeLines = new Set(open.filter((line) => (units.get(line.lineId) ?? 0) >= remainingUnits(line)).map((line) => line.lineId));
    let changed = cancelLineUnits(
      current,
      open.map((line) => ({ lineId: line.lineId, quantity: Math.min(units.get(line.lineId) ?? 0, remainingUnits(line)) })),
      at,
    );
    stopped = new Set();
    for (const shipment of affected) {
      const partlyCancelled = shipment.lines.some((line) => lineIds.has(line.lineId) && !wholeLines.has(line.lineId));
      const kept = shipment.lines.filter((line) => !wholeLines.has(line.lineId));
      // Cancelled shipments keep their lines as the record of what they were.
      if (partlyCancelled || kept.length === 0) {
        stopped.add(shipment.shipmentId);
        changed = updateShipment(changed, shipment.shipmentId, at, () => ({}), { to: 'CANCELLED', reason: partlyCancelled ? `${command.reason}; what is left is sourced again` : command.reason });
      } else {
        changed = updateShipment(changed, shipment.shipmentId, at, () => ({ lines: kept }));
      }
    }
    const earlier = current.cancellation?.lineIds ?? [];
    return {
      ...changed,
      cancellation: { requestedAt: at, requestedBy: command.requestedBy, reason: command.reason, lineIds: [...new Set([...earlier, ...lineIds])] },
    };
  });
  if (after === before) return { outcome: 'lines-cancelled', order: after };

  const stoppedLinesOf = (shipment: Shipment) => shipment.lines.filter((line) => stopped.has(shipment.shipmentId) || wholeLines.has(line.lineId));
  await stopShipments(
    after.id,
    touched.flatMap((shipment) => stoppedLinesOf(shipment).map((line) => ({ sku: line.sku, locationId: shipment.locationId }))),
    touched.filter((shipment) => stopped.has(shipment.shipmentId)),
    command.reason,
    deps,
  );

  const fact = factOf(units);
  await deps.events.publish(
    domainEvent(OrderCancelled, { order: snapshotOf(after), reason: command.reason, lineIds: [...lineIds] }, eventOptions(after, `OrderCancelled:lines:${fact}`)),
    ...touched.map((shipment) =>
      domainEvent(
        FulfilmentCancelled,
        {
          order: snapshotOf(after),
          shipmentId: shipment.shipmentId,
          locationId: shipment.locationId,
          reason: command.reason,
          lineIds: stoppedLinesOf(shipment).map((line) => line.lineId),
        },
        eventOptions(after, `FulfilmentCancelled:${shipment.shipmentId}:${fact}`),
      ),
    ),
  );
  return { outcome: 'lines-cancelled', order: after };
}

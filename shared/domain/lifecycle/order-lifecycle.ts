/**
 * The order aggregate after capture: status changes with their history, shipments planned by
 * allocation, what is left to source, and how much each shipment is worth. Pure functions that
 * return a new order (version + 1); the repository saves it only if nobody changed it meanwhile.
 */
import type { PaymentEntry, RejectedLine, Shipment, ShipmentLine, ShipmentStatus } from '../../contracts/fulfilment';
import type { Money } from '../../contracts/money';
import type { Actor, Order, OrderStatus } from '../../contracts/order';
import type { PlannedShipment } from '../sourcing';
import { BusinessRuleViolation } from '../errors';
import { assertOrderTransition, assertShipmentTransition, finishedShipmentStatuses } from './status-transitions';

export const systemActor: Actor = { type: 'system', id: 'order-lifecycle' };

export interface Change {
  readonly at: string;
  readonly by?: Actor;
  readonly reason?: string;
}

/** The order one version on: every change of the aggregate goes through here. */
export const touched = (order: Order, at: string): Order => ({ ...order, version: order.version + 1, updatedAt: at });

interface WithStatusHistory<Status extends string> {
  readonly status: Status;
  readonly updatedAt: string;
  readonly history: readonly { status: Status; at: string; reason?: string }[];
}

/**
 * A part of the order (a shipment, a return) with `update` applied and, when its status changes,
 * the change recorded in its history; `assertTransition` refuses what its status model does not allow.
 */
export function changedWithHistory<Status extends string, Part extends WithStatusHistory<Status>>(
  current: Part,
  update: Partial<Part>,
  at: string,
  status: { to: Status; reason?: string } | undefined,
  assertTransition: (from: Status, to: Status) => void,
): Part {
  if (status && status.to !== current.status) assertTransition(current.status, status.to);
  return {
    ...current,
    ...update,
    updatedAt: at,
    ...(status &&
      status.to !== current.status && {
        status: status.to,
        history: [...current.history, { status: status.to, at, ...(status.reason !== undefined && { reason: status.reason }) }],
      }),
  };
}

/** Moves the order to `to` (guarded) and appends the change to its history. Moving to the same status is a no-op. */
export function moveOrder(order: Order, to: OrderStatus, change: Change): Order {
  if (order.status === to) return order;
  assertOrderTransition(order.id, order.status, to);
  return {
    ...touched(order, change.at),
    status: to,
    statusHistory: [
      ...order.statusHistory,
      { status: to, at: change.at, by: change.by ?? systemActor, ...(change.reason !== undefined && { reason: change.reason }) },
    ],
  };
}

export const shipmentsOf = (order: Order): readonly Shipment[] => order.shipments ?? [];

export function shipmentOf(order: Order, shipmentId: string): Shipment {
  const shipment = shipmentsOf(order).find((candidate) => candidate.shipmentId === shipmentId);
  if (!shipment) throw new BusinessRuleViolation('UNKNOWN_SHIPMENT', `Order ${order.id} has no shipment ${shipmentId}`);
  return shipment;
}

/** Replaces one shipment with `update(shipment)`; a status change is guarded and recorded. */
export function updateShipment(order: Order, shipmentId: string, at: string, update: (shipment: Shipment) => Partial<Shipment>, status?: { to: ShipmentStatus; reason?: string }): Order {
  const current = shipmentOf(order, shipmentId);
  const changed = changedWithHistory(current, update(current), at, status, (from, to) => assertShipmentTransition(shipmentId, from, to));
  return { ...touched(order, at), shipments: shipmentsOf(order).map((shipment) => (shipment.shipmentId === shipmentId ? changed : shipment)) };
}

/** Adds allocation's planned shipments; ids are the order id with a running number, stable across retries. */
export function addPlannedShipments(order: Order, planned: readonly (PlannedShipment & { readonly promisedBy?: string })[], at: string): { order: Order; added: Shipment[] } {
  const existing = shipmentsOf(order);
  const lineOfSku = new Map(order.lines.map((line) => [line.sku, line]));
  const added = planned.map((plan, index): Shipment => ({
    shipmentId: `${order.id}-S${existing.length + index + 1}`,
    locationId: plan.locationId,
    kind: plan.kind,
    status: 'PENDING',
    lines: plan.lines.map((line) => {
      const orderLine = lineOfSku.get(line.sku);
      if (!orderLine) throw new BusinessRuleViolation('UNKNOWN_LINE', `Order ${order.id} has no line for ${line.sku}`);
      return { lineId: orderLine.lineId, sku: line.sku, quantity: line.quantity };
    }),
    ...(plan.promiseDate !== undefined && { promiseDate: plan.promiseDate }),
    ...(plan.promisedBy !== undefined && { promisedBy: plan.promisedBy }),
    createdAt: at,
    updatedAt: at,
    history: [{ status: 'PENDING', at, reason: `Allocated to ${plan.locationId}` }],
  }));
  return { order: { ...touched(order, at), shipments: [...existing, ...added] }, added };
}

/** Units that count against a line: in a shipment that is neither rejected nor cancelled. */
const coveringStatuses = (status: ShipmentStatus) => status !== 'REJECTED' && status !== 'CANCELLED';

export interface LineToSource {
  readonly lineId: string;
  readonly sku: string;
  readonly quantity: number;
  /** Locations that already rejected this line: they are not asked again. */
  readonly excludedLocationIds: readonly string[];
}

/** What no live shipment covers yet: backordered units and lines a location rejected. */
export function linesToSource(order: Order): LineToSource[] {
  const shipments = shipmentsOf(order);
  return order.lines.flatMap((line) => {
    const covered = shipments
      .filter((shipment) => coveringStatuses(shipment.status))
      .flatMap((shipment) => shipment.lines)
      .filter((shipmentLine) => shipmentLine.lineId === line.lineId)
      .reduce((sum, shipmentLine) => sum + shipmentLine.quantity, 0);
    const quantity = line.quantity - (line.cancelledQuantity ?? 0) - covered;
    if (quantity <= 0) return [];
    const excludedLocationIds = [
      ...new Set(
        shipments.filter((shipment) => (shipment.rejectedLines ?? []).some((rejected) => rejected.lineId === line.lineId)).map((shipment) => shipment.locationId),
      ),
    ];
    return [{ lineId: line.lineId, sku: line.sku, quantity, excludedLocationIds }];
  });
}

/** Cancels `quantity` units of each given line (e.g. no location can supply them). */
export function cancelLineUnits(order: Order, lines: readonly { lineId: string; quantity: number }[], at: string): Order {
  const byLine = new Map(lines.map((line) => [line.lineId, line.quantity]));
  return {
    ...touched(order, at),
    lines: order.lines.map((line) => {
      const quantity = byLine.get(line.lineId);
      if (quantity === undefined) return line;
      return { ...line, cancelledQuantity: Math.min(line.quantity, (line.cancelledQuantity ?? 0) + quantity) };
    }),
  };
}

/** Every unit cancelled: nothing is left to fulfil. */
export const isFullyCancelled = (order: Order) => order.lines.every((line) => (line.cancelledQuantity ?? 0) >= line.quantity);

export const openShipments = (order: Order) => shipmentsOf(order).filter((shipment) => !finishedShipmentStatuses.includes(shipment.status));

/** Marks a packed shipment's rejected lines; they drop out of the shipment and become lines to source. */
export function recordPackResult(order: Order, shipmentId: string, packedLineIds: readonly string[], rejected: readonly Omit<RejectedLine, 'sku' | 'quantity'>[], at: string): Order {
  const shipment = shipmentOf(order, shipmentId);
  const rejectedById = new Map(rejected.map((line) => [line.lineId, line.reason]));
  const packed = shipment.lines.filter((line) => packedLineIds.includes(line.lineId) && !rejectedById.has(line.lineId));
  const rejectedLines: RejectedLine[] = shipment.lines
    .filter((line) => !packed.includes(line))
    .map((line) => ({ ...line, reason: rejectedById.get(line.lineId) ?? 'not packed' }));
  const to: ShipmentStatus = packed.length > 0 ? 'PACKED' : 'REJECTED';
  return updateShipment(
    order,
    shipmentId,
    at,
    () => ({ lines: packed.length > 0 ? packed : shipment.lines, ...(rejectedLines.length > 0 && { rejectedLines }) }),
    { to, reason: rejectedLines.length > 0 ? `${rejectedLines.length} line(s) rejected: ${rejectedLines.map((line) => `${line.sku} (${line.reason})`).join(', ')}` : 'Packed' },
  );
}

export const money = (amount: number, currency: string): Money => ({ amount, currency });

/** The order's line value (after discounts), the basis for sharing the grand total between shipments. */
const linesValue = (order: Order) => order.lines.reduce((sum, line) => sum + line.lineTotal.amount, 0);
const valueOf = (order: Order, lines: readonly ShipmentLine[]) =>
  lines.reduce((sum, shipmentLine) => {
    const line = order.lines.find((candidate) => candidate.lineId === shipmentLine.lineId);
    return line ? sum + (line.lineTotal.amount * shipmentLine.quantity) / line.quantity : sum;
  }, 0);

/** What can still go back to the customer: captured − refunded − credited (credit counts, so goodwill and returns share one cap). */
export const stillRefundable = (order: Pick<Order, 'currency' | 'payments'>): number => {
  const summary = moneySummary(order);
  return Math.max(0, summary.captured.amount - summary.refunded.amount - summary.credited.amount);
};

export function moneySummary(order: Pick<Order, 'currency' | 'payments'>) {
  const sum = (type: PaymentEntry['type']) => (order.payments ?? []).filter((entry) => entry.type === type).reduce((total, entry) => total + entry.amount.amount, 0);
  const authorized = sum('AUTHORIZATION');
  const captured = sum('CAPTURE');
  const refunded = sum('REFUND');
  const voided = sum('VOID');
  const credited = sum('STORE_CREDIT');
  const currency = order.currency;
  return {
    authorized: money(authorized, currency),
    captured: money(captured, currency),
    refunded: money(refunded, currency),
    voided: money(voided, currency),
    credited: money(credited, currency),
    outstandingAuthorization: money(Math.max(0, authorized - captured - voided), currency),
    netPaid: money(captured - refunded, currency),
  };
}

/**
 * What to capture when `shipment` ships: its share of the grand total. Shares are cut from the
 * running total in shipment order (each takes floor(total × value so far) − floor(total × value
 * before)), so parallel shipments need no coordination and, once every unit is covered, the shares
 * add up to the grand total to the cent.
 */
export function captureAmountFor(order: Order, shipmentId: string): Money {
  const value = linesValue(order);
  if (value === 0) return money(0, order.currency);
  const covering = shipmentsOf(order).filter((shipment) => coveringStatuses(shipment.status));
  const index = covering.findIndex((shipment) => shipment.shipmentId === shipmentId);
  const valueBefore = covering.slice(0, Math.max(0, index)).reduce((sum, shipment) => sum + valueOf(order, shipment.lines), 0);
  const valueWith = valueBefore + valueOf(order, shipmentOf(order, shipmentId).lines);
  const cut = (shareOfValue: number) => Math.floor((order.totals.grandTotal.amount * shareOfValue) / value + 1e-9);
  const share = cut(valueWith) - cut(valueBefore);
  return money(Math.max(0, Math.min(share, moneySummary(order).outstandingAuthorization.amount)), order.currency);
}

export const withPayment = (order: Order, entry: PaymentEntry): Order => {
  const payments = [...(order.payments ?? []), entry];
  return { ...touched(order, entry.at), payments, money: moneySummary({ currency: order.currency, payments }) };
};

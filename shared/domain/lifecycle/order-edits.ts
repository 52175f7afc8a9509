/**
 * Order edits before fulfilment: what an edit may change, and what it does to the order.
 *
 * An edit re-prices the order and takes the shipments it affects (those carrying a changed line;
 * every shipment when the address changes) out of the plan: they are cancelled, their holds are
 * given back, and the units they carried become lines to source again, which the execution's
 * SourceRemainingLines step sources against the edited order. Shipments the edit does not touch go
 * on as they were. Goods that are packed cannot be edited (409); neither can an order that has
 * been charged for a shipment, because the charge was cut from the old total.
 */
import type { Shipment } from '../../contracts/fulfilment';
import type { Money } from '../../contracts/money';
import type { ActivityEntry } from '../../contracts/order-activity';
import type { AddedLine, ChangedLine, EditOrderRequest } from '../../contracts/order-care';
import type { FieldError } from '../../contracts/problem';

import { BusinessRuleViolation, ConflictError } from '../errors';
import { storeDeliveryMethods, type Order, type OrderStatus } from '../../contracts/order';
import { computeTotals } from '../order';
import { handedOverShipmentStatuses, isLiveShipment } from './status-transitions';
import { money, moneySummary, shipmentsOf, touched, updateShipment } from './order-lifecycle';

/**
 * Statuses an edit may land in. PLACED and ALLOCATED are left out because the execution's intake
 * step is planning and authorizing that very order; PAYMENT_ACTION_REQUIRED because the customer is
 * authenticating the old amount; anything from PARTIALLY_SHIPPED on because goods left.
 */
const editableStatuses: readonly OrderStatus[] = ['ON_HOLD', 'BACKORDERED', 'PAYMENT_AUTHORIZED', 'IN_FULFILMENT'];
const busyStatuses: readonly OrderStatus[] = ['PLACED', 'ALLOCATED'];

const isAdded = (line: ChangedLine | AddedLine): line is AddedLine => 'sku' in line;

export interface OrderEdit {
  /** The order as edited (not yet stored), with the affected shipments cancelled. */
  readonly edited: Order;
  /** Shipments taken out of the plan, as they were before the edit. */
  readonly affectedShipments: readonly Shipment[];
  /** What the edit costs on top of what is authorized (0 when it costs less or the same). */
  readonly authorizationIncrease: Money;
  /** The grand total's change: negative when the edit makes the order cheaper. */
  readonly totalDifference: Money;
  /** What changed, in words, for the activity log and the event. */
  readonly changes: readonly string[];
}

export interface EditContext {
  readonly at: string;
  readonly by: string;
}

/** Refuses an edit the order's state does not allow; checked on the loaded order and again inside the update. */
function assertEditable(order: Order): void {
  if (order.cancellation && order.cancellation.lineIds === undefined) {
    throw new ConflictError('ORDER_BEING_CANCELLED', `Order ${order.id} is being cancelled; it can no longer be edited`);
  }
  if (busyStatuses.includes(order.status)) {
    const busy = new ConflictError('ORDER_BEING_ALLOCATED', `Order ${order.id} is ${order.status}: its stock and payment are being arranged right now; send the edit again in a few seconds`);
    busy.retryAfterSeconds = 2;
    throw busy;
  }
  if (!editableStatuses.includes(order.status)) {
    throw new ConflictError('ORDER_NOT_EDITABLE', `Order ${order.id} is ${order.status}; only orders that have not started shipping can be edited (${editableStatuses.join(', ')})`);
  }
  if ((order.payments ?? []).some((entry) => entry.type === 'CAPTURE')) {
    throw new ConflictError('ORDER_NOT_EDITABLE', `Order ${order.id} has been charged for a shipment; what is left can be cancelled, not edited`);
  }
}

function checkLines(order: Order, lines: readonly (ChangedLine | AddedLine)[]): FieldError[] {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  lines.forEach((line, index) => {
    const path = `lines[${index}]`;
    if (isAdded(line)) {
      if (line.unitPrice.currency !== order.currency) errors.push({ path: `${path}.unitPrice.currency`, code: 'CURRENCY_MISMATCH', message: `the order is in ${order.currency}` });
      if (line.discount && line.discount.currency !== order.currency) errors.push({ path: `${path}.discount.currency`, code: 'CURRENCY_MISMATCH', message: `the order is in ${order.currency}` });
      if (line.discount && line.discount.amount > line.quantity * line.unitPrice.amount) {
        errors.push({ path: `${path}.discount.amount`, code: 'DISCOUNT_EXCEEDS_LINE', message: 'a discount cannot exceed quantity × unitPrice' });
      }
      return;
    }
    const existing = order.lines.find((candidate) => candidate.lineId === line.lineId);
    if (!existing) {
      errors.push({ path: `${path}.lineId`, code: 'UNKNOWN_LINE', message: `Order ${order.id} has no line ${line.lineId}` });
      return;
    }
    if (seen.has(line.lineId)) errors.push({ path: `${path}.lineId`, code: 'DUPLICATE_LINE', message: `line ${line.lineId} is named twice` });
    seen.add(line.lineId);
    const cancelled = existing.cancelledQuantity ?? 0;
    if (line.quantity < cancelled) {
      errors.push({ path: `${path}.quantity`, code: 'BELOW_CANCELLED', message: `${cancelled} unit(s) of this line are already cancelled; the quantity cannot go below that` });
    }
  });
  return errors;
}

const lineTotalOf = (quantity: number, unitPrice: Money, discount: Money) => money(Math.max(0, quantity * unitPrice.amount - discount.amount), unitPrice.currency);

/** Applies an edit to the order as it is now; throws (changing nothing) when the edit is not allowed. */
export function planOrderEdit(order: Order, request: EditOrderRequest, context: EditContext): OrderEdit {
  assertEditable(order);
  const errors: FieldError[] = [];
  const requestedLines = request.lines ?? [];
  errors.push(...checkLines(order, requestedLines));
  if (request.shippingAddress && storeDeliveryMethods.includes(order.deliveryMethod)) {
    errors.push({ path: 'shippingAddress', code: 'NOT_ALLOWED_FOR_DELIVERY_METHOD', message: `${order.deliveryMethod} is collected in store; there is no shipping address to change` });
  }
  for (const [field, value] of [['shippingPrice', request.shippingPrice], ['taxTotal', request.taxTotal], ['expectedTotal', request.expectedTotal]] as const) {
    if (value && value.currency !== order.currency) errors.push({ path: `${field}.currency`, code: 'CURRENCY_MISMATCH', message: `the order is in ${order.currency}` });
  }
  if (errors.length > 0) throw new BusinessRuleViolation(errors[0]?.code ?? 'INVALID_EDIT', `The edit of order ${order.id} cannot be applied; see errors`, errors);

  const changes: string[] = [];
  const changedById = new Map(requestedLines.filter((line): line is ChangedLine => !isAdded(line)).map((line) => [line.lineId, line.quantity]));
  const changedLineIds = new Set<string>();
  let nextNumber = nextLineNumber(order);
  const lines = order.lines.map((line) => {
    const quantity = changedById.get(line.lineId);
    if (quantity === undefined || quantity === line.quantity) return line;
    changedLineIds.add(line.lineId);
    changes.push(quantity === 0 ? `removed ${line.sku} (line ${line.lineId})` : `${line.sku}: ${line.quantity} → ${quantity}`);
    // The line's discount is a total for the line; it cannot be more than what is left of it.
    const discount = money(Math.min(line.discount.amount, quantity * line.unitPrice.amount), order.currency);
    return { ...line, quantity, discount, lineTotal: lineTotalOf(quantity, line.unitPrice, discount) };
  });
  for (const added of requestedLines.filter(isAdded)) {
    const discount = added.discount ?? money(0, order.currency);
    lines.push({ lineId: `${order.id}-${nextNumber++}`, sku: added.sku, quantity: added.quantity, unitPrice: added.unitPrice, discount, lineTotal: lineTotalOf(added.quantity, added.unitPrice, discount) });
    changes.push(`added ${added.quantity} × ${added.sku}`);
  }
  if (lines.every((line) => line.quantity - (line.cancelledQuantity ?? 0) <= 0)) {
    throw new BusinessRuleViolation('EDIT_EMPTIES_ORDER', `The edit would leave order ${order.id} with nothing to ship; cancel the order instead`, [
      { path: 'lines', code: 'EDIT_EMPTIES_ORDER', message: 'at least one unit must stay on the order' },
    ]);
  }

  // Priced as at capture; shipping and tax stay as they were unless the edit gives new ones.
  const totals = computeTotals({
    currency: order.currency,
    lines,
    shippingPrice: request.shippingPrice ?? order.totals.shippingTotal,
    taxTotal: request.taxTotal ?? order.totals.taxTotal,
  });
  const { shippingTotal: { amount: shippingTotal }, taxTotal: { amount: taxTotal }, grandTotal: { amount: grandTotal } } = totals;
  if (request.expectedTotal && request.expectedTotal.amount !== grandTotal) {
    throw new BusinessRuleViolation('TOTAL_MISMATCH', `The edited order totals ${grandTotal}, not ${request.expectedTotal.amount}`, [
      { path: 'expectedTotal.amount', code: 'TOTAL_MISMATCH', message: `the edited order totals ${grandTotal} (lines − discounts + shipping + tax)` },
    ]);
  }
  if (request.shippingPrice && request.shippingPrice.amount !== order.totals.shippingTotal.amount) changes.push(`shipping ${order.totals.shippingTotal.amount} → ${shippingTotal}`);
  if (request.taxTotal && request.taxTotal.amount !== order.totals.taxTotal.amount) changes.push(`tax ${order.totals.taxTotal.amount} → ${taxTotal}`);
  if (request.shippingAddress) changes.push(`shipping address → ${request.shippingAddress.line1}, ${request.shippingAddress.postalCode} ${request.shippingAddress.city}, ${request.shippingAddress.country}`);

  const affectedShipments = shipmentsOf(order).filter(
    (shipment) => isLiveShipment(shipment) && (request.shippingAddress !== undefined || shipment.lines.some((line) => changedLineIds.has(line.lineId))),
  );
  const packed = affectedShipments.find((shipment) => handedOverShipmentStatuses.includes(shipment.status));
  if (packed) {
    throw new ConflictError(
      'SHIPMENT_ALREADY_PACKED',
      `Order ${order.id} cannot be edited this way: shipment ${packed.shipmentId} is already ${packed.status}. Cancel the lines that are not packed, or return what arrives`,
    );
  }

  const summary = moneySummary(order);
  // Only an order that holds an authorization needs more of it; otherwise intake authorizes the new total.
  const holds = summary.authorized.amount - summary.voided.amount;
  const increase = holds > 0 ? Math.max(0, grandTotal - holds) : 0;
  const totalDifference = money(grandTotal - order.totals.grandTotal.amount, order.currency);

  let edited: Order = {
    ...touched(order, context.at),
    lines,
    totals,
    ...(request.shippingAddress && { shippingAddress: request.shippingAddress }),
  };
  for (const shipment of affectedShipments) {
    edited = updateShipment(edited, shipment.shipmentId, context.at, () => ({}), { to: 'CANCELLED', reason: `Order edited: ${request.reason}; its lines are sourced again` });
  }
  const entry: ActivityEntry = {
    at: context.at,
    type: 'EDITED',
    by: context.by,
    reason: request.reason,
    detail: changes.join('; ') || 'no change',
    ...(increase > 0 && { amount: money(increase, order.currency) }),
    version: edited.version,
  };
  edited = { ...edited, activity: [...(order.activity ?? []), entry] };
  return { edited, affectedShipments, authorizationIncrease: money(increase, order.currency), totalDifference, changes };
}

/** Line ids are `<orderId>-<n>`; the next edit numbers its added lines after the highest one. */
export function nextLineNumber(order: Order): number {
  const numbers = order.lines.map((line) => Number(line.lineId.slice(order.id.length + 1))).filter((value) => Number.isSafeInteger(value));
  return Math.max(order.lines.length, ...numbers) + 1;
}

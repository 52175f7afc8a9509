/**
 * The rules of returns, on the order aggregate: which units can come back (delivered, inside the
 * window, not final sale, not already on another return), how a return moves, and what it refunds.
 * Pure functions; the order is saved with optimistic locking, so two returns racing for the same
 * units cannot both be accepted.
 */
import type { Money } from '../../contracts/money';
import type { Order } from '../../contracts/order';
import type { FieldError } from '../../contracts/problem';
import type { CreateReturnRequest, Disposition, Return, ReturnLine, ReturnReasonCode, ReturnStatus } from '../../contracts/returns';
import { BusinessRuleViolation, ConflictError } from '../errors';
import { changedWithHistory, money, touched } from '../lifecycle/order-lifecycle';
import { withCustomerShipmentStatuses } from '../lifecycle/status-transitions';
import { returnRuleForSku, type ReturnPolicy } from './return-policy';

/** Reasons that are the merchant's fault: no restocking fee, and the shipping comes back too. */
export const merchantFaultReasons: readonly ReturnReasonCode[] = ['DAMAGED', 'DEFECTIVE', 'WRONG_ITEM', 'NOT_AS_DESCRIBED'];

const allowedReturnTransitions: Readonly<Record<ReturnStatus, readonly ReturnStatus[]>> = {
  REQUESTED: ['AWAITING_RECEIPT', 'EXPIRED'],
  AWAITING_RECEIPT: ['RECEIVED', 'EXPIRED'],
  RECEIVED: ['REFUNDED'],
  REFUNDED: ['COMPLETED'],
  COMPLETED: [],
  EXPIRED: [],
};

export const returnsOf = (order: Order): readonly Return[] => order.returns ?? [];

export function returnOf(order: Order, returnId: string): Return {
  const found = returnsOf(order).find((candidate) => candidate.returnId === returnId);
  if (!found) throw new BusinessRuleViolation('UNKNOWN_RETURN', `Order ${order.id} has no return ${returnId}`);
  return found;
}

/** Units of each line the customer has: in shipments delivered or picked up; and when the last of them arrived. */
export function deliveredUnits(order: Order): Map<string, { quantity: number; deliveredAt: string }> {
  const delivered = new Map<string, { quantity: number; deliveredAt: string }>();
  for (const shipment of order.shipments ?? []) {
    if (!withCustomerShipmentStatuses.includes(shipment.status)) continue;
    const at = [...shipment.history].reverse().find((entry) => withCustomerShipmentStatuses.includes(entry.status))?.at ?? shipment.updatedAt;
    for (const line of shipment.lines) {
      const known = delivered.get(line.lineId);
      delivered.set(line.lineId, { quantity: (known?.quantity ?? 0) + line.quantity, deliveredAt: known && known.deliveredAt > at ? known.deliveredAt : at });
    }
  }
  return delivered;
}

/**
 * Units of each line already on a return: what an open return asked for (it may still arrive), what
 * a received one got back; an expired return gives its units back to the customer's allowance.
 */
export function returnedUnits(order: Order): Map<string, number> {
  const returned = new Map<string, number>();
  for (const existing of returnsOf(order)) {
    if (existing.status === 'EXPIRED') continue;
    for (const line of existing.lines) returned.set(line.lineId, (returned.get(line.lineId) ?? 0) + (line.receivedQuantity ?? line.quantity));
  }
  return returned;
}

const daysBetween = (from: string, to: Date) => (to.getTime() - new Date(from).getTime()) / 86_400_000;

/**
 * Checks a return request against the order and the channel's policy, naming every line that
 * breaks a rule; throws before anything is changed. Returns the lines with their SKUs.
 */
export function checkReturnRequest(order: Order, request: CreateReturnRequest, policy: ReturnPolicy, now: Date): Return['lines'] {
  const delivered = deliveredUnits(order);
  const returned = returnedUnits(order);
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  const lines = request.lines.map((requested, index) => {
    const field = (name: string) => `lines[${index}].${name}`;
    const line = order.lines.find((candidate) => candidate.lineId === requested.lineId);
    if (!line) {
      errors.push({ code: 'UNKNOWN_LINE', path: field('lineId'), message: `Order ${order.id} has no line ${requested.lineId}` });
      return undefined;
    }
    if (seen.has(requested.lineId)) errors.push({ code: 'DUPLICATE_LINE', path: field('lineId'), message: `Line ${requested.lineId} appears twice; give its total quantity once` });
    seen.add(requested.lineId);
    const rule = returnRuleForSku(policy, line.sku);
    const handedOver = delivered.get(line.lineId);
    const returnable = (handedOver?.quantity ?? 0) - (returned.get(line.lineId) ?? 0);
    if (rule.finalSale) {
      errors.push({ code: 'FINAL_SALE', path: field('lineId'), message: `${line.sku} is final sale and cannot be returned` });
    } else if (!handedOver) {
      errors.push({ code: 'NOT_DELIVERED', path: field('quantity'), message: `No unit of line ${line.lineId} (${line.sku}) has been delivered or picked up yet` });
    } else if (requested.quantity > returnable) {
      errors.push({
        code: 'RETURN_EXCEEDS_DELIVERED',
        path: field('quantity'),
        message: `Line ${line.lineId} (${line.sku}): ${requested.quantity} asked, ${returnable} returnable (${handedOver.quantity} delivered, ${handedOver.quantity - returnable} already on returns)`,
      });
    } else if (daysBetween(handedOver.deliveredAt, now) > rule.windowDays) {
      errors.push({ code: 'RETURN_WINDOW_CLOSED', path: field('lineId'), message: `Line ${line.lineId} (${line.sku}) was delivered ${handedOver.deliveredAt}; returns close after ${rule.windowDays} days` });
    }
    if (requested.exchangeUnitPrice !== undefined && requested.exchangeForSku === undefined) {
      errors.push({ code: 'EXCHANGE_PRICE_WITHOUT_EXCHANGE', path: field('exchangeUnitPrice'), message: 'exchangeUnitPrice prices the variant of an exchange; name it in exchangeForSku' });
    }
    if (requested.exchangeUnitPrice !== undefined && requested.exchangeUnitPrice.currency !== order.currency) {
      errors.push({ code: 'CURRENCY_MISMATCH', path: field('exchangeUnitPrice.currency'), message: `the order is in ${order.currency}` });
    }
    if (requested.exchangeForSku !== undefined && requested.exchangeForSku === line.sku) {
      errors.push({ code: 'EXCHANGE_FOR_SAME_SKU', path: field('exchangeForSku'), message: 'An exchange is for another variant; for the same one, return it and order again' });
    }
    return {
      lineId: line.lineId,
      sku: line.sku,
      quantity: requested.quantity,
      reasonCode: requested.reasonCode,
      ...(requested.comment !== undefined && { comment: requested.comment }),
      ...(requested.exchangeForSku !== undefined && { exchangeForSku: requested.exchangeForSku }),
      ...(requested.exchangeUnitPrice !== undefined && { exchangeUnitPrice: requested.exchangeUnitPrice }),
    };
  });
  if (request.method === 'STORE' && !request.storeId) errors.push({ code: 'STORE_REQUIRED', path: 'storeId', message: 'A STORE return names the store the goods are handed in at' });
  if (errors.length > 0) {
    const [first] = errors;
    throw new BusinessRuleViolation(errors.length === 1 && first ? first.code : 'RETURN_NOT_ACCEPTED', errors.map((error) => error.message).join('; '), errors);
  }
  return lines.filter((line) => line !== undefined);
}

/** The location the goods go back to: the store for STORE returns, else where the first line shipped from. */
export function receivingLocationFor(order: Order, request: Pick<CreateReturnRequest, 'method' | 'storeId' | 'lines'>): string {
  if (request.method === 'STORE' && request.storeId) return request.storeId;
  const firstLine = request.lines[0]?.lineId;
  const shipment = (order.shipments ?? []).find((candidate) => candidate.lines.some((line) => line.lineId === firstLine) && withCustomerShipmentStatuses.includes(candidate.status));
  if (!shipment) throw new BusinessRuleViolation('NOT_DELIVERED', `No delivered shipment holds line ${firstLine}`);
  return shipment.locationId;
}

/** The order with `returnId` changed by `update`; a status change is guarded and recorded. */
export function updateReturn(order: Order, returnId: string, at: string, update: (current: Return) => Partial<Return>, status?: { to: ReturnStatus; reason?: string }): Order {
  const current = returnOf(order, returnId);
  const changed = changedWithHistory(current, update(current), at, status, (from, to) => {
    if (!allowedReturnTransitions[from].includes(to)) throw new ConflictError('RETURN_STATUS_CONFLICT', `Return ${returnId} is ${from}; it cannot become ${to}`);
  });
  return { ...touched(order, at), returns: returnsOf(order).map((existing) => (existing.returnId === returnId ? changed : existing)) };
}

export const withReturn = (order: Order, added: Return): Order => ({ ...touched(order, added.createdAt), returns: [...returnsOf(order), added] });

/** Takes back a return nothing has happened to yet (its execution could not be started). */
export const withoutRequestedReturn = (order: Order, returnId: string, at: string): Order =>
  returnOf(order, returnId).status === 'REQUESTED' ? { ...touched(order, at), returns: returnsOf(order).filter((existing) => existing.returnId !== returnId) } : order;

/** Return ids are `<orderId>-R<n>`, numbered within the order, so a partner's return id leads to its order. */
export const nextReturnId = (order: Order): string => `${order.id}-R${returnsOf(order).length + 1}`;

export function orderIdOfReturn(returnId: string): string | undefined {
  const at = returnId.lastIndexOf('-R');
  if (at <= 0 || !/^[0-9]+$/.test(returnId.slice(at + 2))) return undefined;
  return returnId.slice(0, at);
}

export interface ReceivedLine {
  readonly lineId: string;
  readonly quantity: number;
  readonly disposition: Disposition;
}

/** Records what arrived and how each line was judged; refuses lines or quantities the return did not ask for. */
export function recordReceipt(order: Order, returnId: string, locationId: string, received: readonly ReceivedLine[], at: string): Order {
  const current = returnOf(order, returnId);
  const errors: FieldError[] = [];
  received.forEach((line, index) => {
    const asked = current.lines.find((candidate) => candidate.lineId === line.lineId);
    if (!asked) errors.push({ path: `lines[${index}].lineId`, code: 'UNKNOWN_RETURN_LINE', message: `Return ${returnId} has no line ${line.lineId}` });
    else if (line.quantity > asked.quantity) errors.push({ path: `lines[${index}].quantity`, code: 'MORE_THAN_RETURNED', message: `Return ${returnId} expects ${asked.quantity} of line ${line.lineId}, not ${line.quantity}` });
  });
  if (new Set(received.map((line) => line.lineId)).size !== received.length) errors.push({ path: 'lines', code: 'DUPLICATE_LINE', message: 'Each line once, with its total quantity' });
  if (locationId !== current.receivingLocationId) errors.push({ path: 'locationId', code: 'WRONG_LOCATION', message: `Return ${returnId} goes back to ${current.receivingLocationId}, not ${locationId}` });
  if (errors.length > 0) throw new BusinessRuleViolation('RECEIPT_DOES_NOT_MATCH_RETURN', errors.map((error) => error.message).join('; '), errors);
  return updateReturn(
    order,
    returnId,
    at,
    (existing) => ({
      lines: existing.lines.map((line) => {
        const got = received.find((candidate) => candidate.lineId === line.lineId);
        return { ...line, receivedQuantity: got?.quantity ?? 0, ...(got && { disposition: got.disposition }) };
      }),
    }),
    { to: 'RECEIVED', reason: `Received at ${locationId}` },
  );
}

export interface ReturnRefund {
  readonly lines: readonly { lineId: string; sku: string; quantity: number; amount: Money }[];
  readonly restockingFee: Money;
  readonly shippingRefunded: Money;
  /** What goes back to the customer: lines − fee + shipping, never more than is left to refund. */
  readonly total: Money;
}

/**
 * What a received return gives back. Each unit is worth its share of what the customer paid for
 * goods (grand total − shipping, shared by line value, rounded down so shares never exceed what
 * was captured); exchanged units give back only what a cheaper variant leaves (their value pays
 * for the replacement); the
 * restocking fee is kept for units returned for reasons that are not the merchant's fault; the
 * shipping comes back once per order when a unit was the merchant's fault. The total is capped by
 * what is still refundable (captured − refunded − credited), so no sequence of returns and
 * goodwill refunds can give back more than was taken.
 */
/** What `quantity` units of an order line were paid: their share of the goods (grand total − shipping) by line value, rounded down. */
export function paidForUnits(order: Order, lineId: string, quantity: number): number {
  const linesValue = order.lines.reduce((sum, line) => sum + line.lineTotal.amount, 0);
  const orderLine = order.lines.find((candidate) => candidate.lineId === lineId);
  if (!orderLine || linesValue <= 0 || orderLine.quantity <= 0) return 0;
  const goodsPaid = order.totals.grandTotal.amount - order.totals.shippingTotal.amount;
  return Math.floor((goodsPaid * orderLine.lineTotal.amount * quantity) / (orderLine.quantity * linesValue) + 1e-9);
}

/**
 * What an exchanged line's units and their variant differ by: positive when the variant costs more
 * (charged on the replacement), negative when it costs less (refunded). An even exchange is 0.
 */
export const exchangeDifference = (order: Order, line: ReturnLine, quantity: number): number =>
  line.exchangeForSku && line.exchangeUnitPrice ? line.exchangeUnitPrice.amount * quantity - paidForUnits(order, line.lineId, quantity) : 0;

export function refundForReturn(order: Order, returnId: string, policy: ReturnPolicy, stillRefundable: number): ReturnRefund {
  const current = returnOf(order, returnId);
  const currency = order.currency;
  const lines = current.lines.map((line) => {
    const quantity = line.receivedQuantity ?? 0;
    // An exchanged unit's value pays for its variant; only a cheaper variant leaves something to give back.
    const value = line.exchangeForSku ? Math.max(0, -exchangeDifference(order, line, quantity)) : paidForUnits(order, line.lineId, quantity);
    return { lineId: line.lineId, sku: line.sku, quantity, amount: money(value, currency), reasonCode: line.reasonCode };
  });
  const fee = lines
    .filter((line) => !merchantFaultReasons.includes(line.reasonCode))
    .reduce((sum, line) => sum + Math.round((line.amount.amount * policy.restockingFeePercent) / 100), 0);
  const shippingAlreadyRefunded = returnsOf(order).some((other) => other.returnId !== returnId && (other.refund?.shippingRefunded.amount ?? 0) > 0);
  const merchantFault = lines.some((line) => line.quantity > 0 && merchantFaultReasons.includes(line.reasonCode));
  const shipping = merchantFault && !shippingAlreadyRefunded ? order.totals.shippingTotal.amount : 0;
  const linesTotal = lines.reduce((sum, line) => sum + line.amount.amount, 0);
  const total = Math.max(0, Math.min(linesTotal - fee + shipping, stillRefundable));
  return {
    lines: lines.map(({ reasonCode: _reason, ...line }) => line),
    restockingFee: money(fee, currency),
    shippingRefunded: money(shipping, currency),
    total: money(total, currency),
  };
}

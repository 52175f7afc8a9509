/**
 * The risk screen an order passes before payment: every rule is checked and every rule that fires
 * is listed, so a reviewer sees the whole picture, not only the first hit. Reject beats hold beats
 * accept. Pure: the caller supplies the customer's recent orders and the time.
 */
import type { Money } from '../../contracts/money';
import type { Address, Order } from '../../contracts/order';
import { describeMoney } from '../money-ledger';
import {
  normalizeEmail,
  normalizePostalCode,
  riskRulesForChannel,
  type AmountLimits,
  type BlockedValue,
  type ChannelRiskRules,
  type RiskRules,
} from './risk-rules';

export type RiskDecision = 'accept' | 'hold' | 'reject';

export const riskReasonCodes = [
  'BLOCKED_CUSTOMER',
  'BLOCKED_EMAIL',
  'BLOCKED_PAYMENT_REFERENCE',
  'BLOCKED_POSTAL_CODE',
  'AMOUNT_ABOVE_REJECT_LIMIT',
  'AMOUNT_ABOVE_HOLD_LIMIT',
  'COUNTRY_MISMATCH',
  'VELOCITY_ORDER_COUNT',
  'VELOCITY_ORDER_VALUE',
] as const;
export type RiskReasonCode = (typeof riskReasonCodes)[number];

export interface RiskReason {
  readonly code: RiskReasonCode;
  readonly message: string;
  /** What this rule alone would decide. */
  readonly effect: 'hold' | 'reject';
}

export interface RiskScreening {
  readonly decision: RiskDecision;
  /** Every rule that fired, in a fixed order; empty when the order is accepted. */
  readonly reasons: readonly RiskReason[];
}

export interface RiskContext {
  /** The same customer's other orders placed in the 24 hours before `now`; this order is not included. */
  readonly recentOrders: {
    readonly count: number;
    /** Their grand totals summed in this order's currency; orders in other currencies are left out. */
    readonly value: Money;
  };
  /** When the screen runs: blocks with an `until` at or before it have lapsed. */
  readonly now: Date;
}

const isInForce = (entry: { readonly until?: string }, now: Date) => entry.until === undefined || Date.parse(entry.until) > now.getTime();

const firstInForce = <Entry extends { readonly until?: string }>(entries: readonly Entry[], now: Date, matches: (entry: Entry) => boolean) =>
  entries.find((entry) => isInForce(entry, now) && matches(entry));

const because = (entry: { readonly note?: string }) => (entry.note ? ` (${entry.note})` : '');

function blockedReasons(order: Order, rules: ChannelRiskRules, now: Date): RiskReason[] {
  const reasons: RiskReason[] = [];
  const reject = (code: RiskReasonCode, message: string) => reasons.push({ code, message, effect: 'reject' });
  const { blocked } = rules;

  const customer = firstInForce(blocked.customerIds, now, (entry) => entry.value === order.customer.id);
  if (customer) reject('BLOCKED_CUSTOMER', `customer ${order.customer.id} is blocked${because(customer)}`);

  const email = normalizeEmail(order.customer.email);
  const domain = email.slice(email.lastIndexOf('@'));
  const emailEntry = firstInForce(blocked.emails, now, (entry: BlockedValue) => {
    const value = normalizeEmail(entry.value);
    return value === email || (value.startsWith('@') && value === domain);
  });
  if (emailEntry) {
    const what = emailEntry.value.startsWith('@') ? `email domain ${domain}` : `email ${order.customer.email}`;
    reject('BLOCKED_EMAIL', `${what} is blocked${because(emailEntry)}`);
  }

  const payment = firstInForce(blocked.paymentReferences, now, (entry) => entry.value === order.payment.reference);
  if (payment) reject('BLOCKED_PAYMENT_REFERENCE', `payment reference ${order.payment.reference} is blocked${because(payment)}`);

  const addresses: [string, Address | undefined][] = [
    ['shipping', order.shippingAddress],
    ['billing', order.billingAddress],
  ];
  for (const [role, address] of addresses) {
    if (!address) continue;
    const postalCode = normalizePostalCode(address.postalCode);
    const entry = firstInForce(
      blocked.postalCodes,
      now,
      (candidate) => candidate.country === address.country && normalizePostalCode(candidate.postalCode) === postalCode,
    );
    if (entry) reject('BLOCKED_POSTAL_CODE', `${role} postal code ${address.country} ${address.postalCode} is blocked${because(entry)}`);
  }
  return reasons;
}

function limitOf(limits: AmountLimits, currency: string): Money | undefined {
  const amount = limits[currency];
  return amount === undefined ? undefined : { amount, currency };
}

function amountReasons(order: Order, rules: ChannelRiskRules): RiskReason[] {
  const reasons: RiskReason[] = [];
  const total = order.totals.grandTotal;
  const rejectLimit = limitOf(rules.rejectAboveAmount, total.currency);
  if (rejectLimit && total.amount > rejectLimit.amount) {
    reasons.push({
      code: 'AMOUNT_ABOVE_REJECT_LIMIT',
      message: `order total ${describeMoney(total)} is above the reject limit of ${describeMoney(rejectLimit)}`,
      effect: 'reject',
    });
  }
  const holdLimit = limitOf(rules.holdAboveAmount, total.currency);
  if (holdLimit && total.amount > holdLimit.amount) {
    reasons.push({
      code: 'AMOUNT_ABOVE_HOLD_LIMIT',
      message: `order total ${describeMoney(total)} is above the review limit of ${describeMoney(holdLimit)}`,
      effect: 'hold',
    });
  }
  return reasons;
}

function countryReasons(order: Order, rules: ChannelRiskRules): RiskReason[] {
  const { billingAddress, shippingAddress } = order;
  // Without both addresses (e.g. click-and-collect) there is nothing to compare.
  if (!rules.holdOnCountryMismatch || !billingAddress || !shippingAddress || billingAddress.country === shippingAddress.country) return [];
  return [
    {
      code: 'COUNTRY_MISMATCH',
      message: `billing country ${billingAddress.country} differs from shipping country ${shippingAddress.country}`,
      effect: 'hold',
    },
  ];
}

function velocityReasons(order: Order, rules: ChannelRiskRules, context: RiskContext): RiskReason[] {
  const reasons: RiskReason[] = [];
  const total = order.totals.grandTotal;
  const { recentOrders } = context;
  if (recentOrders.value.currency !== total.currency) {
    // The caller's contract, not a customer problem: summing across currencies would compare nonsense.
    throw new RangeError(`recent order value is in ${recentOrders.value.currency}; it must be summed in the order's currency ${total.currency}`);
  }
  const orders = recentOrders.count + 1;
  const { maxOrdersPer24h } = rules.velocity;
  if (orders > maxOrdersPer24h) {
    reasons.push({
      code: 'VELOCITY_ORDER_COUNT',
      message: `customer ${order.customer.id} placed ${orders} orders within 24 hours, more than the ${maxOrdersPer24h} allowed`,
      effect: 'hold',
    });
  }
  const spent: Money = { amount: recentOrders.value.amount + total.amount, currency: total.currency };
  const valueLimit = limitOf(rules.velocity.maxValuePer24h, total.currency);
  if (valueLimit && spent.amount > valueLimit.amount) {
    reasons.push({
      code: 'VELOCITY_ORDER_VALUE',
      message: `customer ${order.customer.id} ordered ${describeMoney(spent)} within 24 hours, more than the ${describeMoney(valueLimit)} allowed`,
      effect: 'hold',
    });
  }
  return reasons;
}

/** Screens the order with the rules of its channel. */
export function screenOrder(order: Order, context: RiskContext, rules: RiskRules): RiskScreening {
  const channelRules = riskRulesForChannel(rules, order.channelId);
  const reasons = [
    ...blockedReasons(order, channelRules, context.now),
    ...amountReasons(order, channelRules),
    ...countryReasons(order, channelRules),
    ...velocityReasons(order, channelRules, context),
  ];
  const decision: RiskDecision = reasons.some((reason) => reason.effect === 'reject')
    ? 'reject'
    : reasons.some((reason) => reason.effect === 'hold')
      ? 'hold'
      : 'accept';
  return { decision, reasons };
}

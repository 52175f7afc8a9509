/**
 * Customer service acts on orders within limits per role. Two roles, from the key's scopes:
 * `customer-service` (agent) and `customer-service:lead`. A goodwill gesture (appeasement) is
 * capped per order by the role's limit (all appeasements of the order together, in the order's
 * minor units) and, like every refund, by what the customer paid and has not had back.
 * Limits are read once from OMS_APPEASEMENT_LIMITS, e.g. {"agent": 2000, "lead": 20000}.
 */
import * as z from 'zod';
import type { Money } from '../../contracts/money';
import type { ActivityEntry } from '../../contracts/order-activity';
import type { Order } from '../../contracts/order';
import { BusinessRuleViolation } from '../errors';
import { stillRefundable, touched } from '../lifecycle/order-lifecycle';

export const customerServiceRoles = ['agent', 'lead'] as const;
export type CustomerServiceRole = (typeof customerServiceRoles)[number];

export const AppeasementLimitsSchema = z.strictObject({
  agent: z.int().min(0).default(2_000),
  lead: z.int().min(0).default(20_000),
});
export type AppeasementLimits = z.output<typeof AppeasementLimitsSchema>;
export const defaultAppeasementLimits: AppeasementLimits = AppeasementLimitsSchema.parse({});

/** The role a key acts in: a lead key holds `customer-service:lead` (and `customer-service` to reach the routes). */
export const roleOf = (scopes: readonly string[]): CustomerServiceRole => (scopes.includes('customer-service:lead') ? 'lead' : 'agent');

export interface Actor {
  readonly user: string;
  readonly role: CustomerServiceRole;
}

/** Appends an audited action to the order's activity (and bumps its version). */
export function withActivity(order: Order, entry: Omit<ActivityEntry, 'version'>): Order {
  const next = touched(order, entry.at);
  return { ...next, activity: [...(order.activity ?? []), { ...entry, version: next.version }] };
}

const appeased = (order: Order) => (order.activity ?? []).filter((entry) => entry.type === 'APPEASEMENT').reduce((sum, entry) => sum + (entry.amount?.amount ?? 0), 0);

/** Refuses (422, naming amount) a gesture over the role's limit or over what can still go back to the customer. */
export function checkAppeasement(order: Order, amount: Money, actor: Actor, limits: AppeasementLimits): void {
  if (amount.currency !== order.currency) {
    throw new BusinessRuleViolation('CURRENCY_MISMATCH', `Order ${order.id} is in ${order.currency}`, [{ path: 'amount.currency', code: 'CURRENCY_MISMATCH', message: `the order is in ${order.currency}` }]);
  }
  if (amount.amount < 1) {
    throw new BusinessRuleViolation('AMOUNT_TOO_SMALL', 'An appeasement is at least 1 minor unit', [{ path: 'amount.amount', code: 'AMOUNT_TOO_SMALL', message: 'at least 1' }]);
  }
  const limit = limits[actor.role];
  const before = appeased(order);
  if (before + amount.amount > limit) {
    throw new BusinessRuleViolation('APPEASEMENT_OVER_LIMIT', `A ${actor.role} may grant at most ${limit} (minor units) per order; ${before} already granted on order ${order.id}`, [
      { path: 'amount.amount', code: 'APPEASEMENT_OVER_LIMIT', message: `at most ${Math.max(0, limit - before)} more for the ${actor.role} role; a lead can grant up to ${limits.lead}` },
    ]);
  }
  const refundable = stillRefundable(order);
  if (amount.amount > refundable) {
    throw new BusinessRuleViolation('REFUND_EXCEEDS_CAPTURED', `Order ${order.id} has ${refundable} (minor units) captured and not yet given back`, [
      { path: 'amount.amount', code: 'REFUND_EXCEEDS_CAPTURED', message: `at most ${refundable}: captured minus refunded minus credited` },
    ]);
  }
}

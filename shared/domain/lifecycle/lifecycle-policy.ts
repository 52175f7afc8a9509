/**
 * How the lifecycle treats a channel's orders: what happens when stock is short, how long it waits
 * for reviewers, warehouses, restocks, carriers and customers, and what it does when they do not
 * answer. Read once from configuration (validated), with defaults for every channel.
 */
import * as z from 'zod';

const seconds = z.int().min(1).max(365 * 24 * 3600);

export const LifecyclePolicySchema = z.strictObject({
  /** cancel: an order that cannot be fully held is cancelled; backorder: it waits for a restock; ship-available-backorder-rest: what is held ships now, the rest waits. */
  shortStock: z.enum(['cancel', 'backorder', 'ship-available-backorder-rest']).default('backorder'),
  /** How long a held order waits for a reviewer, and what happens then. */
  reviewTimeoutSeconds: seconds.default(24 * 3600),
  reviewDefault: z.enum(['approve', 'reject']).default('reject'),
  /** How long an order waits for the customer to authenticate the payment (3-D Secure) before it is cancelled. */
  paymentActionTimeoutSeconds: seconds.default(3600),
  /** How long backordered units wait for stock before they are cancelled (and not charged). */
  restockTimeoutSeconds: seconds.default(14 * 24 * 3600),
  /** A warehouse or store must pack within this time, and show life (a heartbeat) at least this often. */
  fulfilmentTimeoutSeconds: seconds.default(3 * 24 * 3600),
  fulfilmentHeartbeatSeconds: seconds.default(24 * 3600),
  /** After this long without a delivery scan the shipment is escalated to customer service. */
  deliveryTimeoutSeconds: seconds.default(30 * 24 * 3600),
  /** Click-and-collect: how long goods wait in store before they go back to stock and are refunded. */
  pickupDeadlineSeconds: seconds.default(7 * 24 * 3600),
  /** Locations a rejected line may be offered to, after the first, before the line is cancelled. */
  maxResourcingAttempts: z.int().min(0).max(10).default(2),
});
export type LifecyclePolicy = z.output<typeof LifecyclePolicySchema>;

export const LifecyclePoliciesSchema = z.strictObject({
  defaults: LifecyclePolicySchema.prefault({}),
  channels: z.record(z.string(), LifecyclePolicySchema.partial()).default({}),
});
export type LifecyclePolicies = z.output<typeof LifecyclePoliciesSchema>;

export const defaultLifecyclePolicies: LifecyclePolicies = LifecyclePoliciesSchema.parse({});

/** A channel's settings over the defaults: what the channel leaves unset (or undefined) is the default. */
export const channelPolicy = <Policy extends object>(policies: { defaults: Policy; channels: Record<string, Partial<Policy>> }, channelId: string): Policy => ({
  ...policies.defaults,
  ...Object.fromEntries(Object.entries(policies.channels[channelId] ?? {}).filter(([, value]) => value !== undefined)),
});

export const lifecyclePolicyFor = (policies: LifecyclePolicies, channelId: string): LifecyclePolicy => channelPolicy(policies, channelId);

/** The time limits an execution needs, in the shape the ASL reads them (TimeoutSecondsPath). */
export const executionTimeouts = (policy: LifecyclePolicy) => ({
  reviewSeconds: policy.reviewTimeoutSeconds,
  paymentActionSeconds: policy.paymentActionTimeoutSeconds,
  restockSeconds: policy.restockTimeoutSeconds,
  fulfilmentSeconds: policy.fulfilmentTimeoutSeconds,
  fulfilmentHeartbeatSeconds: policy.fulfilmentHeartbeatSeconds,
});
export type ExecutionTimeouts = ReturnType<typeof executionTimeouts>;

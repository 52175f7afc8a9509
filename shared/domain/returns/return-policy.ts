/**
 * How a channel takes goods back: how long after delivery a return may be asked for (per category,
 * with final-sale categories that cannot be returned), how long the goods may take to arrive, and
 * the restocking fee when the customer simply changed their mind. Read once from configuration
 * (OMS_RETURN_POLICIES, validated), with defaults for every channel.
 *
 * A category is a SKU prefix: the OMS holds no product catalogue, and storefronts name variants
 * after their products (`GIFTCARD-50`, `SALE-TSHIRT-M`). The longest matching prefix wins.
 */
import * as z from 'zod';
import { channelPolicy } from '../lifecycle/lifecycle-policy';

const CategoryRuleSchema = z.strictObject({
  skuPrefix: z.string().min(1),
  /** Days after delivery a return may be requested, for this category. */
  windowDays: z.int().min(0).max(3650).optional(),
  /** Final sale: never returnable. */
  finalSale: z.boolean().default(false),
});

export const ReturnPolicySchema = z.strictObject({
  /** Days after delivery (or pickup) a return may be requested. */
  windowDays: z.int().min(0).max(3650).default(30),
  /** How long after the request the goods must arrive before the return expires. */
  receiptTimeoutSeconds: z.int().min(1).max(365 * 24 * 3600).default(30 * 24 * 3600),
  /** Kept from the refund of lines returned for a reason that is not the merchant's fault, in percent. */
  restockingFeePercent: z.number().min(0).max(100).default(0),
  categories: z.array(CategoryRuleSchema).default([]),
});
export type ReturnPolicy = z.output<typeof ReturnPolicySchema>;

export const ReturnPoliciesSchema = z.strictObject({
  defaults: ReturnPolicySchema.prefault({}),
  channels: z.record(z.string(), ReturnPolicySchema.partial()).default({}),
});
export type ReturnPolicies = z.output<typeof ReturnPoliciesSchema>;

export const defaultReturnPolicies: ReturnPolicies = ReturnPoliciesSchema.parse({});

export const returnPolicyFor = (policies: ReturnPolicies, channelId: string): ReturnPolicy => channelPolicy(policies, channelId);

/** The window and final-sale flag for a SKU: its longest matching category, else the channel's window. */
export function returnRuleForSku(policy: ReturnPolicy, sku: string): { windowDays: number; finalSale: boolean } {
  const category = policy.categories
    .filter((rule) => sku.startsWith(rule.skuPrefix))
    .sort((a, b) => b.skuPrefix.length - a.skuPrefix.length)[0];
  return { windowDays: category?.windowDays ?? policy.windowDays, finalSale: category?.finalSale ?? false };
}

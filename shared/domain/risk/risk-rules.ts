/**
 * The risk rules, per channel, as configuration: a zod schema (so they can come from config and be
 * refused at load time when wrong), the defaults, and how a channel's overrides combine with them.
 */
import * as z from 'zod';
import { CurrencyCodeSchema } from '../../contracts/money';

const minorUnits = z.int().min(0).max(Number.MAX_SAFE_INTEGER);

/** Limits per ISO 4217 currency in minor units; a currency that is not listed has no limit. */
export const AmountLimitsSchema = z.partialRecord(CurrencyCodeSchema, minorUnits);
export type AmountLimits = z.infer<typeof AmountLimitsSchema>;

const untilSchema = z.iso
  .datetime({ offset: true })
  .optional()
  .describe('The block lapses at this instant; without it the block stays until removed');
const noteSchema = z.string().max(500).optional().describe('Why it is blocked, for the people who read the list');

/** A blocked value; a bare string is shorthand for { value } (a block that never lapses). */
const BlockedValueSchema = z
  .union([z.string().min(1).max(254), z.strictObject({ value: z.string().min(1).max(254), until: untilSchema, note: noteSchema })])
  .transform((entry) => (typeof entry === 'string' ? { value: entry } : entry));
export type BlockedValue = z.output<typeof BlockedValueSchema>;

export const BlockedPostalCodeSchema = z.strictObject({
  country: z.string().regex(/^[A-Z]{2}$/, 'country must be an ISO 3166-1 alpha-2 code such as DE'),
  postalCode: z.string().min(1).max(20),
  until: untilSchema,
  note: noteSchema,
});
export type BlockedPostalCode = z.output<typeof BlockedPostalCodeSchema>;

export const BlockListsSchema = z.strictObject({
  /** Whole addresses (case-insensitive), or a whole domain written as "@example.com". */
  emails: z.array(BlockedValueSchema).default([]),
  customerIds: z.array(BlockedValueSchema).default([]),
  postalCodes: z.array(BlockedPostalCodeSchema).default([]),
  paymentReferences: z.array(BlockedValueSchema).default([]),
});
export type BlockLists = z.output<typeof BlockListsSchema>;

export const VelocityRulesSchema = z.strictObject({
  /** More orders than this by one customer within 24 hours, this one included, is held. */
  maxOrdersPer24h: z.int().min(1).max(10_000),
  /** More than this spent by one customer within 24 hours, this order included, is held. */
  maxValuePer24h: AmountLimitsSchema,
});
export type VelocityRules = z.output<typeof VelocityRulesSchema>;

export interface ChannelRiskRules {
  /** An order whose grand total is above the limit for its currency is held for review. */
  readonly holdAboveAmount: AmountLimits;
  /** An order whose grand total is above the limit for its currency is rejected. */
  readonly rejectAboveAmount: AmountLimits;
  /** Hold an order whose billing country differs from its shipping country. */
  readonly holdOnCountryMismatch: boolean;
  readonly velocity: VelocityRules;
  /** Reject an order that matches any entry still in force. */
  readonly blocked: BlockLists;
}

/**
 * Sensible for a mid-sized European web shop: review anything over 1 500 in the major currencies,
 * refuse anything over 10 000, and review a sixth order (or over 3 000 spent) within a day.
 */
export const defaultChannelRiskRules: ChannelRiskRules = {
  holdAboveAmount: { EUR: 150_000, USD: 150_000, GBP: 130_000, CHF: 150_000 },
  rejectAboveAmount: { EUR: 1_000_000, USD: 1_000_000, GBP: 900_000, CHF: 1_000_000 },
  holdOnCountryMismatch: true,
  velocity: { maxOrdersPer24h: 5, maxValuePer24h: { EUR: 300_000, USD: 300_000, GBP: 260_000, CHF: 300_000 } },
  blocked: { emails: [], customerIds: [], postalCodes: [], paymentReferences: [] },
};

/** Reject limits below hold limits would make the hold limit unreachable: almost surely a typo. */
function checkLimitsOrder(rules: Pick<ChannelRiskRules, 'holdAboveAmount' | 'rejectAboveAmount'>, path: PropertyKey[], context: z.core.$RefinementCtx) {
  for (const [currency, reject] of Object.entries(rules.rejectAboveAmount)) {
    const hold = rules.holdAboveAmount[currency];
    if (reject !== undefined && hold !== undefined && reject < hold) {
      context.addIssue({
        code: 'custom',
        path: [...path, 'rejectAboveAmount', currency],
        message: `the ${currency} reject limit (${reject}) is below the hold limit (${hold})`,
      });
    }
  }
}

export const ChannelRiskRulesSchema = z
  .strictObject({
    holdAboveAmount: AmountLimitsSchema.default(defaultChannelRiskRules.holdAboveAmount),
    rejectAboveAmount: AmountLimitsSchema.default(defaultChannelRiskRules.rejectAboveAmount),
    holdOnCountryMismatch: z.boolean().default(defaultChannelRiskRules.holdOnCountryMismatch),
    velocity: z
      .strictObject({
        maxOrdersPer24h: VelocityRulesSchema.shape.maxOrdersPer24h.default(defaultChannelRiskRules.velocity.maxOrdersPer24h),
        maxValuePer24h: AmountLimitsSchema.default(defaultChannelRiskRules.velocity.maxValuePer24h),
      })
      .prefault({}),
    blocked: BlockListsSchema.prefault({}),
  })
  .superRefine((rules, context) => checkLimitsOrder(rules, [], context));

/** What a channel changes; anything left out is the default. */
export const ChannelRiskOverridesSchema = z.strictObject({
  holdAboveAmount: AmountLimitsSchema.optional(),
  rejectAboveAmount: AmountLimitsSchema.optional(),
  holdOnCountryMismatch: z.boolean().optional(),
  velocity: VelocityRulesSchema.partial().strict().optional(),
  blocked: BlockListsSchema.partial().strict().optional(),
});
export type ChannelRiskOverrides = z.output<typeof ChannelRiskOverridesSchema>;

/**
 * How a channel's overrides combine with the defaults: limits are replaced per currency (a channel
 * that names EUR keeps the default USD limit), flags and counts are replaced, and block lists are
 * added to, because a channel must never unblock what is blocked for every channel.
 */
export function withOverrides(defaults: ChannelRiskRules, overrides: ChannelRiskOverrides | undefined): ChannelRiskRules {
  if (!overrides) return defaults;
  return {
    holdAboveAmount: { ...defaults.holdAboveAmount, ...overrides.holdAboveAmount },
    rejectAboveAmount: { ...defaults.rejectAboveAmount, ...overrides.rejectAboveAmount },
    holdOnCountryMismatch: overrides.holdOnCountryMismatch ?? defaults.holdOnCountryMismatch,
    velocity: {
      maxOrdersPer24h: overrides.velocity?.maxOrdersPer24h ?? defaults.velocity.maxOrdersPer24h,
      maxValuePer24h: { ...defaults.velocity.maxValuePer24h, ...overrides.velocity?.maxValuePer24h },
    },
    blocked: {
      emails: [...defaults.blocked.emails, ...(overrides.blocked?.emails ?? [])],
      customerIds: [...defaults.blocked.customerIds, ...(overrides.blocked?.customerIds ?? [])],
      postalCodes: [...defaults.blocked.postalCodes, ...(overrides.blocked?.postalCodes ?? [])],
      paymentReferences: [...defaults.blocked.paymentReferences, ...(overrides.blocked?.paymentReferences ?? [])],
    },
  };
}

const channelIdSchema = z.string().min(1).max(64);

/** The rules for every channel (`defaults`) and what individual channels change (`channels`, by channel id). */
export const RiskRulesSchema = z
  .strictObject({
    defaults: ChannelRiskRulesSchema.prefault({}),
    channels: z.record(channelIdSchema, ChannelRiskOverridesSchema).default({}),
  })
  .superRefine((rules, context) => {
    for (const [channelId, overrides] of Object.entries(rules.channels)) {
      checkLimitsOrder(withOverrides(rules.defaults, overrides), ['channels', channelId], context);
    }
  });

export interface RiskRules {
  readonly defaults: ChannelRiskRules;
  readonly channels: Readonly<Record<string, ChannelRiskOverrides>>;
}

export const defaultRiskRules: RiskRules = { defaults: defaultChannelRiskRules, channels: {} };

/** The rules that apply to the channel's orders. */
export const riskRulesForChannel = (rules: RiskRules, channelId: string): ChannelRiskRules =>
  withOverrides(rules.defaults, rules.channels[channelId]);

/** Addresses are compared without case or surrounding blanks. */
export const normalizeEmail = (email: string) => email.trim().toLowerCase();

/** "sw1a 1aa" and "SW1A1AA" are the same postal code; so are "10117" and " 10117 ". */
export const normalizePostalCode = (postalCode: string) => postalCode.replace(/[\s-]/g, '').toUpperCase();

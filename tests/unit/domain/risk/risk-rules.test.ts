import { describe, expect, it } from 'vitest';
import { RiskRulesSchema, defaultChannelRiskRules, defaultRiskRules, riskRulesForChannel, type RiskRules } from '../../../../shared/domain/risk';

const issuesOf = (config: unknown) => {
  const result = RiskRulesSchema.safeParse(config);
  return result.success ? [] : result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
};

describe('RiskRulesSchema', () => {
  it('fills in the exported defaults for an empty configuration', () => {
    // Prepare
    const config = {};

    // Act
    const rules: RiskRules = RiskRulesSchema.parse(config);

    // Assess
    expect(rules).toEqual(defaultRiskRules);
  });

  it('fills in defaults field by field, so a config naming one limit keeps the rest', () => {
    // Prepare
    const config = { defaults: { velocity: { maxOrdersPer24h: 3 }, blocked: { emails: ['x@example.com'] } } };

    // Act
    const rules = RiskRulesSchema.parse(config);

    // Assess
    expect(rules.defaults.velocity).toEqual({ ...defaultChannelRiskRules.velocity, maxOrdersPer24h: 3 });
    expect(rules.defaults.holdAboveAmount).toEqual(defaultChannelRiskRules.holdAboveAmount);
    expect(rules.defaults.blocked).toEqual({ emails: [{ value: 'x@example.com' }], customerIds: [], postalCodes: [], paymentReferences: [] });
  });

  it('refuses a reject limit below the hold limit of the same currency, in the defaults and in a channel', () => {
    // Prepare
    const inDefaults = { defaults: { holdAboveAmount: { EUR: 5_000 }, rejectAboveAmount: { EUR: 4_000 } } };
    const inChannel = { channels: { pos: { rejectAboveAmount: { EUR: 100 } } } };

    // Act
    const defaultsIssues = issuesOf(inDefaults);
    const channelIssues = issuesOf(inChannel);

    // Assess
    expect(defaultsIssues).toEqual([{ path: 'defaults.rejectAboveAmount.EUR', message: 'the EUR reject limit (4000) is below the hold limit (5000)' }]);
    expect(channelIssues).toEqual([{ path: 'channels.pos.rejectAboveAmount.EUR', message: 'the EUR reject limit (100) is below the hold limit (150000)' }]);
  });

  it('refuses unknown currencies, fractional or negative limits, unknown keys and malformed block entries', () => {
    // Prepare
    const configs = [
      { defaults: { holdAboveAmount: { EURO: 100 } } },
      { defaults: { holdAboveAmount: { EUR: 10.5 } } },
      { defaults: { velocity: { maxValuePer24h: { EUR: -1 } } } },
      { defaults: { velocity: { maxOrdersPer24h: 0 } } },
      { defaults: { holdAbove: { EUR: 100 } } },
      { channels: { pos: { blocked: { emails: [''] } } } },
      { defaults: { blocked: { postalCodes: [{ country: 'de', postalCode: '10117' }] } } },
      { defaults: { blocked: { customerIds: [{ value: 'c1', until: 'tomorrow' }] } } },
    ];

    // Act
    const results = configs.map((config) => RiskRulesSchema.safeParse(config).success);

    // Assess
    expect(results).toEqual(configs.map(() => false));
  });
});

describe('riskRulesForChannel', () => {
  it('replaces limits per currency, flags and counts, and adds to the block lists', () => {
    // Prepare
    const rules = RiskRulesSchema.parse({
      defaults: { blocked: { emails: ['a@example.com'] } },
      channels: {
        pos: {
          holdAboveAmount: { EUR: 400_000 },
          holdOnCountryMismatch: false,
          velocity: { maxOrdersPer24h: 50 },
          blocked: { emails: ['b@example.com'] },
        },
      },
    });

    // Act
    const pos = riskRulesForChannel(rules, 'pos');
    const web = riskRulesForChannel(rules, 'web');

    // Assess
    expect(pos.holdAboveAmount).toEqual({ ...defaultChannelRiskRules.holdAboveAmount, EUR: 400_000 });
    expect(pos.holdOnCountryMismatch).toBe(false);
    expect(pos.velocity).toEqual({ maxOrdersPer24h: 50, maxValuePer24h: defaultChannelRiskRules.velocity.maxValuePer24h });
    expect(pos.blocked.emails).toEqual([{ value: 'a@example.com' }, { value: 'b@example.com' }]);
    expect(web).toEqual(rules.defaults);
  });
});

import { describe, expect, it } from 'vitest';
import { RiskRulesSchema, defaultRiskRules, screenOrder, type RiskRules } from '../../../../shared/domain/risk';
import { contextWith, orderWith } from './fixtures';

/** Rules from config, as they would be loaded: whatever is not given is the default. */
const rulesFrom = (config: unknown): RiskRules => RiskRulesSchema.parse(config);

const codesOf = (screening: ReturnType<typeof screenOrder>) => screening.reasons.map((reason) => reason.code);

describe('screenOrder: accept', () => {
  it('accepts an ordinary order with no reasons', () => {
    // Prepare
    const order = orderWith();

    // Act
    const screening = screenOrder(order, contextWith(), defaultRiskRules);

    // Assess
    expect(screening).toEqual({ decision: 'accept', reasons: [] });
  });

  it('accepts the example order with the default rules', () => {
    // Prepare
    const order = orderWith({ total: 10_246 });

    // Act
    const screening = screenOrder(order, contextWith(2, 20_000), defaultRiskRules);

    // Assess
    expect(screening.decision).toBe('accept');
  });
});

describe('screenOrder: amount limits', () => {
  it('holds an order above the hold limit of its currency and accepts one exactly at it', () => {
    // Prepare
    const atLimit = orderWith({ total: 150_000 });
    const above = orderWith({ total: 150_001 });

    // Act
    const atLimitScreening = screenOrder(atLimit, contextWith(), defaultRiskRules);
    const aboveScreening = screenOrder(above, contextWith(), defaultRiskRules);

    // Assess
    expect(atLimitScreening.decision).toBe('accept');
    expect(aboveScreening).toEqual({
      decision: 'hold',
      reasons: [{ code: 'AMOUNT_ABOVE_HOLD_LIMIT', message: 'order total EUR 1500.01 is above the review limit of EUR 1500.00', effect: 'hold' }],
    });
  });

  it('rejects an order above the reject limit and lists the hold limit it also passed', () => {
    // Prepare
    const order = orderWith({ total: 1_000_001 });

    // Act
    const screening = screenOrder(order, contextWith(), rulesFrom({ defaults: { velocity: { maxValuePer24h: {} } } }));

    // Assess
    expect(screening.decision).toBe('reject');
    expect(codesOf(screening)).toEqual(['AMOUNT_ABOVE_REJECT_LIMIT', 'AMOUNT_ABOVE_HOLD_LIMIT']);
  });

  it('applies no amount limit to a currency the rules do not name', () => {
    // Prepare
    const order = orderWith({ total: 99_000_000, currency: 'JPY' });

    // Act
    const screening = screenOrder(order, contextWith(0, 0, 'JPY'), defaultRiskRules);

    // Assess
    expect(screening.decision).toBe('accept');
  });
});

describe('screenOrder: country mismatch', () => {
  it('holds an order billed in another country than it ships to', () => {
    // Prepare
    const order = orderWith({ billingAddress: { country: 'FR', postalCode: '75001', city: 'Paris' } });

    // Act
    const screening = screenOrder(order, contextWith(), defaultRiskRules);

    // Assess
    expect(screening).toEqual({
      decision: 'hold',
      reasons: [{ code: 'COUNTRY_MISMATCH', message: 'billing country FR differs from shipping country DE', effect: 'hold' }],
    });
  });

  it('does not compare countries without a shipping address (click-and-collect) or when the channel turned the rule off', () => {
    // Prepare
    const collected = orderWith({ clickAndCollect: true, billingAddress: { country: 'FR' } });
    const marketplace = orderWith({ channelId: 'marketplace', billingAddress: { country: 'FR' } });
    const rules = rulesFrom({ channels: { marketplace: { holdOnCountryMismatch: false } } });

    // Act
    const collectedScreening = screenOrder(collected, contextWith(), rules);
    const marketplaceScreening = screenOrder(marketplace, contextWith(), rules);

    // Assess
    expect(collectedScreening.decision).toBe('accept');
    expect(marketplaceScreening.decision).toBe('accept');
  });
});

describe('screenOrder: velocity', () => {
  it('holds the customer’s sixth order within 24 hours but not the fifth (default: at most 5)', () => {
    // Prepare
    const order = orderWith();

    // Act
    const fifth = screenOrder(order, contextWith(4, 20_000), defaultRiskRules);
    const sixth = screenOrder(order, contextWith(5, 25_000), defaultRiskRules);

    // Assess
    expect(fifth.decision).toBe('accept');
    expect(sixth).toEqual({
      decision: 'hold',
      reasons: [
        {
          code: 'VELOCITY_ORDER_COUNT',
          message: 'customer cust-42 placed 6 orders within 24 hours, more than the 5 allowed',
          effect: 'hold',
        },
      ],
    });
  });

  it('holds an order that takes the customer’s 24-hour spend over the limit, counting this order', () => {
    // Prepare
    const order = orderWith({ total: 50_000 });

    // Act
    const atLimit = screenOrder(order, contextWith(1, 250_000), defaultRiskRules);
    const over = screenOrder(order, contextWith(1, 250_001), defaultRiskRules);

    // Assess
    expect(atLimit.decision).toBe('accept');
    expect(over.reasons).toEqual([
      {
        code: 'VELOCITY_ORDER_VALUE',
        message: 'customer cust-42 ordered EUR 3000.01 within 24 hours, more than the EUR 3000.00 allowed',
        effect: 'hold',
      },
    ]);
  });

  it('refuses recent order value summed in another currency, which it could only compare wrongly', () => {
    // Prepare
    const order = orderWith();

    // Act
    const screen = () => screenOrder(order, contextWith(1, 100, 'USD'), defaultRiskRules);

    // Assess
    expect(screen).toThrow(RangeError);
  });
});

describe('screenOrder: block lists', () => {
  it('rejects a blocked customer id, email (any case), payment reference and postal code (any spacing), listing each', () => {
    // Prepare
    const order = orderWith({
      customerId: 'cust-666',
      email: 'Mallory@Example.com',
      paymentReference: 'pm_stolen',
      shippingAddress: { country: 'GB', postalCode: 'sw1a 1aa', city: 'London' },
      billingAddress: { country: 'GB', postalCode: 'SW1A1AA', city: 'London' },
    });
    const rules = rulesFrom({
      defaults: {
        blocked: {
          customerIds: ['cust-666'],
          emails: [{ value: 'mallory@example.com', note: 'chargebacks' }],
          paymentReferences: ['pm_stolen'],
          postalCodes: [{ country: 'GB', postalCode: 'SW1A 1AA' }],
        },
      },
    });

    // Act
    const screening = screenOrder(order, contextWith(), rules);

    // Assess
    expect(screening.decision).toBe('reject');
    expect(screening.reasons).toEqual([
      { code: 'BLOCKED_CUSTOMER', message: 'customer cust-666 is blocked', effect: 'reject' },
      { code: 'BLOCKED_EMAIL', message: 'email Mallory@Example.com is blocked (chargebacks)', effect: 'reject' },
      { code: 'BLOCKED_PAYMENT_REFERENCE', message: 'payment reference pm_stolen is blocked', effect: 'reject' },
      { code: 'BLOCKED_POSTAL_CODE', message: 'shipping postal code GB sw1a 1aa is blocked', effect: 'reject' },
      { code: 'BLOCKED_POSTAL_CODE', message: 'billing postal code GB SW1A1AA is blocked', effect: 'reject' },
    ]);
  });

  it('blocks a whole email domain written as @domain, and only that domain', () => {
    // Prepare
    const rules = rulesFrom({ defaults: { blocked: { emails: ['@throwaway.test'] } } });

    // Act
    const blocked = screenOrder(orderWith({ email: 'someone@THROWAWAY.test' }), contextWith(), rules);
    const lookalike = screenOrder(orderWith({ email: 'someone@not-throwaway.test' }), contextWith(), rules);

    // Assess
    expect(blocked.reasons).toEqual([{ code: 'BLOCKED_EMAIL', message: 'email domain @throwaway.test is blocked', effect: 'reject' }]);
    expect(lookalike.decision).toBe('accept');
  });

  it('matches a blocked postal code only in its own country', () => {
    // Prepare
    const rules = rulesFrom({ defaults: { blocked: { postalCodes: [{ country: 'AT', postalCode: '10117' }] } } });

    // Act
    const screening = screenOrder(orderWith(), contextWith(), rules);

    // Assess
    expect(screening.decision).toBe('accept');
  });

  it('ignores a block whose until has passed and applies one that has not', () => {
    // Prepare
    const rules = rulesFrom({
      defaults: {
        blocked: {
          customerIds: [{ value: 'cust-42', until: '2026-03-02T10:00:00Z' }],
          paymentReferences: [{ value: 'pi_3PqDemo0001', until: '2026-03-02T10:00:01Z' }],
        },
      },
    });

    // Act
    const screening = screenOrder(orderWith(), contextWith(), rules);

    // Assess
    expect(codesOf(screening)).toEqual(['BLOCKED_PAYMENT_REFERENCE']);
  });
});

describe('screenOrder: decision', () => {
  it('lets reject beat hold while listing every rule that fired', () => {
    // Prepare
    const order = orderWith({ total: 200_000, email: 'mallory@example.com', billingAddress: { country: 'FR' } });
    const rules = rulesFrom({ defaults: { blocked: { emails: ['mallory@example.com'] } } });

    // Act
    const screening = screenOrder(order, contextWith(7, 0), rules);

    // Assess
    expect(screening.decision).toBe('reject');
    expect(codesOf(screening)).toEqual(['BLOCKED_EMAIL', 'AMOUNT_ABOVE_HOLD_LIMIT', 'COUNTRY_MISMATCH', 'VELOCITY_ORDER_COUNT']);
  });

  it('screens each order with the rules of its own channel', () => {
    // Prepare
    const rules = rulesFrom({ channels: { pos: { holdAboveAmount: { EUR: 500_000 } } } });
    const web = orderWith({ total: 200_000 });
    const pos = orderWith({ total: 200_000, channelId: 'pos' });

    // Act
    const webScreening = screenOrder(web, contextWith(), rules);
    const posScreening = screenOrder(pos, contextWith(), rules);

    // Assess
    expect(webScreening.decision).toBe('hold');
    expect(posScreening.decision).toBe('accept');
  });

  it('applies block lists of every channel to each channel, adding the channel’s own', () => {
    // Prepare
    const rules = rulesFrom({
      defaults: { blocked: { customerIds: ['cust-1'] } },
      channels: { pos: { blocked: { customerIds: ['cust-2'] } } },
    });

    // Act
    const posBlockedEverywhere = screenOrder(orderWith({ channelId: 'pos', customerId: 'cust-1' }), contextWith(), rules);
    const posBlockedHere = screenOrder(orderWith({ channelId: 'pos', customerId: 'cust-2' }), contextWith(), rules);
    const webNotBlocked = screenOrder(orderWith({ customerId: 'cust-2' }), contextWith(), rules);

    // Assess
    expect(posBlockedEverywhere.decision).toBe('reject');
    expect(posBlockedHere.decision).toBe('reject');
    expect(webNotBlocked.decision).toBe('accept');
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OrderSchema, type PlaceOrderRequest } from '../../../shared/contracts/order';
import { BusinessRuleViolation } from '../../../shared/domain/errors';
import { computeTotals, findOrderRuleViolations, fingerprintOrderRequest, placeNewOrder } from '../../../shared/domain/order';
import { exampleGrandTotal, validPlaceOrderRequest } from '../fixtures/orders';

const channelId = 'demo-web';
const euros = (amount: number) => ({ amount, currency: 'EUR' });

/** `request.lines[index]`, which noUncheckedIndexedAccess types as possibly undefined. */
function lineOf(request: PlaceOrderRequest, index: number) {
  const line = request.lines[index];
  if (!line) throw new Error(`the example has no lines[${index}]`);
  return line;
}

describe('computeTotals', () => {
  it('adds lines, subtracts line discounts, adds shipping and tax, in integer minor units of the order currency', () => {
    // Prepare
    const request = validPlaceOrderRequest();

    // Act
    const totals = computeTotals(request);

    // Assess
    expect(totals).toEqual({
      subtotal: euros(2 * 1999 + 4999),
      discountTotal: euros(500),
      shippingTotal: euros(495),
      taxTotal: euros(1254),
      grandTotal: euros(exampleGrandTotal),
    });
  });

  it('counts missing shipping, tax and discounts as zero', () => {
    // Prepare
    const request = validPlaceOrderRequest();
    delete request.shippingPrice;
    delete request.taxTotal;
    delete lineOf(request, 1).discount;

    // Act
    const totals = computeTotals(request);

    // Assess
    expect(totals).toEqual({
      subtotal: euros(8997),
      discountTotal: euros(0),
      shippingTotal: euros(0),
      taxTotal: euros(0),
      grandTotal: euros(8997),
    });
  });

  it('keeps the grand total an exact integer equal to lines − discounts + shipping + tax for any integer amounts', () => {
    const lineArbitrary = fc.record({
      quantity: fc.integer({ min: 1, max: 9_999 }),
      unitPrice: fc.integer({ min: 0, max: 1_000_000 }),
      discount: fc.option(fc.integer({ min: 0, max: 1_000_000 }), { nil: undefined }),
    });
    fc.assert(
      fc.property(
        fc.array(lineArbitrary, { minLength: 1, maxLength: 20 }),
        fc.integer({ min: 0, max: 100_000 }),
        fc.integer({ min: 0, max: 100_000 }),
        (lines, shipping, tax) => {
          // Prepare
          const request = validPlaceOrderRequest();
          request.lines = lines.map((line, index) => ({
            sku: `SKU-${index}`,
            quantity: line.quantity,
            unitPrice: euros(line.unitPrice),
            ...(line.discount !== undefined && { discount: euros(line.discount) }),
          }));
          request.shippingPrice = euros(shipping);
          request.taxTotal = euros(tax);
          const expected =
            lines.reduce((sum, line) => sum + line.quantity * line.unitPrice - (line.discount ?? 0), 0) + shipping + tax;

          // Act
          const { grandTotal } = computeTotals(request);

          // Assess
          expect(grandTotal).toEqual(euros(expected));
          expect(Number.isInteger(grandTotal.amount)).toBe(true);
        },
      ),
    );
  });
});

describe('findOrderRuleViolations', () => {
  it('finds nothing wrong with the documented example', () => {
    // Prepare
    const request = validPlaceOrderRequest();

    // Act
    const violations = findOrderRuleViolations(request, channelId);

    // Assess
    expect(violations).toEqual([]);
  });

  it.each<[string, (request: PlaceOrderRequest) => void]>([
    ['lines[0].unitPrice.currency', (request) => (lineOf(request, 0).unitPrice.currency = 'USD')],
    ['lines[1].discount.currency', (request) => (lineOf(request, 1).discount = { amount: 500, currency: 'USD' })],
    ['shippingPrice.currency', (request) => (request.shippingPrice = { amount: 495, currency: 'USD' })],
    ['taxTotal.currency', (request) => (request.taxTotal = { amount: 1254, currency: 'USD' })],
    ['expectedTotal.currency', (request) => (request.expectedTotal = { amount: exampleGrandTotal, currency: 'USD' })],
  ])('reports a money amount in another currency than the order as CURRENCY_MISMATCH on %s', (path, breakCurrency) => {
    // Prepare
    const request = validPlaceOrderRequest();
    breakCurrency(request);

    // Act
    const violations = findOrderRuleViolations(request, channelId);

    // Assess
    expect(violations).toEqual([{ path, code: 'CURRENCY_MISMATCH', message: 'currency USD differs from the order currency EUR' }]);
  });

  it('reports every repeat of a SKU as DUPLICATE_SKU on the repeating line, naming the first line', () => {
    // Prepare
    const request = validPlaceOrderRequest();
    lineOf(request, 1).sku = lineOf(request, 0).sku;
    request.lines.push({ lineRef: '3', sku: lineOf(request, 0).sku, quantity: 1, unitPrice: euros(100) });
    delete request.expectedTotal;

    // Act
    const violations = findOrderRuleViolations(request, channelId);

    // Assess
    expect(violations).toEqual([
      { path: 'lines[1].sku', code: 'DUPLICATE_SKU', message: expect.stringContaining('lines[0]') },
      { path: 'lines[2].sku', code: 'DUPLICATE_SKU', message: expect.stringContaining('lines[0]') },
    ]);
  });

  it('reports a lineRef used twice as DUPLICATE_LINE_REF on the second line', () => {
    // Prepare
    const request = validPlaceOrderRequest();
    lineOf(request, 1).lineRef = '1';

    // Act
    const violations = findOrderRuleViolations(request, channelId);

    // Assess
    expect(violations).toEqual([
      { path: 'lines[1].lineRef', code: 'DUPLICATE_LINE_REF', message: 'lineRef 1 is already used on lines[0]' },
    ]);
  });

  it('accepts lines without a lineRef, however many there are', () => {
    // Prepare
    const request = validPlaceOrderRequest();
    delete lineOf(request, 0).lineRef;
    delete lineOf(request, 1).lineRef;

    // Act
    const violations = findOrderRuleViolations(request, channelId);

    // Assess
    expect(violations).toEqual([]);
  });

  it('refuses a discount larger than quantity × unitPrice with DISCOUNT_EXCEEDS_LINE on the discount amount', () => {
    // Prepare: lines[0] is 2 × 1999 = 3998
    const request = validPlaceOrderRequest();
    lineOf(request, 0).discount = euros(3999);
    delete request.expectedTotal;

    // Act
    const violations = findOrderRuleViolations(request, channelId);

    // Assess
    expect(violations).toEqual([
      { path: 'lines[0].discount.amount', code: 'DISCOUNT_EXCEEDS_LINE', message: expect.any(String) },
    ]);
  });

  it('accepts a discount equal to the whole line (a free line)', () => {
    // Prepare
    const request = validPlaceOrderRequest();
    lineOf(request, 0).discount = euros(3998);
    delete request.expectedTotal;

    // Act
    const violations = findOrderRuleViolations(request, channelId);

    // Assess
    expect(violations).toEqual([]);
  });

  it.each(['HOME_DELIVERY', 'EXPRESS_DELIVERY'] as const)('requires a shippingAddress for %s', (deliveryMethod) => {
    // Prepare
    const request = validPlaceOrderRequest();
    request.deliveryMethod = deliveryMethod;
    delete request.shippingAddress;

    // Act
    const violations = findOrderRuleViolations(request, channelId);

    // Assess
    expect(violations).toEqual([
      { path: 'shippingAddress', code: 'REQUIRED_FOR_DELIVERY_METHOD', message: `${deliveryMethod} needs a shippingAddress` },
    ]);
  });

  it.each(['HOME_DELIVERY', 'EXPRESS_DELIVERY'] as const)('refuses a pickupStoreId for %s', (deliveryMethod) => {
    // Prepare
    const request = validPlaceOrderRequest();
    request.deliveryMethod = deliveryMethod;
    request.pickupStoreId = 'store-berlin-mitte';

    // Act
    const violations = findOrderRuleViolations(request, channelId);

    // Assess
    expect(violations).toEqual([{ path: 'pickupStoreId', code: 'NOT_ALLOWED_FOR_DELIVERY_METHOD', message: expect.any(String) }]);
  });

  it.each(['CLICK_AND_COLLECT', 'SHIP_TO_STORE'] as const)(
    'requires a pickupStoreId and refuses a shippingAddress for %s',
    (deliveryMethod) => {
      // Prepare: the example ships to an address and names no store
      const request = validPlaceOrderRequest();
      request.deliveryMethod = deliveryMethod;

      // Act
      const violations = findOrderRuleViolations(request, channelId);

      // Assess
      expect(violations).toEqual([
        { path: 'pickupStoreId', code: 'REQUIRED_FOR_DELIVERY_METHOD', message: `${deliveryMethod} needs a pickupStoreId` },
        { path: 'shippingAddress', code: 'NOT_ALLOWED_FOR_DELIVERY_METHOD', message: expect.any(String) },
      ]);
    },
  );

  it.each(['CLICK_AND_COLLECT', 'SHIP_TO_STORE'] as const)('accepts %s with a pickupStoreId and no shippingAddress', (deliveryMethod) => {
    // Prepare
    const request = validPlaceOrderRequest();
    request.deliveryMethod = deliveryMethod;
    request.pickupStoreId = 'store-berlin-mitte';
    delete request.shippingAddress;

    // Act
    const violations = findOrderRuleViolations(request, channelId);

    // Assess
    expect(violations).toEqual([]);
  });

  it("refuses a channelId other than the API key's channel with CHANNEL_MISMATCH", () => {
    // Prepare
    const request = validPlaceOrderRequest();
    request.channelId = 'other-shop';

    // Act
    const violations = findOrderRuleViolations(request, channelId);

    // Assess
    expect(violations).toEqual([{ path: 'channelId', code: 'CHANNEL_MISMATCH', message: expect.stringContaining(channelId) }]);
  });

  it("accepts a channelId equal to the API key's channel", () => {
    // Prepare
    const request = validPlaceOrderRequest();
    request.channelId = channelId;

    // Act
    const violations = findOrderRuleViolations(request, channelId);

    // Assess
    expect(violations).toEqual([]);
  });

  it('reports an expectedTotal that differs from the computed total as TOTAL_MISMATCH, quoting both amounts', () => {
    // Prepare
    const request = validPlaceOrderRequest();
    request.expectedTotal = euros(exampleGrandTotal - 1);

    // Act
    const violations = findOrderRuleViolations(request, channelId);

    // Assess
    expect(violations).toEqual([
      {
        path: 'expectedTotal.amount',
        code: 'TOTAL_MISMATCH',
        message: `the order totals ${exampleGrandTotal} (lines − discounts + shipping + tax), not ${exampleGrandTotal - 1}`,
      },
    ]);
  });

  it('does not check the total when another rule is already broken (the total would be meaningless)', () => {
    // Prepare
    const request = validPlaceOrderRequest();
    request.expectedTotal = euros(1);
    lineOf(request, 1).lineRef = '1';

    // Act
    const violations = findOrderRuleViolations(request, channelId);

    // Assess
    expect(violations.map((violation) => violation.code)).toEqual(['DUPLICATE_LINE_REF']);
  });

  it('skips the total check when no expectedTotal is sent', () => {
    // Prepare
    const request = validPlaceOrderRequest();
    delete request.expectedTotal;
    request.taxTotal = euros(1);

    // Act
    const violations = findOrderRuleViolations(request, channelId);

    // Assess
    expect(violations).toEqual([]);
  });

  it('reports all violations at once, in rule order', () => {
    // Prepare
    const request = validPlaceOrderRequest();
    request.channelId = 'other-shop';
    lineOf(request, 1).sku = lineOf(request, 0).sku;
    request.taxTotal = { amount: 1254, currency: 'GBP' };
    delete request.shippingAddress;

    // Act
    const violations = findOrderRuleViolations(request, channelId);

    // Assess
    expect(violations.map(({ path, code }) => ({ path, code }))).toEqual([
      { path: 'channelId', code: 'CHANNEL_MISMATCH' },
      { path: 'lines[1].sku', code: 'DUPLICATE_SKU' },
      { path: 'taxTotal.currency', code: 'CURRENCY_MISMATCH' },
      { path: 'shippingAddress', code: 'REQUIRED_FOR_DELIVERY_METHOD' },
    ]);
  });
});

describe('placeNewOrder', () => {
  const context = {
    orderId: 'ord_01TEST',
    channelId,
    placedAt: '2025-03-01T10:00:00.000Z',
    placedBy: { type: 'channel', id: channelId },
  } as const;

  it('builds a PLACED order at version 1 with one status change by the channel', () => {
    // Prepare
    const request = validPlaceOrderRequest();

    // Act
    const order = placeNewOrder(request, context);

    // Assess
    expect(order).toMatchObject({
      id: 'ord_01TEST',
      channelId,
      channelOrderRef: 'WEB-100234',
      status: 'PLACED',
      version: 1,
      currency: 'EUR',
      deliveryMethod: 'HOME_DELIVERY',
      placedAt: context.placedAt,
      updatedAt: context.placedAt,
      totals: computeTotals(request),
    });
    expect(order.statusHistory).toEqual([
      { status: 'PLACED', at: context.placedAt, by: { type: 'channel', id: channelId }, reason: 'Order captured' },
    ]);
    expect(OrderSchema.safeParse(order).success).toBe(true);
  });

  it('numbers lines <orderId>-<n>, keeps lineRefs, and stores a zero discount where none was sent', () => {
    // Prepare
    const request = validPlaceOrderRequest();

    // Act
    const order = placeNewOrder(request, context);

    // Assess
    expect(order.lines).toEqual([
      {
        lineId: 'ord_01TEST-1',
        lineRef: '1',
        sku: 'TSHIRT-BLK-M',
        quantity: 2,
        unitPrice: euros(1999),
        discount: euros(0),
        lineTotal: euros(3998),
      },
      {
        lineId: 'ord_01TEST-2',
        lineRef: '2',
        sku: 'HOODIE-GRY-L',
        quantity: 1,
        unitPrice: euros(4999),
        discount: euros(500),
        lineTotal: euros(4499),
      },
    ]);
  });

  it('leaves out optional fields the channel did not send instead of storing them as undefined', () => {
    // Prepare
    const request = validPlaceOrderRequest();
    delete lineOf(request, 0).lineRef;

    // Act
    const order = placeNewOrder(request, context);

    // Assess
    expect(Object.keys(lineOf(request, 0))).not.toContain('lineRef');
    expect(Object.keys(order.lines[0] ?? {})).not.toContain('lineRef');
    for (const field of ['pickupStoreId', 'billingAddress', 'notes', 'metadata']) {
      expect(Object.keys(order)).not.toContain(field);
    }
  });

  it('throws BusinessRuleViolation ORDER_RULES_VIOLATED carrying every violation', () => {
    // Prepare
    const request = validPlaceOrderRequest();
    request.channelId = 'other-shop';
    lineOf(request, 1).lineRef = '1';

    // Act
    const attempt = () => placeNewOrder(request, context);

    // Assess
    expect(attempt).toThrow(BusinessRuleViolation);
    const error = captureError(attempt);
    expect(error).toMatchObject({ kind: 'invalid', code: 'ORDER_RULES_VIOLATED' });
    expect((error as BusinessRuleViolation).errors.map(({ path, code }) => ({ path, code }))).toEqual([
      { path: 'channelId', code: 'CHANNEL_MISMATCH' },
      { path: 'lines[1].lineRef', code: 'DUPLICATE_LINE_REF' },
    ]);
  });
});

describe('fingerprintOrderRequest', () => {
  /** The same value with the keys of every object in reverse order. */
  function reverseKeys(value: unknown): unknown {
    if (Array.isArray(value)) return value.map(reverseKeys);
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).reverse().map(([key, inner]) => [key, reverseKeys(inner)]));
    }
    return value;
  }

  it('is a sha256 hex digest that does not depend on the order of keys', () => {
    // Prepare
    const request = validPlaceOrderRequest();
    const reordered = reverseKeys(request) as PlaceOrderRequest;
    expect(Object.keys(reordered)[0]).not.toBe(Object.keys(request)[0]);

    // Act
    const original = fingerprintOrderRequest(request);
    const fromReordered = fingerprintOrderRequest(reordered);

    // Assess
    expect(original).toMatch(/^[0-9a-f]{64}$/);
    expect(fromReordered).toBe(original);
  });

  it('ignores keys whose value is undefined, as JSON would', () => {
    // Prepare
    const request = validPlaceOrderRequest();
    const withUndefined = { ...request, notes: undefined };

    // Act
    const fingerprint = fingerprintOrderRequest(withUndefined);

    // Assess
    expect(fingerprint).toBe(fingerprintOrderRequest(request));
  });

  it('does not depend on key order for any JSON object (property)', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (value) => {
        // Act
        const original = fingerprintOrderRequest(value as unknown as PlaceOrderRequest);
        const reordered = fingerprintOrderRequest(reverseKeys(value) as PlaceOrderRequest);

        // Assess
        expect(reordered).toBe(original);
      }),
    );
  });

  it('tells a number from a string with the same digits', () => {
    // Prepare
    const asNumber = { value: 1 } as unknown as PlaceOrderRequest;
    const asString = { value: '1' } as unknown as PlaceOrderRequest;

    // Act
    const fingerprints = [fingerprintOrderRequest(asNumber), fingerprintOrderRequest(asString)];

    // Assess
    expect(fingerprints[0]).not.toBe(fingerprints[1]);
  });

  it.each<[string, (request: PlaceOrderRequest) => void]>([
    ['a quantity', (request) => (lineOf(request, 0).quantity = 3)],
    ['a nested address field', (request) => request.shippingAddress && (request.shippingAddress.city = 'Potsdam')],
    ['the order of lines', (request) => request.lines.reverse()],
    ['an added optional field', (request) => (request.notes = 'leave at the door')],
    ['added metadata', (request) => (request.metadata = { giftMessage: 'Happy birthday' })],
  ])('changes when %s changes', (_what, change) => {
    // Prepare
    const request = validPlaceOrderRequest();
    const changed = validPlaceOrderRequest();
    change(changed);

    // Act
    const before = fingerprintOrderRequest(request);
    const after = fingerprintOrderRequest(changed);

    // Assess
    expect(after).not.toBe(before);
  });
});

function captureError(attempt: () => unknown): unknown {
  try {
    attempt();
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to throw');
}

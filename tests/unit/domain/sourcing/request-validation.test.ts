import { describe, expect, it } from 'vitest';
import { BusinessRuleViolation } from '../../../../shared/domain/errors';
import { InvalidSourcingRequest, planSourcing, type SourcingRequest } from '../../../../shared/domain/sourcing';
import { homeDelivery, places, stockOf, store, warehouse } from './fixtures';

const network = [warehouse('wh-leipzig', places.leipzig), store('store-berlin-mitte', places.berlinMitte)];
const validRequest = (overrides: Partial<SourcingRequest> = {}): SourcingRequest =>
  homeDelivery({
    lines: [{ sku: 'TSHIRT-BLK-M', quantity: 1 }],
    locations: network,
    stock: stockOf({ 'wh-leipzig': { 'TSHIRT-BLK-M': 3 } }),
    ...overrides,
  });

/** The violation codes planSourcing rejects the request with. */
function violationCodes(request: SourcingRequest): string[] {
  try {
    planSourcing(request);
  } catch (error) {
    if (error instanceof InvalidSourcingRequest) return error.errors.map((violation) => violation.code);
    throw error;
  }
  throw new Error('the request was planned, not rejected');
}

describe('planSourcing request validation', () => {
  it('rejects a pickup store that is not among the candidate locations', () => {
    // Prepare
    const request = validRequest({ deliveryMethod: 'CLICK_AND_COLLECT', destination: { pickupStoreId: 'store-nowhere' } });

    // Act
    const codes = violationCodes(request);

    // Assess
    expect(codes).toEqual(['UNKNOWN_PICKUP_STORE']);
  });

  it('rejects a pickup store customers cannot collect from: inactive, or not a pickup point', () => {
    // Prepare
    const closed = validRequest({
      deliveryMethod: 'CLICK_AND_COLLECT',
      destination: { pickupStoreId: 'store-berlin-mitte' },
      locations: [network[0]!, store('store-berlin-mitte', places.berlinMitte, { active: false })],
    });
    const notAPickupPoint = validRequest({ deliveryMethod: 'SHIP_TO_STORE', destination: { pickupStoreId: 'wh-leipzig' } });

    // Act
    const codes = [violationCodes(closed), violationCodes(notAPickupPoint)];

    // Assess
    expect(codes).toEqual([['PICKUP_STORE_UNAVAILABLE'], ['PICKUP_STORE_UNAVAILABLE']]);
  });

  it('rejects quantities that are not whole numbers above zero', () => {
    // Prepare
    const request = validRequest({
      lines: [
        { sku: 'TSHIRT-BLK-M', quantity: 0 },
        { sku: 'HOODIE-GRY-L', quantity: -2 },
        { sku: 'MUG-LOGO', quantity: 1.5 },
      ],
    });

    // Act
    const codes = violationCodes(request);

    // Assess
    expect(codes).toEqual(['NON_POSITIVE_QUANTITY', 'NON_POSITIVE_QUANTITY', 'NON_POSITIVE_QUANTITY']);
  });

  it('rejects a SKU on two lines instead of guessing how to merge them', () => {
    // Prepare
    const request = validRequest({
      lines: [
        { sku: 'TSHIRT-BLK-M', quantity: 1 },
        { sku: 'TSHIRT-BLK-M', quantity: 2 },
      ],
    });

    // Act
    const codes = violationCodes(request);

    // Assess
    expect(codes).toEqual(['DUPLICATE_SKU']);
  });

  it('reports every violation at once, as a business-rule violation the HTTP layer maps to 422', () => {
    // Prepare
    const request = validRequest({
      lines: [],
      destination: { pickupStoreId: 'store-berlin-mitte' },
      policy: { maxShipments: 0 },
      costModel: { costPerKm: -1 },
      requestedBy: '2026-02-30',
      stock: [
        { sku: 'TSHIRT-BLK-M', locationId: 'wh-leipzig', available: -1 },
      ],
    });

    // Act
    const attempt = () => planSourcing(request);

    // Assess
    expect(attempt).toThrow(BusinessRuleViolation);
    expect(violationCodes(request).sort()).toEqual(
      ['COORDINATES_REQUIRED', 'INVALID_AVAILABLE', 'INVALID_COST_PER_KM', 'INVALID_DATE', 'INVALID_MAX_SHIPMENTS', 'NO_LINES'].sort(),
    );
  });

  it('rejects a store delivery method sent to coordinates', () => {
    // Prepare
    const request = validRequest({ deliveryMethod: 'SHIP_TO_STORE', destination: { coordinates: places.berlinMitte } });

    // Act
    const codes = violationCodes(request);

    // Assess
    expect(codes).toEqual(['PICKUP_STORE_REQUIRED']);
  });

  it('rejects the same SKU listed twice for one location, since which quantity is right is unknowable', () => {
    // Prepare
    const request = validRequest({
      stock: [
        { sku: 'TSHIRT-BLK-M', locationId: 'wh-leipzig', available: 3 },
        { sku: 'TSHIRT-BLK-M', locationId: 'wh-leipzig', available: 5 },
      ],
    });

    // Act
    const codes = violationCodes(request);

    // Assess
    expect(codes).toEqual(['DUPLICATE_STOCK']);
  });

  it('rejects a promise date that is not a calendar date', () => {
    // Prepare
    const request = validRequest({ requestedBy: '2026-03-13', promiseDates: new Map([['wh-leipzig', 'next Tuesday']]) });

    // Act
    const codes = violationCodes(request);

    // Assess
    expect(codes).toEqual(['INVALID_PROMISE_DATE']);
  });
});

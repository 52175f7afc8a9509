import { describe, expect, it } from 'vitest';
import { availableQuantity } from '../../../../shared/contracts/inventory';
import { greatCircleDistanceKm, planSourcing, type SourcingRequest } from '../../../../shared/domain/sourcing';
import {
  dropshipVendor,
  homeDelivery,
  places,
  shipFromStore,
  shippedFrom,
  stockOf,
  store,
  warehouse,
} from './fixtures';

const tshirt = { sku: 'TSHIRT-BLK-M', quantity: 2 };
const hoodie = { sku: 'HOODIE-GRY-L', quantity: 1 };
const mug = { sku: 'MUG-LOGO', quantity: 1 };

const leipzig = warehouse('wh-leipzig', places.leipzig);
const munich = warehouse('wh-munich', places.munich);
const berlinMitte = store('store-berlin-mitte', places.berlinMitte);
const hamburgHbf = store('store-hamburg-hbf', places.hamburgHbf);

const clickAndCollect = (overrides: Partial<SourcingRequest> & Pick<SourcingRequest, 'lines' | 'locations' | 'stock'>): SourcingRequest => ({
  deliveryMethod: 'CLICK_AND_COLLECT',
  destination: { pickupStoreId: 'store-berlin-mitte' },
  costModel: { costPerKm: 1 },
  ...overrides,
});

describe('planSourcing: who may ship, by delivery method', () => {
  it('never ships from an inactive location, however close and cheap', () => {
    // Prepare
    const request = homeDelivery({
      lines: [tshirt],
      locations: [warehouse('wh-berlin', places.berlinMitte, { active: false, shipmentCost: 0 }), munich],
      stock: stockOf({ 'wh-berlin': { 'TSHIRT-BLK-M': 9 }, 'wh-munich': { 'TSHIRT-BLK-M': 9 } }),
    });

    // Act
    const plan = planSourcing(request);

    // Assess
    expect(shippedFrom(plan)).toEqual(['wh-munich']);
    expect(plan.explanation[0]).toContain('skipped 1 inactive');
  });

  it('ships from a store only when ship-from-store is on', () => {
    // Prepare
    const stock = stockOf({ 'store-berlin-mitte': { 'TSHIRT-BLK-M': 5 }, 'wh-munich': { 'TSHIRT-BLK-M': 5 } });
    const plain = homeDelivery({ lines: [tshirt], locations: [berlinMitte, munich], stock });
    const shipping = homeDelivery({ lines: [tshirt], locations: [{ ...berlinMitte, capabilities: shipFromStore }, munich], stock });

    // Act
    const plans = [planSourcing(plain), planSourcing(shipping)];

    // Assess
    expect(plans.map(shippedFrom)).toEqual([['wh-munich'], ['store-berlin-mitte']]);
  });

  it('ships from warehouses and dropship vendors only when they ship', () => {
    // Prepare
    const request = homeDelivery({
      lines: [tshirt],
      locations: [
        warehouse('wh-returns', places.berlinMitte, { capabilities: { ship: false, pickup: false, shipFromStore: false } }),
        dropshipVendor('vendor-shirts', places.cologne),
      ],
      stock: stockOf({ 'wh-returns': { 'TSHIRT-BLK-M': 5 }, 'vendor-shirts': { 'TSHIRT-BLK-M': 5 } }),
    });

    // Act
    const plan = planSourcing(request);

    // Assess
    expect(shippedFrom(plan)).toEqual(['vendor-shirts']);
    expect(plan.shipments[0]?.kind).toBe('ship-to-customer');
  });

  it('sources EXPRESS_DELIVERY by the same rules as HOME_DELIVERY', () => {
    // Prepare
    const home = homeDelivery({
      lines: [tshirt, hoodie],
      locations: [leipzig, munich, { ...hamburgHbf, capabilities: shipFromStore }],
      stock: stockOf({ 'wh-leipzig': { 'TSHIRT-BLK-M': 2 }, 'store-hamburg-hbf': { 'HOODIE-GRY-L': 1 }, 'wh-munich': { 'TSHIRT-BLK-M': 2, 'HOODIE-GRY-L': 1 } }),
    });

    // Act
    const [homePlan, expressPlan] = [planSourcing(home), planSourcing({ ...home, deliveryMethod: 'EXPRESS_DELIVERY' })];

    // Assess
    expect(expressPlan.shipments).toEqual(homePlan.shipments);
    expect(shippedFrom(expressPlan)).toEqual(['wh-munich']);
  });

  it('collects from the pickup store alone when it holds every line, at no cost, even with a warehouse next door', () => {
    // Prepare
    const request = clickAndCollect({
      lines: [tshirt, mug],
      locations: [berlinMitte, warehouse('wh-berlin', places.berlinMitte, { shipmentCost: 0 })],
      stock: stockOf({ 'store-berlin-mitte': { 'TSHIRT-BLK-M': 2, 'MUG-LOGO': 4 }, 'wh-berlin': { 'TSHIRT-BLK-M': 9, 'MUG-LOGO': 9 } }),
    });

    // Act
    const plan = planSourcing(request);

    // Assess
    expect(plan.outcome).toBe('complete');
    expect(plan.shipments).toEqual([
      { locationId: 'store-berlin-mitte', kind: 'pickup-in-store', lines: [tshirt, mug], cost: 0, distanceKm: 0 },
    ]);
    expect(plan.explanation).toContain('store-berlin-mitte has all 2 lines in stock for pickup');
  });

  it('transfers what the pickup store lacks from the best shipping location, and says so', () => {
    // Prepare
    const request = clickAndCollect({
      lines: [tshirt, hoodie, mug],
      locations: [berlinMitte, leipzig, munich],
      stock: stockOf({
        'store-berlin-mitte': { 'TSHIRT-BLK-M': 5, 'MUG-LOGO': 1 },
        'wh-leipzig': { 'HOODIE-GRY-L': 3 },
        'wh-munich': { 'HOODIE-GRY-L': 3, 'TSHIRT-BLK-M': 5, 'MUG-LOGO': 5 },
      }),
    });

    // Act
    const plan = planSourcing(request);

    // Assess
    expect(plan.shipments.map(({ locationId, kind, lines }) => ({ locationId, kind, lines }))).toEqual([
      { locationId: 'store-berlin-mitte', kind: 'pickup-in-store', lines: [tshirt, mug] },
      { locationId: 'wh-leipzig', kind: 'transfer-to-store', lines: [hoodie] },
    ]);
    expect(plan.shipments[1]?.distanceKm).toBeCloseTo(greatCircleDistanceKm(places.leipzig, places.berlinMitte), 1);
    expect(plan.explanation).toContain('store-berlin-mitte lacks HOODIE-GRY-L ×1: transfer from wh-leipzig');
  });

  it('transfers nothing to the pickup store when the policy forbids it, and applies the shortfall policy instead', () => {
    // Prepare
    const request = clickAndCollect({
      lines: [tshirt, hoodie],
      locations: [berlinMitte, leipzig],
      stock: stockOf({ 'store-berlin-mitte': { 'TSHIRT-BLK-M': 2 }, 'wh-leipzig': { 'HOODIE-GRY-L': 3 } }),
      policy: { allowTransferToPickupStore: false, shortfall: 'ship-available-backorder-rest' },
    });

    // Act
    const plan = planSourcing(request);

    // Assess
    expect(plan.outcome).toBe('partial');
    expect(shippedFrom(plan)).toEqual(['store-berlin-mitte']);
    expect(plan.backorderedLines).toEqual([hoodie]);
    expect(plan.explanation).toContain('store-berlin-mitte lacks HOODIE-GRY-L ×1 and transfers to the pickup store are not allowed');
  });

  it("leaves the pickup store's own stock alone when its late promise would make the order late and a transfer is on time", () => {
    // Prepare
    const request = clickAndCollect({
      lines: [tshirt, hoodie],
      locations: [berlinMitte, leipzig],
      stock: stockOf({ 'store-berlin-mitte': { 'TSHIRT-BLK-M': 2 }, 'wh-leipzig': { 'TSHIRT-BLK-M': 2, 'HOODIE-GRY-L': 1 } }),
      requestedBy: '2026-03-13',
      promiseDates: (locationId, kind) => (kind === 'pickup-in-store' ? '2026-03-16' : locationId === 'wh-leipzig' ? '2026-03-12' : undefined),
    });

    // Act
    const plan = planSourcing(request);

    // Assess
    expect(plan.shipments.map(({ locationId, kind, late }) => ({ locationId, kind, late }))).toEqual([
      { locationId: 'wh-leipzig', kind: 'transfer-to-store', late: false },
    ]);
    expect(plan.explanation.some((sentence) => sentence.startsWith("store-berlin-mitte's own stock is not used"))).toBe(true);
  });

  it("ships SHIP_TO_STORE orders to the pickup store from shipping locations, never from the store's own shelf", () => {
    // Prepare
    const request: SourcingRequest = {
      deliveryMethod: 'SHIP_TO_STORE',
      destination: { pickupStoreId: 'store-berlin-mitte' },
      lines: [tshirt],
      locations: [{ ...berlinMitte, capabilities: shipFromStore }, leipzig],
      stock: stockOf({ 'store-berlin-mitte': { 'TSHIRT-BLK-M': 9 }, 'wh-leipzig': { 'TSHIRT-BLK-M': 2 } }),
      costModel: { costPerKm: 2 },
    };

    // Act
    const plan = planSourcing(request);

    // Assess
    const distance = greatCircleDistanceKm(places.leipzig, places.berlinMitte);
    expect(plan.shipments).toEqual([
      { locationId: 'wh-leipzig', kind: 'ship-to-customer', lines: [tshirt], cost: 500 + Math.round(2 * distance), distanceKm: Math.round(distance * 10) / 10 },
    ]);
  });
});

describe('planSourcing: stock', () => {
  it('never promises safety stock: only the available quantity (on hand − reserved − safety stock) is offered', () => {
    // Prepare
    const leipzigShirts = { onHand: 5, reserved: 1, safetyStock: 3 };
    const request = homeDelivery({
      lines: [tshirt],
      locations: [leipzig, munich],
      stock: [
        { sku: 'TSHIRT-BLK-M', locationId: 'wh-leipzig', available: availableQuantity(leipzigShirts) },
        { sku: 'TSHIRT-BLK-M', locationId: 'wh-munich', available: availableQuantity({ onHand: 2, reserved: 0, safetyStock: 0 }) },
      ],
    });

    // Act
    const plan = planSourcing(request);

    // Assess
    expect(shippedFrom(plan)).toEqual(['wh-munich']);
  });

  it('splits one line over several locations when none holds the whole quantity', () => {
    // Prepare
    const request = homeDelivery({
      lines: [{ sku: 'MUG-LOGO', quantity: 5 }],
      locations: [leipzig, munich],
      stock: stockOf({ 'wh-leipzig': { 'MUG-LOGO': 3 }, 'wh-munich': { 'MUG-LOGO': 2 } }),
    });

    // Act
    const plan = planSourcing(request);

    // Assess
    expect(plan.outcome).toBe('complete');
    expect(plan.shipments.map(({ locationId, lines }) => [locationId, lines])).toEqual([
      ['wh-leipzig', [{ sku: 'MUG-LOGO', quantity: 3 }]],
      ['wh-munich', [{ sku: 'MUG-LOGO', quantity: 2 }]],
    ]);
  });
});

describe('planSourcing: maxShipments and the shortfall policies', () => {
  const scattered = {
    lines: [tshirt, hoodie, mug],
    locations: [leipzig, munich, warehouse('wh-cologne', places.cologne)],
    stock: stockOf({ 'wh-leipzig': { 'TSHIRT-BLK-M': 2 }, 'wh-munich': { 'HOODIE-GRY-L': 1 }, 'wh-cologne': { 'MUG-LOGO': 1 } }),
  };

  it('splits into as many shipments as needed, up to maxShipments', () => {
    // Prepare
    const request = homeDelivery({ ...scattered, policy: { maxShipments: 3 } });

    // Act
    const plan = planSourcing(request);

    // Assess
    expect(plan.outcome).toBe('complete');
    expect(plan.shipments).toHaveLength(3);
  });

  it('ships the most units the allowed shipments can carry and backorders the rest, naming the limit as the reason', () => {
    // Prepare
    const request = homeDelivery({ ...scattered, policy: { maxShipments: 2, shortfall: 'ship-available-backorder-rest' } });

    // Act
    const plan = planSourcing(request);

    // Assess
    expect(plan.outcome).toBe('partial');
    expect(plan.shipments).toHaveLength(2);
    expect(shippedFrom(plan)).toContain('wh-leipzig');
    expect(plan.backorderedLines).toHaveLength(1);
    expect(plan.shortfall).toEqual([expect.objectContaining({ missing: 1, reason: 'max-shipments' })]);
  });

  it('rejects with a typed shortfall under the reject policy, shipping nothing', () => {
    // Prepare
    const request = homeDelivery({
      lines: [tshirt, hoodie],
      locations: [leipzig],
      stock: stockOf({ 'wh-leipzig': { 'TSHIRT-BLK-M': 1, 'HOODIE-GRY-L': 1 } }),
      policy: { shortfall: 'reject' },
    });

    // Act
    const plan = planSourcing(request);

    // Assess
    expect(plan).toMatchObject({ outcome: 'rejected', shipments: [], backorderedLines: [], totalCost: 0 });
    expect(plan.shortfall).toEqual([{ sku: 'TSHIRT-BLK-M', requested: 2, shippable: 1, missing: 1, reason: 'insufficient-stock' }]);
    expect(plan.explanation.at(-1)).toContain('rejected by the shortfall policy reject');
  });

  it('backorders every line and ships nothing under the backorder-all policy', () => {
    // Prepare
    const request = homeDelivery({
      lines: [tshirt, hoodie],
      locations: [leipzig],
      stock: stockOf({ 'wh-leipzig': { 'TSHIRT-BLK-M': 2 } }),
      policy: { shortfall: 'backorder-all' },
    });

    // Act
    const plan = planSourcing(request);

    // Assess
    expect(plan).toMatchObject({ outcome: 'backorder', shipments: [], backorderedLines: [tshirt, hoodie] });
  });

  it('backorders everything when nothing at all can ship, even under ship-available-backorder-rest', () => {
    // Prepare
    const request = homeDelivery({ lines: [hoodie], locations: [leipzig], stock: [], policy: { shortfall: 'ship-available-backorder-rest' } });

    // Act
    const plan = planSourcing(request);

    // Assess
    expect(plan).toMatchObject({ outcome: 'backorder', shipments: [], backorderedLines: [hoodie] });
  });
});

describe('planSourcing: which plan is best', () => {
  it('prefers one shipment over a cheaper split into two', () => {
    // Prepare
    const request = homeDelivery({
      lines: [tshirt, hoodie],
      locations: [munich, warehouse('wh-berlin-a', places.berlinMitte, { shipmentCost: 10 }), warehouse('wh-berlin-b', places.berlinMitte, { shipmentCost: 10 })],
      stock: stockOf({ 'wh-munich': { 'TSHIRT-BLK-M': 2, 'HOODIE-GRY-L': 1 }, 'wh-berlin-a': { 'TSHIRT-BLK-M': 2 }, 'wh-berlin-b': { 'HOODIE-GRY-L': 1 } }),
    });

    // Act
    const plan = planSourcing(request);

    // Assess
    expect(shippedFrom(plan)).toEqual(['wh-munich']);
  });

  it('prefers a plan that meets the requested-by date over a cheaper late one', () => {
    // Prepare
    const request = homeDelivery({
      lines: [tshirt],
      locations: [leipzig, munich],
      stock: stockOf({ 'wh-leipzig': { 'TSHIRT-BLK-M': 2 }, 'wh-munich': { 'TSHIRT-BLK-M': 2 } }),
      requestedBy: '2026-03-13',
      promiseDates: new Map([
        ['wh-leipzig', '2026-03-16'],
        ['wh-munich', '2026-03-13'],
      ]),
    });

    // Act
    const plan = planSourcing(request);

    // Assess
    expect(plan.shipments.map(({ locationId, promiseDate, late }) => ({ locationId, promiseDate, late }))).toEqual([
      { locationId: 'wh-munich', promiseDate: '2026-03-13', late: false },
    ]);
    expect(plan.explanation).toContain('requested by 2026-03-13: the shipment is promised on time');
  });

  it('finds the cheapest on-time plan even when the first plan the search comes across is late', () => {
    // Prepare
    const holding = {
      'wh-0': { 'MUG-LOGO': 1 },
      'wh-1': { 'TSHIRT-BLK-M': 1, 'HOODIE-GRY-L': 1 },
      'wh-2': { 'MUG-LOGO': 1, 'TSHIRT-BLK-M': 1 },
      'wh-3': { 'BAG-TOTE': 1, 'MUG-LOGO': 1 },
      'wh-4': { 'BAG-TOTE': 1, 'MUG-LOGO': 1 },
      'wh-5': { 'BAG-TOTE': 1, 'TSHIRT-BLK-M': 1, 'HOODIE-GRY-L': 1 },
      'wh-6': { 'BAG-TOTE': 1, 'TSHIRT-BLK-M': 1 },
      'wh-7': { 'HOODIE-GRY-L': 1 },
      'wh-8': { 'BAG-TOTE': 1, 'HOODIE-GRY-L': 1 },
    };
    const cheap = new Set(['wh-0', 'wh-1', 'wh-4']);
    const late = new Set(['wh-5', 'wh-6']);
    const request = homeDelivery({
      lines: [{ sku: 'BAG-TOTE', quantity: 2 }, { sku: 'MUG-LOGO', quantity: 2 }, { sku: 'TSHIRT-BLK-M', quantity: 1 }, hoodie],
      locations: Object.keys(holding).map((id) => warehouse(id, places.leipzig, { shipmentCost: cheap.has(id) ? 636 : 1955 })),
      stock: stockOf(holding),
      costModel: { costPerKm: 0 },
      policy: { maxShipments: 3 },
      requestedBy: '2026-03-13',
      promiseDates: (locationId) => (late.has(locationId) ? '2026-03-16' : '2026-03-10'),
    });

    // Act
    const plan = planSourcing(request);

    // Assess
    expect(shippedFrom(plan)).toEqual(['wh-1', 'wh-3', 'wh-4']);
    expect(plan.totalCost).toBe(636 + 1955 + 636);
  });

  it('counts a location without a promise date as late once a date is requested', () => {
    // Prepare
    const request = homeDelivery({
      lines: [tshirt],
      locations: [leipzig, munich],
      stock: stockOf({ 'wh-leipzig': { 'TSHIRT-BLK-M': 2 }, 'wh-munich': { 'TSHIRT-BLK-M': 2 } }),
      requestedBy: '2026-03-13',
      promiseDates: new Map([['wh-munich', '2026-03-13']]),
    });

    // Act
    const plan = planSourcing(request);

    // Assess
    expect(shippedFrom(plan)).toEqual(['wh-munich']);
  });

  it('counts distance as cost: of two equally priced warehouses the nearer one ships', () => {
    // Prepare
    const request = homeDelivery({
      lines: [tshirt],
      locations: [munich, leipzig],
      stock: stockOf({ 'wh-leipzig': { 'TSHIRT-BLK-M': 2 }, 'wh-munich': { 'TSHIRT-BLK-M': 2 } }),
      costModel: { costPerKm: 1.5 },
    });

    // Act
    const plan = planSourcing(request);

    // Assess
    expect(shippedFrom(plan)).toEqual(['wh-leipzig']);
    expect(plan.totalCost).toBe(500 + Math.round(1.5 * greatCircleDistanceKm(places.leipzig, places.berlinMitte)));
  });

  it('breaks exact ties by priority, then by id', () => {
    // Prepare
    const twins = (priorities: [number, number]) =>
      homeDelivery({
        lines: [tshirt],
        locations: [warehouse('wh-b', places.leipzig, { priority: priorities[0] }), warehouse('wh-a', places.leipzig, { priority: priorities[1] })],
        stock: stockOf({ 'wh-a': { 'TSHIRT-BLK-M': 2 }, 'wh-b': { 'TSHIRT-BLK-M': 2 } }),
      });

    // Act
    const [byPriority, byId] = [planSourcing(twins([10, 20])), planSourcing(twins([10, 10]))];

    // Assess
    expect(shippedFrom(byPriority)).toEqual(['wh-b']);
    expect(shippedFrom(byId)).toEqual(['wh-a']);
  });

  it('between equally cheap splits prefers the lower sum of preference ranks, then the most preferred location', () => {
    // Prepare
    const twin = (id: string) => warehouse(id, places.leipzig);
    const request = homeDelivery({
      lines: [tshirt, hoodie, mug],
      locations: [twin('wh-d'), twin('wh-c'), twin('wh-b'), twin('wh-a')],
      // Ranked a, b, c, d: {a, d} and {b, c} both cover the order with rank sums 0 + 3 = 1 + 2; {b, d} sums to 4.
      stock: stockOf({
        'wh-a': { 'TSHIRT-BLK-M': 2 },
        'wh-b': { 'TSHIRT-BLK-M': 2, 'HOODIE-GRY-L': 1 },
        'wh-c': { 'MUG-LOGO': 1 },
        'wh-d': { 'HOODIE-GRY-L': 1, 'MUG-LOGO': 1 },
      }),
    });

    // Act
    const plan = planSourcing(request);

    // Assess
    expect(shippedFrom(plan)).toEqual(['wh-a', 'wh-d']);
  });

  it('between equally good partial plans prefers the more preferred location', () => {
    // Prepare
    const request = homeDelivery({
      lines: [tshirt, { sku: 'MUG-LOGO', quantity: 2 }],
      locations: [warehouse('wh-b', places.leipzig), warehouse('wh-a', places.leipzig, { priority: 200 })],
      stock: stockOf({ 'wh-a': { 'TSHIRT-BLK-M': 2 }, 'wh-b': { 'MUG-LOGO': 2 } }),
      policy: { maxShipments: 1, shortfall: 'ship-available-backorder-rest' },
    });

    // Act
    const plan = planSourcing(request);

    // Assess
    expect(plan.outcome).toBe('partial');
    expect(shippedFrom(plan)).toEqual(['wh-b']);
  });

  it('returns the same plan, explanation included, whatever order locations and stock arrive in', () => {
    // Prepare
    const locations = [leipzig, munich, { ...hamburgHbf, capabilities: shipFromStore }, warehouse('wh-cologne', places.cologne)];
    const stock = stockOf({
      'wh-leipzig': { 'TSHIRT-BLK-M': 1, 'MUG-LOGO': 1 },
      'wh-munich': { 'TSHIRT-BLK-M': 1, 'HOODIE-GRY-L': 1 },
      'store-hamburg-hbf': { 'TSHIRT-BLK-M': 1, 'HOODIE-GRY-L': 1, 'MUG-LOGO': 1 },
      'wh-cologne': { 'TSHIRT-BLK-M': 2 },
    });
    const request = homeDelivery({ lines: [tshirt, hoodie, mug], locations, stock });

    // Act
    const plans = [planSourcing(request), planSourcing({ ...request, locations: [...locations].reverse(), stock: [...stock].reverse() })];

    // Assess
    expect(plans[1]).toEqual(plans[0]);
  });
});

describe('planSourcing: explanation', () => {
  it('says which locations ship what, why fewer shipments would not do, and what the cost is made of', () => {
    // Prepare
    const request = homeDelivery({
      lines: [tshirt, hoodie],
      locations: [leipzig, { ...hamburgHbf, capabilities: shipFromStore }],
      stock: stockOf({ 'wh-leipzig': { 'TSHIRT-BLK-M': 2 }, 'store-hamburg-hbf': { 'HOODIE-GRY-L': 1, 'TSHIRT-BLK-M': 1 } }),
    });

    // Act
    const plan = planSourcing(request);

    // Assess
    const km = (from: keyof typeof places) => greatCircleDistanceKm(places[from], places.berlinMitte);
    const distanceCost = Math.round(km('leipzig')) + Math.round(km('hamburgHbf'));
    expect(plan.explanation).toEqual([
      'HOME_DELIVERY: 2 of 2 locations may ship to the customer; 2 of them hold a needed SKU',
      '2 shipments cover all 2 lines: store-hamburg-hbf (HOODIE-GRY-L ×1), wh-leipzig (TSHIRT-BLK-M ×2)',
      'rejected plans with 1 shipment: no eligible location holds every line; store-hamburg-hbf comes closest, lacking TSHIRT-BLK-M ×1',
      `total cost ${900 + distanceCost}: fixed 900 + distance ${distanceCost} (${Math.round((km('leipzig') + km('hamburgHbf')) * 10) / 10} km at 1 per km), the lowest of all plans with 2 shipments`,
    ]);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DeliveryMethod } from '../../../../shared/contracts/order';
import {
  greatCircleDistanceKm,
  planSourcing,
  shortfallPolicies,
  type ShipmentKind,
  type SourcingLocation,
  type SourcingPlan,
  type SourcingRequest,
} from '../../../../shared/domain/sourcing';

/**
 * The engine against a brute-force reference that tries every subset of locations. The reference
 * states the rules declaratively, independent of the search:
 *   ship the most units; then the fewest shipments; then the fewest late legs; then the lowest cost;
 *   then (click-and-collect) using the pickup store's own stock; then the most preferred locations:
 *   the lowest sum of ranks in the (priority, id) order of all locations, then rank by rank.
 */

const skuPool = ['TSHIRT-BLK-M', 'HOODIE-GRY-L', 'MUG-LOGO', 'CAP-RED', 'SOCKS-3P', 'BAG-TOTE'];
const promiseDays = ['2026-03-10', '2026-03-11', '2026-03-12', '2026-03-13', '2026-03-14'];
/** A few fixed points, so equal distances (and so equal costs) are common and ties get exercised. */
const points = [
  { lat: 52.52, lon: 13.405 },
  { lat: 51.3397, lon: 12.3731 },
  { lat: 53.553, lon: 10.0069 },
  { lat: 48.1351, lon: 11.582 },
];

interface InstanceShape {
  readonly minLocations: number;
  readonly maxLocations: number;
  readonly maxLines: number;
  readonly maxShipments: number;
  /** Most units one location holds of one SKU: small values force splits. */
  readonly maxAvailable: number;
  /** Every shipment costs the same, so only the preference order (priority, then id) tells plans apart. */
  readonly equalCosts?: boolean;
}

const coordinatesArbitrary = fc.oneof(
  fc.constantFrom(...points),
  fc.record({ lat: fc.double({ min: 47, max: 55, noNaN: true }), lon: fc.double({ min: 6, max: 15, noNaN: true }) }),
);

const likely = fc.integer({ min: 0, max: 3 }).map((draw) => draw > 0);

const locationArbitrary = (id: string): fc.Arbitrary<SourcingLocation> =>
  fc.record({
    id: fc.constant(id),
    type: fc.constantFrom('WAREHOUSE', 'STORE', 'DROPSHIP_VENDOR'),
    coordinates: coordinatesArbitrary,
    // Mostly able to ship, so plans with several shipments are common.
    capabilities: fc.record({ ship: likely, pickup: fc.boolean(), shipFromStore: likely }),
    shipmentCost: fc.oneof(fc.constantFrom(0, 100, 200, 300), fc.integer({ min: 0, max: 900 })),
    priority: fc.integer({ min: 0, max: 2 }),
    // One in ten inactive.
    active: fc.integer({ min: 0, max: 9 }).map((draw) => draw > 0),
  });

function instanceArbitrary({ minLocations, maxLocations, maxLines, maxShipments, maxAvailable, equalCosts = false }: InstanceShape): fc.Arbitrary<SourcingRequest> {
  return fc
    .record({
      skus: fc.shuffledSubarray(skuPool, { minLength: 1, maxLength: maxLines }),
      quantities: fc.array(fc.integer({ min: 1, max: 3 }), { minLength: maxLines, maxLength: maxLines }),
      locationCount: fc.integer({ min: minLocations, max: maxLocations }),
      method: fc.constantFrom<DeliveryMethod>('HOME_DELIVERY', 'EXPRESS_DELIVERY', 'CLICK_AND_COLLECT', 'SHIP_TO_STORE'),
      customer: coordinatesArbitrary,
      costPerKm: equalCosts ? fc.constant(0) : fc.constantFrom(0, 0.5, 1, 2.5),
      maxShipments: fc.integer({ min: 1, max: maxShipments }),
      shortfall: fc.constantFrom(...shortfallPolicies),
      allowTransfer: fc.boolean(),
      requestedBy: fc.option(fc.constantFrom(...promiseDays.slice(1, 4)), { nil: undefined }),
      datesAsFunction: fc.boolean(),
    })
    .chain((shape) =>
      fc.record({
        shape: fc.constant(shape),
        locations: fc.tuple(...Array.from({ length: shape.locationCount }, (_, index) => locationArbitrary(`loc-${index}`))),
        // Sparse stock: most cells hold nothing, and 0 is listed explicitly sometimes.
        stock: fc.array(fc.option(fc.integer({ min: 0, max: maxAvailable }), { nil: undefined, freq: 2 }), {
          minLength: shape.locationCount * shape.skus.length,
          maxLength: shape.locationCount * shape.skus.length,
        }),
        promises: fc.array(fc.option(fc.constantFrom(...promiseDays), { nil: undefined, freq: 4 }), {
          minLength: shape.locationCount,
          maxLength: shape.locationCount,
        }),
        pickupStoreIndex: fc.integer({ min: 0, max: shape.locationCount - 1 }),
      }),
    )
    .map(({ shape, locations, stock, promises, pickupStoreIndex }) => {
      const collects = shape.method === 'CLICK_AND_COLLECT' || shape.method === 'SHIP_TO_STORE';
      const network = locations.map((location, index) => {
        const priced = equalCosts ? { ...location, shipmentCost: 100 } : location;
        // A store method needs a pickup store customers can collect from.
        return collects && index === pickupStoreIndex
          ? { ...priced, type: 'STORE' as const, active: true, capabilities: { ...location.capabilities, pickup: true } }
          : priced;
      });
      const promiseDates = new Map<string, string>();
      network.forEach((location, index) => {
        if (promises[index] !== undefined) promiseDates.set(location.id, promises[index]);
      });
      return {
        lines: shape.skus.map((sku, index) => ({ sku, quantity: shape.quantities[index]! })),
        deliveryMethod: shape.method,
        destination: collects ? { pickupStoreId: network[pickupStoreIndex]!.id } : { coordinates: shape.customer },
        locations: network,
        stock: stock.flatMap((available, cell) => {
          if (available === undefined) return [];
          const location = network[Math.floor(cell / shape.skus.length)]!;
          return [{ sku: shape.skus[cell % shape.skus.length]!, locationId: location.id, available }];
        }),
        policy: { maxShipments: shape.maxShipments, shortfall: shape.shortfall, allowTransferToPickupStore: shape.allowTransfer },
        costModel: { costPerKm: shape.costPerKm },
        ...(shape.requestedBy !== undefined && { requestedBy: shape.requestedBy }),
        promiseDates: shape.datesAsFunction ? (locationId: string) => promiseDates.get(locationId) : promiseDates,
      } satisfies SourcingRequest;
    });
}

interface ReferencePlan {
  readonly units: number;
  readonly shipments: number;
  readonly late: number;
  readonly cost: number;
  /** Shipping (or transferring) locations, most preferred first. */
  readonly shippers: readonly string[];
  readonly usesPickupStock: boolean;
}

const compareIds = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Every subset of at most `size` items, each in the items' order. */
function* subsetsUpTo<T>(items: readonly T[], size: number, start = 0, taken: T[] = []): Generator<T[]> {
  yield taken;
  if (taken.length === size) return;
  for (let index = start; index < items.length; index += 1) {
    yield* subsetsUpTo(items, size, index + 1, [...taken, items[index]!]);
  }
}

/** Every subset of the eligible shippers (with and without the pickup store's stock), the best by the rules. */
function bruteForce(request: SourcingRequest): ReferencePlan {
  const quantities = request.lines.map((line) => line.quantity);
  const storeId = 'pickupStoreId' in request.destination ? request.destination.pickupStoreId : undefined;
  const pickupStore = request.locations.find((location) => location.id === storeId);
  const destination = pickupStore ? pickupStore.coordinates : (request.destination as { coordinates: { lat: number; lon: number } }).coordinates;
  const collects = request.deliveryMethod === 'CLICK_AND_COLLECT';
  const maxShipments = request.policy!.maxShipments!;
  const stock = new Map(request.stock.map((entry) => [`${entry.locationId}|${entry.sku}`, entry.available]));
  const available = (locationId: string, sku: string) => stock.get(`${locationId}|${sku}`) ?? 0;
  const promiseOf = (locationId: string, kind: ShipmentKind) => {
    const dates = request.promiseDates;
    if (dates === undefined) return undefined;
    return typeof dates === 'function' ? dates(locationId, kind) : dates.get(locationId);
  };
  const isLate = (locationId: string, kind: ShipmentKind) => {
    if (request.requestedBy === undefined) return false;
    const promised = promiseOf(locationId, kind);
    return promised === undefined || promised > request.requestedBy;
  };
  const ships = (location: SourcingLocation) =>
    location.active && (location.type === 'STORE' ? location.capabilities.shipFromStore : location.capabilities.ship);
  const mayShip = !collects || request.policy!.allowTransferToPickupStore!;
  const shippers = mayShip
    ? request.locations
        .filter((location) => location.id !== storeId && ships(location))
        .sort((a, b) => a.priority - b.priority || compareIds(a.id, b.id))
    : [];
  const kind: ShipmentKind = collects ? 'transfer-to-store' : 'ship-to-customer';
  const costOf = (location: SourcingLocation) =>
    location.shipmentCost + Math.round(request.costModel.costPerKm * greatCircleDistanceKm(location.coordinates, destination));

  let best: (ReferencePlan & { ranks: number[] }) | undefined;
  const lexicographic = (a: readonly number[], b: readonly number[]) => {
    const differing = a.findIndex((rank, i) => rank !== b[i]);
    return differing === -1 ? 0 : a[differing]! - b[differing]!;
  };
  const sum = (ranks: readonly number[]) => ranks.reduce((total, rank) => total + rank, 0);
  const better = (a: ReferencePlan & { ranks: number[] }, b: ReferencePlan & { ranks: number[] }) =>
    (b.units - a.units ||
      a.shipments - b.shipments ||
      a.late - b.late ||
      a.cost - b.cost ||
      Number(b.usesPickupStock) - Number(a.usesPickupStock) ||
      sum(a.ranks) - sum(b.ranks) ||
      lexicographic(a.ranks, b.ranks)) < 0;
  const preferenceOrder = [...request.locations].sort((a, b) => a.priority - b.priority || compareIds(a.id, b.id));
  for (const usesPickupStock of collects ? [true, false] : [false]) {
    const fromStore = request.lines.map(({ sku, quantity }) => (usesPickupStock && storeId ? Math.min(quantity, available(storeId, sku)) : 0));
    const pickedUp = fromStore.reduce((sum, units) => sum + units, 0);
    for (const members of subsetsUpTo(shippers, maxShipments)) {
      const units = request.lines.reduce((sum, { sku }, line) => {
        const held = fromStore[line]! + members.reduce((total, member) => total + available(member.id, sku), 0);
        return sum + Math.min(quantities[line]!, held);
      }, 0);
      const candidate = {
        units,
        shipments: members.length,
        late: members.filter((member) => isLate(member.id, kind)).length + (pickedUp > 0 && isLate(storeId!, 'pickup-in-store') ? 1 : 0),
        cost: members.reduce((sum, member) => sum + costOf(member), 0),
        shippers: members.map((member) => member.id),
        usesPickupStock: pickedUp > 0,
        ranks: members.map((member) => preferenceOrder.indexOf(member)),
      };
      if (!best || better(candidate, best)) best = candidate;
    }
  }
  return best!;
}

const movingShipments = (plan: SourcingPlan) => plan.shipments.filter((shipment) => shipment.kind !== 'pickup-in-store');

/** The plan never ships more than is available, covers what it claims, and respects the limits. */
function expectFeasible(request: SourcingRequest, plan: SourcingPlan) {
  const availableAt = (locationId: string, sku: string) =>
    request.stock.find((entry) => entry.locationId === locationId && entry.sku === sku)?.available ?? 0;
  const locations = plan.shipments.map((shipment) => shipment.locationId);
  expect(new Set(locations).size).toBe(locations.length);
  for (const shipment of plan.shipments) {
    for (const line of shipment.lines) {
      expect(line.quantity).toBeGreaterThan(0);
      expect(line.quantity).toBeLessThanOrEqual(availableAt(shipment.locationId, line.sku));
    }
  }
  expect(movingShipments(plan).length).toBeLessThanOrEqual(request.policy!.maxShipments!);
  expect(plan.totalCost).toBe(plan.shipments.reduce((sum, shipment) => sum + shipment.cost, 0));
  for (const { sku, quantity } of request.lines) {
    const shipped = plan.shipments.flatMap((shipment) => shipment.lines).filter((line) => line.sku === sku).reduce((sum, line) => sum + line.quantity, 0);
    const backordered = plan.backorderedLines.filter((line) => line.sku === sku).reduce((sum, line) => sum + line.quantity, 0);
    if (plan.outcome === 'complete') expect(shipped).toBe(quantity);
    if (plan.outcome === 'partial') expect(shipped + backordered).toBe(quantity);
    if (plan.outcome === 'rejected') expect(shipped + backordered).toBe(0);
    if (plan.outcome === 'backorder') expect([shipped, backordered]).toEqual([0, quantity]);
  }
}

function expectOptimal(request: SourcingRequest, plan: SourcingPlan) {
  const reference = bruteForce(request);
  const requested = request.lines.reduce((sum, line) => sum + line.quantity, 0);
  const missing = (plan.shortfall ?? []).reduce((sum, line) => sum + line.missing, 0);
  expect(requested - missing).toBe(reference.units);
  expect(plan.outcome === 'complete').toBe(reference.units === requested);
  // Rejected and backordered plans ship nothing; their best plan shows only in the shortfall.
  if (plan.shipments.length === 0) return;
  const moving = movingShipments(plan);
  expect(moving.length).toBe(reference.shipments);
  expect(plan.shipments.filter((shipment) => shipment.late === true).length).toBe(reference.late);
  expect(plan.totalCost).toBe(reference.cost);
  expect(moving.map((shipment) => shipment.locationId).sort(compareIds)).toEqual([...reference.shippers].sort(compareIds));
  expect(plan.shipments.some((shipment) => shipment.kind === 'pickup-in-store')).toBe(reference.usesPickupStock);
}

/** The same request with locations and stock listed in another order. */
function reordered(request: SourcingRequest, seed: number): SourcingRequest {
  const shuffle = <T>(items: readonly T[]) => {
    const copy = [...items];
    let state = seed;
    for (let i = copy.length - 1; i > 0; i -= 1) {
      state = (state * 1103515245 + 12345) % 2147483648;
      const j = state % (i + 1);
      [copy[i], copy[j]] = [copy[j]!, copy[i]!];
    }
    return copy;
  };
  return { ...request, locations: shuffle(request.locations), stock: shuffle(request.stock) };
}

describe('planSourcing optimality', () => {
  it('matches a brute-force search on thousands of small instances: as many units, as few shipments, as few late, as cheap, same locations', () => {
    // Prepare
    const instances = instanceArbitrary({ minLocations: 1, maxLocations: 7, maxLines: 4, maxShipments: 4, maxAvailable: 5 });

    // Act & Assess
    fc.assert(
      fc.property(instances, fc.nat(), (request, seed) => {
        const plan = planSourcing(request);
        expectFeasible(request, plan);
        expectOptimal(request, plan);
        expect(planSourcing(reordered(request, seed))).toEqual(plan);
      }),
      { numRuns: 3000 },
    );
  }, 30_000);

  it('matches a brute-force search on larger instances, where pruning and dominance do the work', () => {
    // Prepare
    const instances = instanceArbitrary({ minLocations: 6, maxLocations: 12, maxLines: 6, maxShipments: 5, maxAvailable: 2 });

    // Act & Assess
    fc.assert(
      fc.property(instances, (request) => {
        const plan = planSourcing(request);
        expectFeasible(request, plan);
        expectOptimal(request, plan);
      }),
      { numRuns: 1000 },
    );
  }, 30_000);

  it('breaks ties between equally good plans by preference (priority, then id), exactly as the brute force does', () => {
    // Prepare
    const instances = instanceArbitrary({ minLocations: 4, maxLocations: 12, maxLines: 5, maxShipments: 4, maxAvailable: 2, equalCosts: true });

    // Act & Assess
    fc.assert(
      fc.property(instances, (request) => {
        const plan = planSourcing(request);
        expectFeasible(request, plan);
        expectOptimal(request, plan);
      }),
      { numRuns: 1000 },
    );
  }, 30_000);

  it('matches a brute-force search when candidates outnumber a machine word, so every candidate set spans several words', () => {
    // Prepare
    const instances = instanceArbitrary({ minLocations: 40, maxLocations: 70, maxLines: 5, maxShipments: 3, maxAvailable: 1 });

    // Act & Assess
    fc.assert(
      fc.property(instances, (request) => {
        const plan = planSourcing(request);
        expectFeasible(request, plan);
        expectOptimal(request, plan);
      }),
      { numRuns: 300 },
    );
  }, 30_000);
});

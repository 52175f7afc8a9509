/**
 * Sourcing latency: orders of 20 lines against 500 locations, the size a national store network
 * reaches. Stock is sparse (each location carries 20–60 % of a 60-SKU catalogue, a few units of
 * each), a third of networks have a central warehouse carrying nearly everything, and a fifth of
 * orders are click-and-collect or ship-to-store. Instances come from a seeded generator, so runs
 * compare like with like. Each plan is timed alone, request already built, as a use case would
 * call it.
 * Printed for people and as `BENCH <name> <value> <unit>` for scripts; goal p99 <= 20 ms.
 * `npx tsx bench/sourcing.ts`, or `runSourcingBench()` from another bench script.
 */
import { pathToFileURL } from 'node:url';
import type { DeliveryMethod } from '../shared/contracts/order';
import { greatCircleDistanceKm, planSourcing, type SourcingLocation, type SourcingRequest, type StockAvailability } from '../shared/domain/sourcing';
import { seededRandom } from './seeded-random';

/**
 * standard: from mostly single units to about half the lines wanting two to six; most orders
 * need two or three shipments, a few one or four.
 * stress: up to four in five lines want two to eight units, more than most locations hold, so
 * many orders need three to five shipments and the search has the most to prove.
 */
export type SourcingBenchProfile = 'standard' | 'stress';

const quantityProfiles: Record<SourcingBenchProfile, { multiUnitShare: [number, number]; largest: number }> = {
  standard: { multiUnitShare: [0.1, 0.6], largest: 6 },
  stress: { multiUnitShare: [0.1, 0.8], largest: 8 },
};

export interface SourcingBenchOptions {
  readonly profile?: SourcingBenchProfile;
  readonly instances?: number;
  readonly warmUp?: number;
  readonly seed?: number;
  readonly lines?: number;
  readonly locations?: number;
}

export interface SourcingBenchResult {
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  readonly instances: number;
  /** How many plans needed 1, 2, 3 … shipments (transfers for click-and-collect). */
  readonly shipmentCounts: Record<string, number>;
  readonly outcomes: Record<string, number>;
}

const catalogSize = 60;

/** Somewhere in Germany, where the demo network lives. */
const somewhereInGermany = (random: () => number) => ({ lat: 47.5 + random() * 7.3, lon: 6 + random() * 9 });

function generateNetwork(random: () => number, count: number) {
  const locations: SourcingLocation[] = [];
  const stock: StockAvailability[] = [];
  // Some networks have a central warehouse that carries nearly everything: the one-shipment case.
  const centralWarehouses = random() < 0.3 ? 1 + Math.floor(random() * 2) : 0;
  for (let index = 0; index < count; index += 1) {
    const central = index < centralWarehouses;
    const draw = random();
    const type = central || draw < 0.1 ? 'WAREHOUSE' : draw < 0.15 ? 'DROPSHIP_VENDOR' : 'STORE';
    const id = `${type === 'STORE' ? 'store' : type === 'WAREHOUSE' ? 'wh' : 'vendor'}-${String(index).padStart(3, '0')}`;
    locations.push({
      id,
      type,
      coordinates: somewhereInGermany(random),
      capabilities: { ship: type !== 'STORE', pickup: type === 'STORE', shipFromStore: type === 'STORE' && random() < 0.6 },
      shipmentCost: 300 + Math.floor(random() * 900),
      priority: random() < 0.2 ? 50 : 100,
      active: random() > 0.03,
    });
    // Sparse stock: each location carries 20–60 % of the catalogue, mostly a few units of each.
    const share = central ? 0.97 : 0.2 + random() * 0.4;
    const depth = central ? 40 : 6;
    for (let sku = 0; sku < catalogSize; sku += 1) {
      if (random() < share) stock.push({ sku: `SKU-${sku}`, locationId: id, available: 1 + Math.floor(random() ** 2 * depth) });
    }
  }
  return { locations, stock };
}

function generateRequest(random: () => number, lineCount: number, locationCount: number, profile: SourcingBenchProfile): SourcingRequest {
  const { locations, stock } = generateNetwork(random, locationCount);
  const skus = Array.from({ length: catalogSize }, (_, sku) => `SKU-${sku}`);
  for (let i = skus.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [skus[i], skus[j]] = [skus[j]!, skus[i]!];
  }
  // Lines wanting more than one location holds force splits: what makes some orders need three or more shipments.
  const { multiUnitShare: [fewest, most], largest } = quantityProfiles[profile];
  const multiUnitShare = fewest + random() * (most - fewest);
  const lines = skus.slice(0, lineCount).map((sku) => ({ sku, quantity: random() < multiUnitShare ? 2 + Math.floor(random() * (largest - 1)) : 1 }));
  const draw = random();
  const method: DeliveryMethod = draw < 0.7 ? 'HOME_DELIVERY' : draw < 0.8 ? 'EXPRESS_DELIVERY' : draw < 0.9 ? 'CLICK_AND_COLLECT' : 'SHIP_TO_STORE';
  const stores = locations.filter((location) => location.type === 'STORE' && location.active);
  const store = stores[Math.floor(random() * stores.length)]!;
  const toStore = method === 'CLICK_AND_COLLECT' || method === 'SHIP_TO_STORE';
  const customerAt = toStore ? store.coordinates : somewhereInGermany(random);
  // Promise dates as the ATP module derives them: processing days at the location plus transit by
  // distance band, from Tuesday 2026-03-10; the customer asks for Friday.
  const promise = new Map(
    locations.map((location) => {
      const kilometres = greatCircleDistanceKm(location.coordinates, customerAt);
      const transitDays = kilometres <= 150 ? 1 : kilometres <= 400 ? 2 : 3;
      const processingDays = Math.floor(random() * 3);
      return [location.id, `2026-03-${String(10 + processingDays + transitDays).padStart(2, '0')}`];
    }),
  );
  return {
    lines,
    deliveryMethod: method,
    destination: toStore ? { pickupStoreId: store.id } : { coordinates: customerAt },
    locations,
    stock,
    policy: { maxShipments: 5, shortfall: 'ship-available-backorder-rest', allowTransferToPickupStore: true },
    costModel: { costPerKm: 1.5 },
    promiseDates: promise,
    requestedBy: '2026-03-13',
  };
}

const percentile = (sorted: readonly number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
const round = (value: number, digits = 2) => Number(value.toFixed(digits));
const tally = (counts: Record<string, number>, key: string) => {
  counts[key] = (counts[key] ?? 0) + 1;
};

export function runSourcingBench(options: SourcingBenchOptions = {}): SourcingBenchResult {
  const { profile = 'standard', instances = 300, warmUp = 30, seed = 20260313, lines = 20, locations = 500 } = options;
  const random = seededRandom(seed);
  const timings: number[] = [];
  const shipmentCounts: Record<string, number> = {};
  const outcomes: Record<string, number> = {};
  // One instance at a time, so the heap holds one network, not hundreds, and garbage collection of
  // the generator's objects does not land in the timings.
  for (let index = 0; index < warmUp + instances; index += 1) {
    const request = generateRequest(random, lines, locations, profile);
    const started = performance.now();
    const plan = planSourcing(request);
    const elapsed = performance.now() - started;
    if (index < warmUp) continue;
    timings.push(elapsed);
    tally(outcomes, plan.outcome);
    tally(shipmentCounts, String(plan.shipments.filter((shipment) => shipment.kind !== 'pickup-in-store').length));
  }
  const sorted = [...timings].sort((a, b) => a - b);
  const result = {
    p50Ms: round(percentile(sorted, 50)),
    p99Ms: round(percentile(sorted, 99)),
    maxMs: round(sorted[sorted.length - 1]!),
    instances,
    shipmentCounts,
    outcomes,
  };
  const label = `sourcing_${lines}x${locations}${profile === 'standard' ? '' : `_${profile}`}`;
  console.log(`Sourcing, ${lines} lines x ${locations} locations, ${profile} baskets, ${instances} seeded instances (seed ${seed}):`);
  console.log(`  shipments per plan ${JSON.stringify(shipmentCounts)}, outcomes ${JSON.stringify(outcomes)}, max ${result.maxMs} ms`);
  console.log(`${'Sourcing plan p50'.padEnd(44)} ${result.p50Ms} ms`);
  console.log(`BENCH ${label}_p50_ms ${result.p50Ms} ms`);
  console.log(`${'Sourcing plan p99 (goal <= 20)'.padEnd(44)} ${result.p99Ms} ms`);
  console.log(`BENCH ${label}_p99_ms ${result.p99Ms} ms`);
  return result;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runSourcingBench();
  runSourcingBench({ profile: 'stress' });
}

/**
 * Chooses the shipping locations with the exact search, then splits each line over them.
 */
import { findBestCover, findMostUnits, type SearchProblem, type Selection } from './exact-search';
import type { ReadRequest } from './read-request';
import { byPreference, compareIds, type Candidate, type Sources } from './sources';
import type { PlannedLine } from './types';

/** The chosen shipping locations for what is left once the pickup store has given its share. */
export interface Solution {
  /** In preference order. */
  readonly members: readonly Candidate[];
  readonly selection: Selection;
  /** Per line, the most all shippers together could give. */
  readonly reachable: Int32Array;
}

export interface Choice {
  /** Per line, units collected from the pickup store's own stock. */
  readonly fromPickupStore: Int32Array;
  readonly solution: Solution;
  /** The pickup store had stock but was passed over because its promise date is late. */
  readonly pickupStockLeftAlone: boolean;
}

const sum = (values: Int32Array) => values.reduce((total, value) => total + value, 0);

/**
 * The best set of shippers for `demand`. With everything in stock that is the best complete cover
 * within maxShipments. When stock runs out, the most that can ship is what all shippers together
 * hold, so the best cover of that is the answer when it fits; otherwise the plan ships as many
 * units as any plan within maxShipments can.
 */
function solve(read: ReadRequest, demand: Int32Array, shippers: readonly Candidate[], rankOf: Int32Array): Solution {
  const lineCount = demand.length;
  const holdsSomethingWanted = (candidate: Candidate) =>
    demand.some((wanted, line) => wanted > 0 && read.available[candidate.row * lineCount + line]! > 0);
  const candidates = shippers.filter(holdsSomethingWanted).sort(byPreference);
  const capacity = new Int32Array(candidates.length * lineCount);
  const reachable = new Int32Array(lineCount);
  candidates.forEach((candidate, index) => {
    for (let line = 0; line < lineCount; line += 1) {
      const units = Math.min(demand[line]!, read.available[candidate.row * lineCount + line]!);
      capacity[index * lineCount + line] = units;
      reachable[line] = Math.min(demand[line]!, reachable[line]! + units);
    }
  });
  // No capacity exceeds what is reachable: a line short of stock reaches the sum of all its capacities.
  const problem: SearchProblem = {
    lineCount,
    demand: reachable,
    candidateCount: candidates.length,
    capacity,
    late: new Uint8Array(candidates.map((candidate) => (candidate.late ? 1 : 0))),
    cost: new Float64Array(candidates.map((candidate) => candidate.cost)),
    rank: new Int32Array(candidates.map((candidate) => rankOf[candidate.row]!)),
  };
  const { maxShipments } = read.policy;
  const selection = findBestCover(problem, maxShipments) ?? findMostUnits(problem, maxShipments);
  return { members: selection.members.map((index) => candidates[index]!), selection, reachable };
}

interface Score {
  readonly units: number;
  readonly shipments: number;
  readonly late: number;
  readonly cost: number;
}

const scoreOf = (choice: Choice, pickupLate: boolean): Score => {
  const pickedUp = sum(choice.fromPickupStore);
  const { selection } = choice.solution;
  return {
    units: pickedUp + selection.units,
    shipments: selection.members.length,
    late: selection.late + (pickedUp > 0 && pickupLate ? 1 : 0),
    cost: selection.cost,
  };
};

const compareScores = (a: Score, b: Score) =>
  b.units - a.units || a.shipments - b.shipments || a.late - b.late || a.cost - b.cost;

/** Each location's place in the preference order (priority, then id) of all the request's locations. */
function preferenceRanks(read: ReadRequest): Int32Array {
  const { locations } = read.request;
  const order = locations.map((_, row) => row);
  order.sort((a, b) => locations[a]!.priority - locations[b]!.priority || compareIds(locations[a]!.id, locations[b]!.id));
  const rankOf = new Int32Array(locations.length);
  order.forEach((row, rank) => (rankOf[row] = rank));
  return rankOf;
}

export function choose(read: ReadRequest, sources: Sources, demand: Int32Array): Choice {
  const lineCount = demand.length;
  const { pickup } = sources;
  const rankOf = preferenceRanks(read);
  if (!pickup) {
    return { fromPickupStore: new Int32Array(lineCount), solution: solve(read, demand, sources.shippers, rankOf), pickupStockLeftAlone: false };
  }
  const fromPickupStore = Int32Array.from(demand, (wanted, line) => Math.min(wanted, read.available[pickup.row * lineCount + line]!));
  const lacking = Int32Array.from(demand, (wanted, line) => wanted - fromPickupStore[line]!);
  const withStoreStock: Choice = { fromPickupStore, solution: solve(read, lacking, sources.shippers, rankOf), pickupStockLeftAlone: false };
  // The store's own stock never adds a shipment and costs nothing; all it can do is make the pickup late.
  if (!pickup.late || sum(fromPickupStore) === 0 || sources.shippers.length === 0) return withStoreStock;
  const withoutStoreStock: Choice = {
    fromPickupStore: new Int32Array(lineCount),
    solution: solve(read, demand, sources.shippers, rankOf),
    pickupStockLeftAlone: true,
  };
  return compareScores(scoreOf(withoutStoreStock, true), scoreOf(withStoreStock, true)) < 0 ? withoutStoreStock : withStoreStock;
}

export interface Allocation {
  readonly pickupLines: PlannedLine[];
  /** Per chosen shipper, in the order of Solution.members. */
  readonly shipperLines: PlannedLine[][];
  /** Per line, units no chosen location can give. */
  readonly missing: Int32Array;
}

/**
 * Splits each line over the chosen locations. Any split within their stock costs the same, so the
 * split keeps lines whole where it can: the pickup store's own stock first, then the most preferred
 * chosen location that holds all the rest, otherwise the largest holdings first.
 */
export function allocate(read: ReadRequest, demand: Int32Array, choice: Choice): Allocation {
  const lineCount = demand.length;
  const members = choice.solution.members;
  const pickupLines: PlannedLine[] = [];
  const shipperLines: PlannedLine[][] = members.map(() => []);
  const missing = new Int32Array(lineCount);
  read.lines.forEach(({ sku }, line) => {
    const pickedUp = choice.fromPickupStore[line]!;
    if (pickedUp > 0) pickupLines.push({ sku, quantity: pickedUp });
    let wanted = demand[line]! - pickedUp;
    const holding = members.map((member) => read.available[member.row * lineCount + line]!);
    const holdsAllTheRest = holding.findIndex((units) => units >= wanted);
    const order =
      holdsAllTheRest !== -1 ? [holdsAllTheRest] : holding.map((_, index) => index).sort((a, b) => holding[b]! - holding[a]! || a - b);
    for (const index of order) {
      if (wanted === 0) break;
      const given = Math.min(wanted, holding[index]!);
      if (given === 0) continue;
      shipperLines[index]!.push({ sku, quantity: given });
      wanted -= given;
    }
    missing[line] = wanted;
  });
  return { pickupLines, shipperLines, missing };
}

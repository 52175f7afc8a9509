/**
 * Sourcing: which locations an order ships from, and why.
 *
 * The plan is the best by these rules, in this order:
 *   1. the fewest shipments, at most policy.maxShipments;
 *   2. the fewest late shipments: a shipment is late when its location's promise date is after the
 *      requested-by date, or when it has no promise date while one is requested. Counting late
 *      shipments (rather than taking the latest date) matches how a split order is experienced:
 *      each late parcel is a broken promise of its own;
 *   3. the lowest total cost: per shipment, the location's fixed shipmentCost plus costPerKm times
 *      the great-circle distance to the destination, rounded to whole minor units;
 *   4. the most preferred locations: rank every location of the request by (priority, then id);
 *      the lower sum of the plan's ranks wins, then its ranks compared one by one, most preferred
 *      first. Ties are broken the same way whatever order locations and stock arrive in.
 * The search is exact (see exact-search.ts): no plan within maxShipments is better by these rules.
 *
 * When no plan within maxShipments covers every line, the best plan is the one shipping the most
 * units, then the same rules; the shortfall policy decides whether it ships, the whole order is
 * backordered, or the order is rejected with the shortfall per SKU.
 *
 * Only `available` stock is offered, which the caller computes net of reservations and safety
 * stock, so safety stock is never promised away.
 *
 * CLICK_AND_COLLECT collects what the pickup store itself holds first: picking it moves nothing,
 * so it costs nothing and is not a shipment. What the store lacks comes by transfer shipments,
 * which the same rules choose. The store's own stock is left alone only when its promise date is
 * late and leaving it out gives a plan with fewer late shipments.
 */
import { allocate, choose } from './choose-sources';
import { explainPlan, type PlannedLeg } from './explain-plan';
import { readSourcingRequest } from './read-request';
import { findSources, type Candidate } from './sources';
import type { PlannedLine, PlannedShipment, ShortfallLine, SourcingPlan, SourcingRequest } from './types';

const shipmentOf = (candidate: Candidate, lines: readonly PlannedLine[], datesMatter: boolean): PlannedShipment => ({
  locationId: candidate.location.id,
  kind: candidate.kind,
  lines,
  cost: candidate.cost,
  distanceKm: Math.round(candidate.distanceKm * 10) / 10,
  ...(candidate.promiseDate !== undefined && { promiseDate: candidate.promiseDate }),
  ...(datesMatter && { late: candidate.late }),
});

/** Plans where an order ships from; throws InvalidSourcingRequest when the request cannot be planned. */
export function planSourcing(request: SourcingRequest): SourcingPlan {
  const read = readSourcingRequest(request);
  const sources = findSources(read);
  const demand = Int32Array.from(read.lines, (line) => line.quantity);
  const choice = choose(read, sources, demand);
  const allocation = allocate(read, demand, choice);
  const datesMatter = request.requestedBy !== undefined;

  const legs: PlannedLeg[] = [];
  if (sources.pickup && allocation.pickupLines.length > 0) {
    legs.push({ candidate: sources.pickup, shipment: shipmentOf(sources.pickup, allocation.pickupLines, datesMatter) });
  }
  choice.solution.members.forEach((member, index) => {
    const lines = allocation.shipperLines[index]!;
    if (lines.length > 0) legs.push({ candidate: member, shipment: shipmentOf(member, lines, datesMatter) });
  });

  const lineCount = demand.length;
  const pickupStoreHolds = (line: number) =>
    sources.pickup ? Math.min(demand[line]!, read.available[sources.pickup.row * lineCount + line]!) : 0;
  const shortfall: ShortfallLine[] = read.lines.flatMap(({ sku, quantity }, line) => {
    const missing = allocation.missing[line]!;
    if (missing === 0) return [];
    const heldAnywhere = pickupStoreHolds(line) + choice.solution.reachable[line]!;
    const reason = heldAnywhere < quantity ? 'insufficient-stock' : 'max-shipments';
    return [{ sku, requested: quantity, shippable: quantity - missing, missing, reason }];
  });

  const explanation = explainPlan({ read, sources, choice, legs, shortfall });
  const shipments = legs.map(({ shipment }) => shipment);
  const totalCost = shipments.reduce((total, shipment) => total + shipment.cost, 0);
  if (shortfall.length === 0) return { outcome: 'complete', shipments, backorderedLines: [], totalCost, explanation };

  const everyLine = read.lines.map(({ sku, quantity }) => ({ sku, quantity }));
  const nothingShips = { shipments: [], totalCost: 0, shortfall, explanation };
  switch (read.policy.shortfall) {
    case 'reject':
      return { outcome: 'rejected', backorderedLines: [], ...nothingShips };
    case 'backorder-all':
      return { outcome: 'backorder', backorderedLines: everyLine, ...nothingShips };
    case 'ship-available-backorder-rest': {
      if (shipments.length === 0) return { outcome: 'backorder', backorderedLines: everyLine, ...nothingShips };
      const backorderedLines = shortfall.map(({ sku, missing }) => ({ sku, quantity: missing }));
      return { outcome: 'partial', shipments, backorderedLines, totalCost, shortfall, explanation };
    }
  }
}

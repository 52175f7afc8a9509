/**
 * The plan's explanation: which locations could serve, what each shipment carries, why fewer
 * shipments would not do, what the dates and the cost are, and what happens to anything missing.
 */
import type { Choice } from './choose-sources';
import type { ReadRequest } from './read-request';
import { byPreference, type Candidate, type Sources } from './sources';
import type { PlannedLine, PlannedShipment, ShortfallLine } from './types';

export interface PlannedLeg {
  readonly candidate: Candidate;
  readonly shipment: PlannedShipment;
}

export interface PlanFacts {
  readonly read: ReadRequest;
  readonly sources: Sources;
  readonly choice: Choice;
  /** Every leg of the best plan, shipped or not (a rejected plan ships nothing but is still explained). */
  readonly legs: readonly PlannedLeg[];
  readonly shortfall: readonly ShortfallLine[];
}

export const describeLines = (lines: readonly PlannedLine[]) => lines.map(({ sku, quantity }) => `${sku} ×${quantity}`).join(', ');

const counted = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`;

const everyLine = (lineCount: number) => (lineCount === 1 ? 'the line' : `all ${lineCount} lines`);

const movesGoods = (leg: PlannedLeg) => leg.shipment.kind !== 'pickup-in-store';

function scope({ read, sources }: PlanFacts): string {
  const method = read.request.deliveryMethod;
  const store = read.pickupStore?.id;
  const others = read.request.locations.length - (store === undefined ? 0 : 1);
  const skippedParts = [
    sources.skipped.inactive > 0 ? `${sources.skipped.inactive} inactive` : '',
    sources.skipped.doesNotShip > 0 ? `${sources.skipped.doesNotShip} that do not ship` : '',
  ].filter((part) => part !== '');
  const skipped = skippedParts.length > 0 ? ` (skipped ${skippedParts.join(', ')})` : '';
  const holding = `; ${sources.shippers.length} of them hold a needed SKU`;
  switch (method) {
    case 'CLICK_AND_COLLECT':
      if (!read.policy.allowTransferToPickupStore) {
        return `CLICK_AND_COLLECT at ${store}: transfers to the pickup store are not allowed, so only its own stock counts`;
      }
      return `CLICK_AND_COLLECT at ${store}: ${sources.eligibleCount} of ${others} other locations may transfer stock there${skipped}${holding}`;
    case 'SHIP_TO_STORE':
      return `SHIP_TO_STORE to ${store}: ${sources.eligibleCount} of ${others} other locations may ship there${skipped}${holding}`;
    default:
      return `${method}: ${sources.eligibleCount} of ${others} locations may ship to the customer${skipped}${holding}`;
  }
}

const listShipments = (legs: readonly PlannedLeg[]) =>
  legs.map(({ shipment }) => `${shipment.locationId} (${describeLines(shipment.lines)})`).join(', ');

function pickupStory({ read, sources, choice, legs }: PlanFacts): string[] {
  const { pickup } = sources;
  if (!pickup) return [];
  const store = pickup.location.id;
  const story: string[] = [];
  const pickedUp = legs.find((leg) => !movesGoods(leg));
  const transfers = legs.filter(movesGoods);
  const lacking = read.lines
    .map(({ sku, quantity }, line) => ({ sku, quantity: quantity - choice.fromPickupStore[line]! }))
    .filter(({ quantity }) => quantity > 0);
  if (pickedUp) {
    story.push(
      lacking.length === 0
        ? `${store} has ${everyLine(read.lines.length)} in stock for pickup`
        : `${store} has ${describeLines(pickedUp.shipment.lines)} in stock for pickup`,
    );
  }
  if (choice.pickupStockLeftAlone) {
    story.push(
      `${store}'s own stock is not used: it is promised ${pickup.promiseDate ?? 'on no date'}, after the requested-by date ${read.request.requestedBy}, and transfers alone make fewer shipments late`,
    );
  }
  if (lacking.length === 0) return story;
  if (transfers.length === 0) {
    const why = read.policy.allowTransferToPickupStore ? 'and no transfer can bring it' : 'and transfers to the pickup store are not allowed';
    story.push(`${store} lacks ${describeLines(lacking)} ${why}`);
  } else if (transfers.length === 1) {
    story.push(`${store} lacks ${describeLines(lacking)}: transfer from ${transfers[0]!.shipment.locationId}`);
  } else {
    story.push(`${store} lacks ${describeLines(lacking)}: ${transfers.length} transfers, from ${listShipments(transfers)}`);
  }
  return story;
}

function shipmentStory({ read, sources, legs, shortfall }: PlanFacts): string[] {
  if (sources.pickup || legs.length === 0) return [];
  const lineCount = read.lines.length;
  if (shortfall.length === 0) {
    if (legs.length === 1) return [`1 shipment from ${legs[0]!.shipment.locationId} covers ${everyLine(lineCount)}`];
    return [`${legs.length} shipments cover ${everyLine(lineCount)}: ${listShipments(legs)}`];
  }
  const shipsNow = read.policy.shortfall === 'ship-available-backorder-rest';
  const carry = legs.length === 1 ? '1 shipment carries' : `${legs.length} shipments carry`;
  const lead = shipsNow ? `${carry} what can ship` : 'the best plan within the limits would ship';
  return [`${lead}: ${listShipments(legs)}`];
}

/** Why no plan with fewer shipments: the search proved none covers what the shippers had to cover. */
function fewerShipmentsStory({ read, sources, choice, legs }: PlanFacts): string[] {
  const shipments = legs.filter(movesGoods).length;
  const { reachable, selection } = choice.solution;
  const target = reachable.reduce((total, units) => total + units, 0);
  if (shipments < 2 || selection.units !== target) return [];
  const lineCount = read.lines.length;
  const lackedBy = (candidate: Candidate) =>
    read.lines
      .map(({ sku }, line) => ({ sku, quantity: reachable[line]! - Math.min(reachable[line]!, read.available[candidate.row * lineCount + line]!) }))
      .filter(({ quantity }) => quantity > 0);
  const lackedUnits = (candidate: Candidate) => {
    let lacked = 0;
    for (let line = 0; line < lineCount; line += 1) {
      lacked += Math.max(0, reachable[line]! - read.available[candidate.row * lineCount + line]!);
    }
    return lacked;
  };
  let closest = sources.shippers[0]!;
  let closestLacks = lackedUnits(closest);
  for (const shipper of sources.shippers) {
    const lacks = lackedUnits(shipper);
    if (lacks < closestLacks || (lacks === closestLacks && byPreference(shipper, closest) < 0)) {
      closest = shipper;
      closestLacks = lacks;
    }
  }
  const noun = sources.pickup ? 'transfer' : 'shipment';
  const inStock = reachable.every((units, line) => units === read.lines[line]!.quantity);
  const what = sources.pickup && !choice.pickupStockLeftAlone ? 'what the pickup store lacks' : inStock ? 'every line' : 'every line in stock';
  const closestStory = `${closest.location.id} comes closest, lacking ${describeLines(lackedBy(closest))}`;
  if (shipments === 2) return [`rejected plans with 1 ${noun}: no eligible location holds ${what}; ${closestStory}`];
  return [`rejected plans with fewer ${noun}s: no ${shipments - 1} eligible locations together hold ${what}; ${closestStory}`];
}

/** For CLICK_AND_COLLECT the pickup is a leg of the plan but not a shipment. */
const legNoun = (sources: Sources) => (sources.pickup ? 'leg' : 'shipment');

function datesStory({ read, sources, legs }: PlanFacts): string[] {
  const { requestedBy } = read.request;
  if (requestedBy === undefined || legs.length === 0) return [];
  const noun = legNoun(sources);
  const late = legs.filter(({ candidate }) => candidate.late);
  if (late.length === 0) {
    return [`requested by ${requestedBy}: ${legs.length === 1 ? `the ${noun} is` : `all ${legs.length} ${noun}s are`} promised on time`];
  }
  const which = late
    .map(({ candidate }) => `${candidate.location.id} ${candidate.promiseDate === undefined ? 'has no promise date' : `promises ${candidate.promiseDate}`}`)
    .join(', ');
  return [
    `${late.length} of ${counted(legs.length, noun)} ${late.length === 1 ? 'misses' : 'miss'} the requested-by date ${requestedBy} (${which}); no plan with as few shipments has fewer late ${noun}s`,
  ];
}

function costStory({ read, sources, legs, shortfall }: PlanFacts): string[] {
  const moving = legs.filter(movesGoods);
  if (moving.length === 0) return [];
  const total = moving.reduce((sum, { candidate }) => sum + candidate.cost, 0);
  const fixed = moving.reduce((sum, { candidate }) => sum + candidate.location.shipmentCost, 0);
  const kilometres = Math.round(moving.reduce((sum, { candidate }) => sum + candidate.distanceKm, 0) * 10) / 10;
  const late = legs.filter(({ candidate }) => candidate.late).length;
  const among =
    shortfall.length === 0
      ? `the lowest of all plans with ${counted(moving.length, sources.pickup ? 'transfer' : 'shipment')}${read.request.requestedBy === undefined ? '' : ` and ${late} late ${legNoun(sources)}${late === 1 ? '' : 's'}`}`
      : 'the lowest of the plans that ship as many units with as few shipments';
  return [`total cost ${total}: fixed ${fixed} + distance ${total - fixed} (${kilometres} km at ${read.request.costModel.costPerKm} per km), ${among}`];
}

function shortfallStory({ read, legs, shortfall }: PlanFacts): string[] {
  if (shortfall.length === 0) return [];
  const { maxShipments, shortfall: policy } = read.policy;
  const story = shortfall.map(({ sku, requested, missing, reason }) =>
    reason === 'insufficient-stock'
      ? `${sku}: ${missing} of ${requested} missing, the eligible locations do not hold enough`
      : `${sku}: ${missing} of ${requested} missing, the eligible locations hold enough but not within ${counted(maxShipments, 'shipment')} (maxShipments)`,
  );
  const missingLines = shortfall.map(({ sku, missing }) => ({ sku, quantity: missing }));
  const requested = read.lines.reduce((total, { quantity }) => total + quantity, 0);
  const shippable = requested - shortfall.reduce((total, { missing }) => total + missing, 0);
  if (policy === 'reject') {
    story.push(`rejected by the shortfall policy reject: nothing ships, ${describeLines(missingLines)} cannot be sourced`);
  } else if (policy === 'backorder-all' || legs.length === 0) {
    story.push(`every line is backordered (shortfall policy ${policy}): nothing ships now`);
  } else {
    story.push(`partial (shortfall policy ${policy}): ${shippable} of ${requested} units ship now, ${describeLines(missingLines)} backordered`);
  }
  return story;
}

export function explainPlan(facts: PlanFacts): string[] {
  return [
    scope(facts),
    ...pickupStory(facts),
    ...shipmentStory(facts),
    ...fewerShipmentsStory(facts),
    ...datesStory(facts),
    ...costStory(facts),
    ...shortfallStory(facts),
  ];
}

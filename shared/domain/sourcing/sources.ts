/**
 * The locations that may take part in a plan, with what a shipment from each would cost, when it
 * is promised, and whether that is late.
 */
import { whyCannotShip } from './eligibility';
import { InvalidSourcingRequest } from './errors';
import { greatCircleDistanceKm } from '../great-circle-distance';
import { isCalendarDate, type ReadRequest } from './read-request';
import type { ShipmentKind, SourcingLocation } from './types';

export interface Candidate {
  readonly location: SourcingLocation;
  /** Index in request.locations, which is also the row of the availability table. */
  readonly row: number;
  readonly kind: ShipmentKind;
  readonly distanceKm: number;
  /** Fixed cost plus distance cost, whole minor units; 0 for the pickup store's own stock, which moves nowhere. */
  readonly cost: number;
  readonly promiseDate: string | undefined;
  /** Promised after the requested-by date, or not promised at all while a requested-by date is set. */
  readonly late: boolean;
}

export interface Sources {
  /** Locations that may ship (or transfer) for this order and hold at least one of its SKUs. */
  readonly shippers: readonly Candidate[];
  /** Locations allowed to ship, with or without stock. */
  readonly eligibleCount: number;
  readonly skipped: { readonly inactive: number; readonly doesNotShip: number };
  /** CLICK_AND_COLLECT only: the pickup store's own stock. */
  readonly pickup?: Candidate;
}

/** Plain code-unit order, so ties break the same way whatever the runtime's locale. */
export const compareIds = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Lower priority first (the inventory contract's "lower is preferred"), then id. */
export const byPreference = (a: Candidate, b: Candidate) =>
  a.location.priority - b.location.priority || compareIds(a.location.id, b.location.id);

function promiseDateOf(read: ReadRequest, locationId: string, kind: ShipmentKind): string | undefined {
  const { promiseDates } = read.request;
  if (promiseDates === undefined) return undefined;
  const date = typeof promiseDates === 'function' ? promiseDates(locationId, kind) : promiseDates.get(locationId);
  if (date !== undefined && !isCalendarDate(date)) {
    throw new InvalidSourcingRequest([
      {
        path: `promiseDates.${locationId}`,
        code: 'INVALID_PROMISE_DATE',
        message: `the promise date of ${locationId} must be YYYY-MM-DD, not ${String(date)}`,
      },
    ]);
  }
  return date;
}

function candidateAt(read: ReadRequest, row: number, kind: ShipmentKind): Candidate {
  const location = read.request.locations[row]!;
  const movesGoods = kind !== 'pickup-in-store';
  const distanceKm = movesGoods ? greatCircleDistanceKm(location.coordinates, read.destination) : 0;
  // Rounded per shipment, so every total is a whole number and ties compare exactly.
  const cost = movesGoods ? location.shipmentCost + Math.round(read.request.costModel.costPerKm * distanceKm) : 0;
  const promiseDate = promiseDateOf(read, location.id, kind);
  const { requestedBy } = read.request;
  const late = requestedBy !== undefined && (promiseDate === undefined || promiseDate > requestedBy);
  return { location, row, kind, distanceKm, cost, promiseDate, late };
}

function holdsAnyLine(read: ReadRequest, row: number): boolean {
  const lineCount = read.lines.length;
  for (let line = 0; line < lineCount; line += 1) {
    if (read.available[row * lineCount + line]! > 0) return true;
  }
  return false;
}

export function findSources(read: ReadRequest): Sources {
  const collects = read.request.deliveryMethod === 'CLICK_AND_COLLECT';
  const kind: ShipmentKind = collects ? 'transfer-to-store' : 'ship-to-customer';
  const mayShip = !collects || read.policy.allowTransferToPickupStore;
  const shippers: Candidate[] = [];
  let eligibleCount = 0;
  let inactive = 0;
  let doesNotShip = 0;
  read.request.locations.forEach((location, row) => {
    // Nothing ships from the pickup store to itself.
    if (row === read.pickupStoreRow) return;
    const reason = whyCannotShip(location);
    if (reason === 'inactive') inactive += 1;
    else if (reason === 'does-not-ship') doesNotShip += 1;
    else {
      eligibleCount += 1;
      if (mayShip && holdsAnyLine(read, row)) shippers.push(candidateAt(read, row, kind));
    }
  });
  const pickup =
    collects && read.pickupStoreRow !== undefined ? candidateAt(read, read.pickupStoreRow, 'pickup-in-store') : undefined;
  return { shippers, eligibleCount, skipped: { inactive, doesNotShip }, ...(pickup && { pickup }) };
}

/**
 * Checks a sourcing request and turns it into look-up tables. Every violation is reported at once,
 * as FieldErrors with stable codes, before any planning starts.
 */
import type { Coordinates } from '../../contracts/inventory';
import { storeDeliveryMethods } from '../../contracts/order';
import type { FieldError } from '../../contracts/problem';
import { InvalidSourcingRequest } from './errors';
import {
  defaultSourcingPolicy,
  shortfallPolicies,
  type SourcingLine,
  type SourcingLocation,
  type SourcingPolicy,
  type SourcingRequest,
} from './types';

export interface ReadRequest {
  readonly request: SourcingRequest;
  readonly policy: SourcingPolicy;
  readonly lines: readonly SourcingLine[];
  /** Where the goods end up: the customer's coordinates or the pickup store's. */
  readonly destination: Coordinates;
  readonly pickupStore?: SourcingLocation;
  /** The pickup store's index in request.locations. */
  readonly pickupStoreRow?: number;
  /** available[locationIndex * lines.length + lineIndex], locations in request order; 0 when no stock entry exists. */
  readonly available: Int32Array;
}

const calendarDate = /^(\d{4})-(\d{2})-(\d{2})$/;

/** YYYY-MM-DD that names a real day (Gregorian, leap years included). */
export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = calendarDate.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const daysInMonth = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  return daysInMonth !== undefined && day >= 1 && day <= daysInMonth;
}

const validCoordinates = (coordinates: Coordinates | undefined) =>
  coordinates !== undefined &&
  Number.isFinite(coordinates.lat) &&
  Number.isFinite(coordinates.lon) &&
  Math.abs(coordinates.lat) <= 90 &&
  Math.abs(coordinates.lon) <= 180;

export function readSourcingRequest(request: SourcingRequest): ReadRequest {
  const violations: FieldError[] = [];
  const add = (path: string, code: string, message: string) => violations.push({ path, code, message });

  const policy: SourcingPolicy = {
    maxShipments: request.policy?.maxShipments ?? defaultSourcingPolicy.maxShipments,
    shortfall: request.policy?.shortfall ?? defaultSourcingPolicy.shortfall,
    allowTransferToPickupStore: request.policy?.allowTransferToPickupStore ?? defaultSourcingPolicy.allowTransferToPickupStore,
  };
  if (!Number.isInteger(policy.maxShipments) || policy.maxShipments < 1) {
    add('policy.maxShipments', 'INVALID_MAX_SHIPMENTS', `maxShipments must be a whole number of at least 1, not ${policy.maxShipments}`);
  }
  if (!shortfallPolicies.includes(policy.shortfall)) {
    add('policy.shortfall', 'INVALID_SHORTFALL_POLICY', `shortfall must be one of ${shortfallPolicies.join(', ')}`);
  }
  const { costPerKm } = request.costModel;
  if (!Number.isFinite(costPerKm) || costPerKm < 0) {
    add('costModel.costPerKm', 'INVALID_COST_PER_KM', 'costPerKm must be a finite number of at least 0');
  }
  if (request.requestedBy !== undefined && !isCalendarDate(request.requestedBy)) {
    add('requestedBy', 'INVALID_DATE', `requestedBy must be a date YYYY-MM-DD, not ${request.requestedBy}`);
  }

  if (request.lines.length === 0) add('lines', 'NO_LINES', 'an order to source needs at least one line');
  const lineOfSku = new Map<string, number>();
  request.lines.forEach((line, index) => {
    if (!Number.isInteger(line.quantity) || line.quantity <= 0) {
      add(`lines[${index}].quantity`, 'NON_POSITIVE_QUANTITY', `lines[${index}] (${line.sku}) must ask for a whole number of units above 0, not ${line.quantity}`);
    }
    const firstIndex = lineOfSku.get(line.sku);
    if (firstIndex !== undefined) {
      add(`lines[${index}].sku`, 'DUPLICATE_SKU', `sku ${line.sku} is already on lines[${firstIndex}]; send one line per SKU with the summed quantity`);
    } else {
      lineOfSku.set(line.sku, index);
    }
  });

  const locationIndexOf = new Map<string, number>();
  request.locations.forEach((location, index) => {
    if (locationIndexOf.has(location.id)) {
      add(`locations[${index}].id`, 'DUPLICATE_LOCATION', `location ${location.id} is listed twice`);
    } else {
      locationIndexOf.set(location.id, index);
    }
    if (!Number.isInteger(location.shipmentCost) || location.shipmentCost < 0) {
      add(`locations[${index}].shipmentCost`, 'INVALID_SHIPMENT_COST', `location ${location.id} needs a shipmentCost of whole minor units, at least 0`);
    }
    if (!Number.isFinite(location.priority)) {
      add(`locations[${index}].priority`, 'INVALID_PRIORITY', `location ${location.id} needs a numeric priority`);
    }
    if (!validCoordinates(location.coordinates)) {
      add(`locations[${index}].coordinates`, 'INVALID_COORDINATES', `location ${location.id} needs lat within ±90 and lon within ±180`);
    }
  });

  let destination: Coordinates | undefined;
  let pickupStore: SourcingLocation | undefined;
  let pickupStoreRow: number | undefined;
  const method = request.deliveryMethod;
  if (storeDeliveryMethods.includes(method)) {
    if (!('pickupStoreId' in request.destination)) {
      add('destination.pickupStoreId', 'PICKUP_STORE_REQUIRED', `${method} is sourced to a store: give a pickupStoreId`);
    } else {
      const storeId = request.destination.pickupStoreId;
      const index = locationIndexOf.get(storeId);
      pickupStore = index === undefined ? undefined : request.locations[index];
      if (!pickupStore) {
        add('destination.pickupStoreId', 'UNKNOWN_PICKUP_STORE', `pickup store ${storeId} is not among the candidate locations`);
      } else if (!pickupStore.active || !pickupStore.capabilities.pickup) {
        add('destination.pickupStoreId', 'PICKUP_STORE_UNAVAILABLE', `${storeId} is ${pickupStore.active ? 'not a pickup point' : 'inactive'}, so customers cannot collect there`);
      } else {
        destination = pickupStore.coordinates;
        pickupStoreRow = index;
      }
    }
  } else if (!('coordinates' in request.destination)) {
    add('destination.coordinates', 'COORDINATES_REQUIRED', `${method} ships to the customer: give the destination coordinates`);
  } else if (!validCoordinates(request.destination.coordinates)) {
    add('destination.coordinates', 'INVALID_COORDINATES', 'the destination needs lat within ±90 and lon within ±180');
  } else {
    destination = request.destination.coordinates;
  }

  const lineCount = request.lines.length;
  const available = new Int32Array(request.locations.length * lineCount);
  const listed = new Uint8Array(available.length);
  request.stock.forEach((entry, index) => {
    if (!Number.isInteger(entry.available) || entry.available < 0) {
      add(`stock[${index}].available`, 'INVALID_AVAILABLE', `available for ${entry.sku} at ${entry.locationId} must be a whole number of at least 0`);
      return;
    }
    // Stock of other SKUs or of unlisted locations cannot serve this order; it is ignored, not rejected.
    const line = lineOfSku.get(entry.sku);
    if (line === undefined) return;
    const location = locationIndexOf.get(entry.locationId);
    if (location === undefined) return;
    const cell = location * lineCount + line;
    if (listed[cell] === 1) {
      add(`stock[${index}]`, 'DUPLICATE_STOCK', `${entry.sku} at ${entry.locationId} is listed twice`);
      return;
    }
    listed[cell] = 1;
    available[cell] = entry.available;
  });

  if (violations.length > 0 || destination === undefined) throw new InvalidSourcingRequest(violations);
  return {
    request,
    policy,
    lines: request.lines,
    destination,
    ...(pickupStore && { pickupStore, pickupStoreRow }),
    available,
  };
}

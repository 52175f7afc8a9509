/**
 * Available-to-promise: for each delivery method, can this cart be promised, from where, and by
 * when; and if not, from when (backorder / pre-order from incoming stock).
 *
 * Stock is read with strongly consistent reads, and a reservation lowers `available` in the same
 * write that holds the units, so an answer never promises units a committed reservation has taken.
 */
import type { Location, StockLevel } from '../contracts/inventory';
import type { DeliveryMethod } from '../contracts/order';
import { BusinessRuleViolation } from '../domain/errors';
import { backorderDate, promiseDate, promiseInputFor, type Destination, type PromiseDateInput } from '../domain/promise-dates';
import { planSourcing, type ShipmentKind, type SourcingPlan } from '../domain/sourcing';
import type { InventoryRepository } from '../ports/inventory-repository';

export interface AvailabilityQuery {
  readonly lines: readonly { readonly sku: string; readonly quantity: number }[];
  /** Where a parcel would go: enables HOME_DELIVERY and EXPRESS_DELIVERY. */
  readonly destination?: Destination;
  /** The store the customer would collect from: enables CLICK_AND_COLLECT and SHIP_TO_STORE. */
  readonly pickupStoreId?: string;
  readonly now: Date;
}

export interface PromisedShipment {
  readonly locationId: string;
  readonly kind: ShipmentKind;
  readonly lines: readonly { readonly sku: string; readonly quantity: number }[];
  readonly shipDate: string;
  /** Delivery date, or the day the order is ready for pickup in store. */
  readonly promiseDate: string;
}

export interface MethodAvailability {
  readonly deliveryMethod: DeliveryMethod;
  readonly promisable: boolean;
  /** The latest shipment's date: when the whole cart arrives (or is ready for pickup). */
  readonly promiseDate?: string;
  readonly shipments: readonly PromisedShipment[];
  /** When the cart could be promised from incoming stock, if it cannot be now. */
  readonly backorderDate?: string;
  readonly missing?: readonly { readonly sku: string; readonly quantity: number }[];
  readonly explanation: readonly string[];
}

export interface Availability {
  readonly methods: readonly MethodAvailability[];
}

/** Distance is cost: a kilometre costs as much as 2 minor units on top of each shipment's fixed cost. */
const costPerKm = 2;

export async function checkAvailability(query: AvailabilityQuery, deps: { inventory: InventoryRepository }): Promise<Availability> {
  const [locations, stock] = await Promise.all([
    deps.inventory.listLocations(),
    deps.inventory.stockOfSkus(query.lines.map((line) => line.sku)),
  ]);
  const byId = new Map(locations.map((location) => [location.id, location]));
  const pickupStore = query.pickupStoreId ? byId.get(query.pickupStoreId) : undefined;
  if (query.pickupStoreId && !pickupStore?.capabilities.pickup) {
    throw new BusinessRuleViolation('UNKNOWN_PICKUP_STORE', `${query.pickupStoreId} is not a store customers can collect from`, [
      { path: 'pickupStoreId', code: 'UNKNOWN_PICKUP_STORE', message: 'use the id of a location with pickup capability' },
    ]);
  }
  if (!query.destination && !pickupStore) {
    throw new BusinessRuleViolation('DESTINATION_REQUIRED', 'Say where the order would go: a destination, a pickupStoreId, or both', [
      { path: 'destination', code: 'DESTINATION_REQUIRED', message: 'give a destination or a pickupStoreId' },
    ]);
  }

  const methods: DeliveryMethod[] = [
    ...(query.destination ? (['HOME_DELIVERY', 'EXPRESS_DELIVERY'] as const) : []),
    ...(pickupStore ? (['CLICK_AND_COLLECT', 'SHIP_TO_STORE'] as const) : []),
  ];
  return {
    methods: methods.map((deliveryMethod) => availabilityFor(deliveryMethod, query, { locations, byId, stock, pickupStore })),
  };
}

interface Network {
  readonly locations: readonly Location[];
  readonly byId: ReadonlyMap<string, Location>;
  readonly stock: readonly StockLevel[];
  readonly pickupStore: Location | undefined;
}

function availabilityFor(deliveryMethod: DeliveryMethod, query: AvailabilityQuery, network: Network): MethodAvailability {
  // The promise-date rules already tell a pickup from the store's own stock from a transfer.
  const datesFrom = (location: Location, _kind: ShipmentKind) => promiseDate(promiseInput(deliveryMethod, location, query, network));
  const plan: SourcingPlan = planSourcing({
    lines: query.lines,
    deliveryMethod,
    destination: isStoreMethod(deliveryMethod)
      ? { pickupStoreId: (network.pickupStore as Location).id }
      : { coordinates: (query.destination as Destination).coordinates },
    locations: network.locations,
    stock: network.stock,
    costModel: { costPerKm },
    promiseDates: (locationId, kind) => {
      const location = network.byId.get(locationId);
      return location && datesFrom(location, kind).deliveryDate;
    },
    policy: { shortfall: 'reject' },
  });

  if (plan.outcome === 'complete') {
    const shipments = plan.shipments.map((shipment) => {
      const dates = datesFrom(network.byId.get(shipment.locationId) as Location, shipment.kind);
      return { locationId: shipment.locationId, kind: shipment.kind, lines: shipment.lines, shipDate: dates.shipDate, promiseDate: dates.deliveryDate };
    });
    const latest = shipments.map((shipment) => shipment.promiseDate).sort().at(-1);
    return { deliveryMethod, promisable: true, ...(latest && { promiseDate: latest }), shipments, explanation: plan.explanation };
  }

  const missing = (plan.shortfall ?? []).map((line) => ({ sku: line.sku, quantity: line.missing }));
  const fromIncoming = backorderDateFor(deliveryMethod, missing, query, network);
  return {
    deliveryMethod,
    promisable: false,
    shipments: [],
    missing,
    ...(fromIncoming && { backorderDate: fromIncoming }),
    explanation: [...plan.explanation, fromIncoming ? `Incoming stock covers the rest by ${fromIncoming}` : 'No incoming stock covers what is missing'],
  };
}

/**
 * The earliest date incoming stock covers every missing SKU: per SKU, the best single location's
 * incoming deliveries; for the cart, the latest of those. Undefined when some SKU is never covered.
 */
function backorderDateFor(
  deliveryMethod: DeliveryMethod,
  missing: readonly { sku: string; quantity: number }[],
  query: AvailabilityQuery,
  network: Network,
): string | undefined {
  if (missing.length === 0) return undefined;
  const perSku = missing.map(({ sku, quantity }) => {
    const dates = network.stock
      .filter((stock) => stock.sku === sku && stock.incoming.length > 0)
      .flatMap((stock) => {
        const location = network.byId.get(stock.locationId);
        if (!location || !location.active) return [];
        const dates = backorderDate({ ...promiseInput(deliveryMethod, location, query, network), incoming: stock.incoming, quantityNeeded: quantity });
        return dates ? [dates.deliveryDate] : [];
      })
      .sort();
    return dates[0];
  });
  if (perSku.some((date) => date === undefined)) return undefined;
  return (perSku as string[]).sort().at(-1);
}

const isStoreMethod = (method: DeliveryMethod) => method === 'CLICK_AND_COLLECT' || method === 'SHIP_TO_STORE';

function promiseInput(deliveryMethod: DeliveryMethod, location: Location, query: AvailabilityQuery, network: Network): PromiseDateInput {
  return promiseInputFor(deliveryMethod, location, { ...(query.destination && { destination: query.destination }), ...(network.pickupStore && { pickupStore: network.pickupStore }) }, query.now);
}

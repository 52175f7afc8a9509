/**
 * What the sourcing engine is asked and what it answers. The engine is pure: the caller loads
 * locations, stock and promise dates, and the engine decides where each unit ships from.
 */
import type { Coordinates, Location, StockLevel } from '../../contracts/inventory';
import type { DeliveryMethod } from '../../contracts/order';

/** The parts of a location that sourcing looks at; a full inventory Location fits. */
export type SourcingLocation = Pick<
  Location,
  'id' | 'type' | 'coordinates' | 'capabilities' | 'shipmentCost' | 'priority' | 'active'
>;

export interface SourcingLine {
  readonly sku: string;
  readonly quantity: number;
}

/**
 * What one location may give for one SKU. `available` is the caller's `availableQuantity(stock)`:
 * on hand minus reservations minus safety stock, so the engine respects safety stock simply because
 * it never offers more than `available`.
 */
export type StockAvailability = Pick<StockLevel, 'sku' | 'locationId' | 'available'>;

/** HOME_DELIVERY and EXPRESS_DELIVERY ship to coordinates; CLICK_AND_COLLECT and SHIP_TO_STORE to a store. */
export type SourcingDestination = { readonly coordinates: Coordinates } | { readonly pickupStoreId: string };

export const shortfallPolicies = ['reject', 'ship-available-backorder-rest', 'backorder-all'] as const;
export type ShortfallPolicy = (typeof shortfallPolicies)[number];

export interface SourcingPolicy {
  /**
   * Most shipments one order may be split into (splits + 1). Picking up the pickup store's own
   * stock moves nothing, so it is not a shipment and does not count.
   */
  readonly maxShipments: number;
  /** What happens when no plan within maxShipments covers every line. */
  readonly shortfall: ShortfallPolicy;
  /** CLICK_AND_COLLECT: may other locations send what the pickup store lacks? */
  readonly allowTransferToPickupStore: boolean;
}

export const defaultSourcingPolicy: SourcingPolicy = {
  maxShipments: 5,
  shortfall: 'reject',
  allowTransferToPickupStore: true,
};

export interface CostModel {
  /** Minor units per great-circle kilometre from the location to the destination. */
  readonly costPerKm: number;
}

export const shipmentKinds = ['ship-to-customer', 'pickup-in-store', 'transfer-to-store'] as const;
export type ShipmentKind = (typeof shipmentKinds)[number];

/**
 * Promise dates (YYYY-MM-DD) per location, computed by the caller (the ATP module). A function is
 * asked once per candidate location with the kind of shipment that location would send.
 */
export type PromiseDates = ReadonlyMap<string, string> | ((locationId: string, kind: ShipmentKind) => string | undefined);

export interface SourcingRequest {
  readonly lines: readonly SourcingLine[];
  readonly deliveryMethod: DeliveryMethod;
  readonly destination: SourcingDestination;
  /** Every location that might serve the order; ineligible ones are skipped with a reason. */
  readonly locations: readonly SourcingLocation[];
  /** Available quantity per (sku, location); a missing entry means nothing is available. */
  readonly stock: readonly StockAvailability[];
  readonly policy?: Partial<SourcingPolicy>;
  readonly costModel: CostModel;
  readonly promiseDates?: PromiseDates;
  /** YYYY-MM-DD. Shipments promised after it are late; without it no shipment is late. */
  readonly requestedBy?: string;
}

export interface PlannedLine {
  readonly sku: string;
  readonly quantity: number;
}

export interface PlannedShipment {
  readonly locationId: string;
  readonly kind: ShipmentKind;
  readonly lines: readonly PlannedLine[];
  /** Fixed cost of the shipment plus its distance cost, integer minor units; 0 for a pickup from the store's own stock. */
  readonly cost: number;
  /** Great-circle distance to the destination, rounded to 0.1 km (the cost uses the unrounded distance). */
  readonly distanceKm: number;
  readonly promiseDate?: string;
  /** Present when a requested-by date was given. */
  readonly late?: boolean;
}

export interface ShortfallLine {
  readonly sku: string;
  readonly requested: number;
  /** What the best plan within maxShipments could ship. */
  readonly shippable: number;
  readonly missing: number;
  /** insufficient-stock: all eligible locations together hold less; max-shipments: they hold enough, but not within maxShipments. */
  readonly reason: 'insufficient-stock' | 'max-shipments';
}

export type SourcingOutcome = 'complete' | 'partial' | 'backorder' | 'rejected';

export interface SourcingPlan {
  readonly outcome: SourcingOutcome;
  readonly shipments: readonly PlannedShipment[];
  readonly backorderedLines: readonly PlannedLine[];
  readonly totalCost: number;
  /** Only when the order cannot be covered completely: what is missing and why. */
  readonly shortfall?: readonly ShortfallLine[];
  /** Why this plan, in sentences a customer-service agent can read. */
  readonly explanation: readonly string[];
}

import type { Coordinates } from '../../../../shared/contracts/inventory';
import type { SourcingLocation, SourcingRequest, StockAvailability } from '../../../../shared/domain/sourcing';

/** Demo-network coordinates, so distances in explanations are the real ones. */
export const places = {
  leipzig: { lat: 51.3397, lon: 12.3731 },
  berlinMitte: { lat: 52.52, lon: 13.405 },
  hamburgHbf: { lat: 53.553, lon: 10.0069 },
  munich: { lat: 48.1351, lon: 11.582 },
  cologne: { lat: 50.9375, lon: 6.9603 },
} satisfies Record<string, Coordinates>;

export const warehouse = (id: string, coordinates: Coordinates, overrides: Partial<SourcingLocation> = {}): SourcingLocation => ({
  id,
  type: 'WAREHOUSE',
  coordinates,
  capabilities: { ship: true, pickup: false, shipFromStore: false },
  shipmentCost: 500,
  priority: 100,
  active: true,
  ...overrides,
});

/** A store customers collect from; it ships only with shipFromStore. */
export const store = (id: string, coordinates: Coordinates, overrides: Partial<SourcingLocation> = {}): SourcingLocation => ({
  id,
  type: 'STORE',
  coordinates,
  capabilities: { ship: false, pickup: true, shipFromStore: false },
  shipmentCost: 400,
  priority: 100,
  active: true,
  ...overrides,
});

export const shipFromStore = { ship: false, pickup: true, shipFromStore: true };

export const dropshipVendor = (id: string, coordinates: Coordinates, overrides: Partial<SourcingLocation> = {}): SourcingLocation => ({
  ...warehouse(id, coordinates),
  type: 'DROPSHIP_VENDOR',
  ...overrides,
});

/** Stock as `{ 'wh-leipzig': { 'HOODIE-GRY-L': 3 } }`. */
export function stockOf(table: Record<string, Record<string, number>>): StockAvailability[] {
  return Object.entries(table).flatMap(([locationId, skus]) =>
    Object.entries(skus).map(([sku, available]) => ({ sku, locationId, available })),
  );
}

export const berlinCustomer = { coordinates: places.berlinMitte };

/** A home delivery to Berlin with a cost of 1 per km, unless overridden. */
export function homeDelivery(overrides: Partial<SourcingRequest> & Pick<SourcingRequest, 'lines' | 'locations' | 'stock'>): SourcingRequest {
  return {
    deliveryMethod: 'HOME_DELIVERY',
    destination: berlinCustomer,
    costModel: { costPerKm: 1 },
    ...overrides,
  };
}

/** Shipments' location ids, in plan order. */
export const shippedFrom = (plan: { shipments: readonly { locationId: string }[] }) => plan.shipments.map((shipment) => shipment.locationId);

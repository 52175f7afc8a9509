/**
 * Which locations may send goods. The same rule serves every shipment that leaves a location:
 * parcels to customers (HOME_DELIVERY, EXPRESS_DELIVERY), customer parcels to a pickup store
 * (SHIP_TO_STORE) and transfers that restock the pickup store (CLICK_AND_COLLECT).
 */
import type { SourcingLocation } from './types';

export type ShippingIneligibility = 'inactive' | 'does-not-ship';

/**
 * Warehouses and dropship vendors ship when `capabilities.ship` is on. A store ships only when
 * ship-from-store is on: shipping from the shop floor is a separate business decision.
 */
export function whyCannotShip(location: SourcingLocation): ShippingIneligibility | undefined {
  if (!location.active) return 'inactive';
  const ships = location.type === 'STORE' ? location.capabilities.shipFromStore : location.capabilities.ship;
  return ships ? undefined : 'does-not-ship';
}

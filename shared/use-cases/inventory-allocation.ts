/**
 * The allocation port over the inventory: plan with the sourcing engine, then hold every unit of the
 * plan in one atomic reservation. If a concurrent order took the stock between the read and the
 * hold, plan again from fresh stock; the reservation itself can never oversell.
 */
import type { Coordinates, Location } from '../contracts/inventory';
import type { Order } from '../contracts/order';
import { approximateCoordinatesOf } from '../domain/country-centres';
import { BusinessRuleViolation } from '../domain/errors';
import { addDays, instantAtWallClock, promiseDate, promiseInputFor, type DeliveryTarget, type IsoDate } from '../domain/promise-dates';
import { planSourcing, type PlannedShipment, type PromiseDates, type SourcingDestination } from '../domain/sourcing';
import type { AllocatedShipment, Allocation, AllocationResult } from '../ports/allocation';
import type { InventoryRepository } from '../ports/inventory-repository';

/** How long held units stay held if the lifecycle never consumes or releases them. */
const reservationTtlMs = 7 * 24 * 60 * 60 * 1000;
const planAttempts = 3;
const costPerKm = 2;

export function inventoryAllocation({ inventory, now = () => new Date() }: { inventory: InventoryRepository; now?: () => Date }): Allocation {
  const allocateLines = async (
    order: Order,
    lines: readonly { sku: string; quantity: number }[],
    excludeLocationIds: readonly string[],
    allowPartial = false,
  ): Promise<AllocationResult> => {
    const destination = destinationOf(order);
    for (let attempt = 1; ; attempt++) {
      const [locations, stock] = await Promise.all([inventory.listLocations(), inventory.stockOfSkus(lines.map((line) => line.sku))]);
      const promiseDates = promiseDatesFor(order, destination, locations, now());
      const plan = planSourcing({
        lines,
        deliveryMethod: order.deliveryMethod,
        destination,
        locations: locations.filter((location) => !excludeLocationIds.includes(location.id)),
        stock,
        costModel: { costPerKm },
        promiseDates,
        policy: { shortfall: allowPartial ? 'ship-available-backorder-rest' : 'reject' },
      });
      const holdable = plan.outcome === 'complete' || (allowPartial && plan.outcome === 'partial' && plan.shipments.length > 0);
      if (!holdable) {
        return { allocated: false, shortfall: plan.shortfall ?? [], explanation: plan.explanation };
      }
      const held = await inventory.reserve(
        order.id,
        plan.shipments.flatMap((shipment) => shipment.lines.map((line) => ({ ...line, locationId: shipment.locationId }))),
        new Date(now().getTime() + reservationTtlMs),
      );
      if (held.reserved) {
        return { allocated: true, shipments: plan.shipments.map((shipment) => withPromisedBy(shipment, locations)), backorderedLines: plan.outcome === 'complete' ? [] : plan.backorderedLines, explanation: plan.explanation };
      }
      if (attempt >= planAttempts) {
        return {
          allocated: false,
          shortfall: held.shortfall.lines.map((line) => ({
            sku: line.sku,
            requested: line.quantity,
            shippable: line.available,
            missing: line.quantity - line.available,
            reason: 'insufficient-stock' as const,
          })),
          explanation: [...plan.explanation, `Concurrent orders took the stock ${attempt} times while this order was being held`],
        };
      }
    }
  };

  return {
    allocate: (order, request = {}) =>
      allocateLines(
        order,
        request.lines ?? order.lines.map((line) => ({ sku: line.sku, quantity: line.quantity })),
        request.excludeLocationIds ?? [],
        request.allowPartial ?? false,
      ),
    reallocate: async (order, lines, excludeLocationIds) => {
      const result = await allocateLines(order, lines, excludeLocationIds);
      // Once the lines are held elsewhere, the location that could not serve them gives its hold back.
      if (result.allocated) {
        await inventory.release(
          order.id,
          lines.flatMap((line) => excludeLocationIds.map((locationId) => ({ sku: line.sku, locationId }))),
        );
      }
      return result;
    },
    release: async (orderId, only) => {
      await inventory.release(orderId, only);
    },
    consume: async (orderId, only) => {
      await inventory.consume(orderId, only);
    },
  };
}

/**
 * The date each location could deliver by, released now: the shipment keeps it as the customer's
 * promise, the carrier booking picks the cheapest service that keeps it, and on-time delivery is
 * measured against it.
 */
function promiseDatesFor(order: Order, destination: SourcingDestination, locations: readonly Location[], now: Date): PromiseDates {
  const byId = new Map(locations.map((location) => [location.id, location]));
  const pickupStore = 'pickupStoreId' in destination ? byId.get(destination.pickupStoreId) : undefined;
  const target: DeliveryTarget = {
    ...('coordinates' in destination && order.shippingAddress && { destination: { coordinates: destination.coordinates, country: order.shippingAddress.country } }),
    ...(pickupStore && { pickupStore }),
  };
  const storeMethod = order.deliveryMethod === 'CLICK_AND_COLLECT' || order.deliveryMethod === 'SHIP_TO_STORE';
  const promisable = storeMethod ? target.pickupStore !== undefined : target.destination !== undefined;
  return (locationId) => {
    const location = byId.get(locationId);
    if (!location || !promisable) return undefined;
    return promiseDate(promiseInputFor(order.deliveryMethod, location, target, now)).deliveryDate;
  };
}

/**
 * The promise as an instant: the end of the promise date in the zone of the location the parcel
 * ships from, the calendar the date was counted in. Analytics judges a delivery on time against it.
 */
function withPromisedBy(shipment: PlannedShipment, locations: readonly Location[]): AllocatedShipment {
  const zone = locations.find((location) => location.id === shipment.locationId)?.cutoff.timeZone;
  if (shipment.promiseDate === undefined || zone === undefined) return shipment;
  return { ...shipment, promisedBy: instantAtWallClock(addDays(shipment.promiseDate as IsoDate, 1), '00:00', zone).toISOString() };
}

function destinationOf(order: Order): SourcingDestination {
  if (order.pickupStoreId) return { pickupStoreId: order.pickupStoreId };
  const address = order.shippingAddress;
  const coordinates: Coordinates | undefined = address?.coordinates ?? (address && approximateCoordinatesOf(address.country));
  if (!coordinates) {
    throw new BusinessRuleViolation('UNKNOWN_DESTINATION', `Order ${order.id} ships to ${address?.country ?? 'nowhere'}, which has no known location`, [
      { path: 'shippingAddress.coordinates', code: 'UNKNOWN_DESTINATION', message: 'send coordinates with the address' },
    ]);
  }
  return { coordinates };
}

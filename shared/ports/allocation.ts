import type { Order } from '../contracts/order';
import type { PlannedShipment, ShortfallLine } from '../domain/sourcing';

/** Where an order's units ship from, with every unit held for it. */
export interface Allocated {
  readonly allocated: true;
  readonly shipments: readonly PlannedShipment[];
  readonly explanation: readonly string[];
}

/** Why an order (or some of its lines) could not be held: what is missing and where nothing was found. */
export interface Shortfall {
  readonly allocated: false;
  readonly shortfall: readonly ShortfallLine[];
  readonly explanation: readonly string[];
}

export type AllocationResult = Allocated | Shortfall;

/**
 * The lifecycle's view of inventory: it never talks to stock records, only to this port.
 * Every operation is idempotent per order, so a retried Step Functions task is safe.
 */
export interface Allocation {
  /** Plans the cheapest plan with the fewest shipments and holds every unit of it, or none. */
  allocate(order: Order): Promise<AllocationResult>;
  /**
   * Sources `lines` again, away from `excludeLocationIds` (e.g. a warehouse that rejected them);
   * once they are held elsewhere, the excluded locations' holds on those lines are given back.
   */
  reallocate(order: Order, lines: readonly { sku: string; quantity: number }[], excludeLocationIds: readonly string[]): Promise<AllocationResult>;
  /** Gives back what the order holds (cancellation, expiry, payment declined). */
  release(orderId: string): Promise<void>;
  /** The order's held units have shipped. */
  consume(orderId: string): Promise<void>;
}

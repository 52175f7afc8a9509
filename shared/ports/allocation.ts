import type { Order } from '../contracts/order';
import type { PlannedShipment, ShortfallLine } from '../domain/sourcing';

/** A planned shipment with its promise as an instant: the end of its promise date where it ships from. */
export type AllocatedShipment = PlannedShipment & { readonly promisedBy?: string };

/** Where an order's units ship from, with every unit held for it. */
export interface Allocated {
  readonly allocated: true;
  readonly shipments: readonly AllocatedShipment[];
  /** With `allowPartial`: what could not be held now and waits for stock; otherwise empty. */
  readonly backorderedLines: readonly { readonly sku: string; readonly quantity: number }[];
  readonly explanation: readonly string[];
}

export interface AllocationRequest {
  /** Only these units (default: every line of the order). */
  readonly lines?: readonly { readonly sku: string; readonly quantity: number }[];
  /** Locations not to ask (e.g. they rejected these lines before). */
  readonly excludeLocationIds?: readonly string[];
  /** Hold what is available now and report the rest as backordered, instead of all or nothing. */
  readonly allowPartial?: boolean;
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
  /** Plans the cheapest plan with the fewest shipments and holds every unit of it, or none (unless `allowPartial`). */
  allocate(order: Order, request?: AllocationRequest): Promise<AllocationResult>;
  /**
   * Sources `lines` again, away from `excludeLocationIds` (e.g. a warehouse that rejected them);
   * once they are held elsewhere, the excluded locations' holds on those lines are given back.
   */
  reallocate(order: Order, lines: readonly { sku: string; quantity: number }[], excludeLocationIds: readonly string[]): Promise<AllocationResult>;
  /** Gives back what the order holds (cancellation, expiry, payment declined), or only the given lines. */
  release(orderId: string, only?: readonly { readonly sku: string; readonly locationId: string }[]): Promise<void>;
  /** The order's held units have shipped (all, or only the given lines: one shipment). */
  consume(orderId: string, only?: readonly { readonly sku: string; readonly locationId: string }[]): Promise<void>;
}

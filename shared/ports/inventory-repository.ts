import type { Location, StockLevel } from '../contracts/inventory';

export interface ReservationLine {
  readonly sku: string;
  readonly locationId: string;
  readonly quantity: number;
}

export type ReservationStatus = 'HELD' | 'RELEASED' | 'CONSUMED';

/** One line of the reservation ledger: every unit ever held, with what became of it. */
export interface ReservationRecord extends ReservationLine {
  readonly orderId: string;
  readonly status: ReservationStatus;
  readonly createdAt: string;
  readonly expiresAt: string;
  readonly updatedAt: string;
}

/** The lines that could not be held, with how many units each location had left. */
export interface StockShortfall {
  readonly lines: readonly (ReservationLine & { readonly available: number })[];
}

export type ReserveResult = { readonly reserved: true } | { readonly reserved: false; readonly shortfall: StockShortfall };

export interface StockAdjustment {
  /** The sender's id for this adjustment: a replay with the same numbers is a no-op. */
  readonly adjustmentId: string;
  readonly sku: string;
  readonly locationId: string;
  /** Units added (positive) or removed (negative) from on-hand. */
  readonly delta: number;
  readonly reason: string;
}

export type AdjustResult =
  | { readonly applied: true; readonly stock: StockLevel }
  | { readonly applied: false; readonly reason: 'replayed'; readonly stock: StockLevel | undefined }
  | { readonly applied: false; readonly reason: 'replayed-with-different-values' | 'would-go-below-reserved' };

export interface InventoryRepository {
  saveLocation(location: Location): Promise<void>;
  getLocation(locationId: string): Promise<Location | undefined>;
  listLocations(): Promise<Location[]>;

  getStock(sku: string, locationId: string): Promise<StockLevel | undefined>;
  /** Every location's stock of each SKU (what sourcing needs). */
  stockOfSkus(skus: readonly string[]): Promise<StockLevel[]>;
  /** Creates or replaces the stock record's settings (safety stock, threshold, incoming); keeps reservations. */
  initializeStock(stock: Pick<StockLevel, 'sku' | 'locationId' | 'onHand' | 'safetyStock' | 'incoming'> & { lowStockThreshold?: number }): Promise<void>;
  adjust(adjustment: StockAdjustment): Promise<AdjustResult>;

  /** Holds every line or none. Holding again what this order already holds is a no-op. */
  reserve(orderId: string, lines: readonly ReservationLine[], expiresAt: Date): Promise<ReserveResult>;
  /** Gives back what the order still holds (cancel, expiry), or only the given lines (re-sourcing). */
  release(orderId: string, only?: readonly Pick<ReservationLine, 'sku' | 'locationId'>[]): Promise<ReservationRecord[]>;
  /** Turns held units into shipped ones: on-hand and reserved both go down. */
  consume(orderId: string, only?: readonly Pick<ReservationLine, 'sku' | 'locationId'>[]): Promise<ReservationRecord[]>;
  reservationsOf(orderId: string): Promise<ReservationRecord[]>;
}

/**
 * The reservation sweeper's view of the ledger: holds that outlived their expiry, and releasing one
 * of them exactly once, whatever else (a cancellation, a shipment, another sweep) settles it meanwhile.
 */
export interface ExpiredHolds {
  /**
   * HELD lines whose expiry is at or before `asOf`, oldest first, at most `limit`. Read from an
   * eventually consistent index: a line may have been settled or held again since.
   */
  expiredHolds(asOf: Date, limit: number): Promise<ReservationRecord[]>;
  /**
   * Gives the hold's units back if the line is still this hold (HELD, same quantity and expiry) and
   * expired at `asOf`. False when someone settled or re-held it first: nothing changed.
   */
  releaseExpiredHold(hold: ReservationRecord, asOf: Date): Promise<boolean>;
}

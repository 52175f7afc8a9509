import type { StockAdjustmentRequest, StockLevel } from '../contracts/inventory';
import { ConflictError } from '../domain/errors';
import type { InventoryRepository } from '../ports/inventory-repository';
import { requireKnownLocation } from './known-location';

export interface AdjustStockResult {
  readonly stock: StockLevel;
  /** False when this adjustmentId had already been applied with the same numbers (a retry): 200, not 201. */
  readonly applied: boolean;
}

/**
 * Adds units to or removes units from a location's on-hand stock, exactly once per adjustmentId.
 * Units reserved for orders or held back as safety stock cannot be adjusted away, and a refused
 * adjustment changes nothing.
 */
export async function adjustStock(
  adjustment: StockAdjustmentRequest,
  deps: { inventory: Pick<InventoryRepository, 'getLocation' | 'getStock' | 'adjust'> },
): Promise<AdjustStockResult> {
  const { adjustmentId, sku, locationId, delta } = adjustment;
  await requireKnownLocation(locationId, deps.inventory);

  const result = await deps.inventory.adjust(adjustment);
  if (result.applied) return { stock: result.stock, applied: true };

  switch (result.reason) {
    case 'replayed': {
      if (!result.stock) throw new Error(`Adjustment ${adjustmentId} was applied, but the stock of ${sku} at ${locationId} is missing`);
      return { stock: result.stock, applied: false };
    }
    case 'replayed-with-different-values':
      throw new ConflictError(
        'ADJUSTMENT_REPLAYED_WITH_DIFFERENT_VALUES',
        `Adjustment ${adjustmentId} was already applied with a different SKU, location or delta; send a new adjustment under a new adjustmentId`,
        [{ path: 'adjustmentId', code: 'ADJUSTMENT_REPLAYED_WITH_DIFFERENT_VALUES', message: `adjustment ${adjustmentId} was applied with other values` }],
      );
    case 'would-go-below-reserved': {
      const removable = (await deps.inventory.getStock(sku, locationId))?.available ?? 0;
      throw new ConflictError(
        'INSUFFICIENT_AVAILABLE_STOCK',
        `Only ${removable} units of ${sku} at ${locationId} can be removed; the rest are reserved for orders or held as safety stock`,
        [{ path: 'delta', code: 'INSUFFICIENT_AVAILABLE_STOCK', message: `cannot remove ${-delta} units; ${removable} are available` }],
      );
    }
  }
}

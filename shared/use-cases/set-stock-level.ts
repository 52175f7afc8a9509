import type { SetStockLevelRequest, StockLevel } from '../contracts/inventory';
import type { InventoryRepository } from '../ports/inventory-repository';
import { requireKnownLocation } from './known-location';

export interface SetStockLevelCommand extends SetStockLevelRequest {
  readonly sku: string;
  readonly locationId: string;
}

/**
 * Sets a SKU's stock at a location from a count, as absolute numbers: on-hand, safety stock, the
 * low-stock threshold and the incoming deliveries (left out: none). Units already reserved for
 * orders stay reserved; if the count finds fewer units than that, nothing is available until more arrive.
 */
export async function setStockLevel(
  command: SetStockLevelCommand,
  deps: { inventory: Pick<InventoryRepository, 'getLocation' | 'initializeStock' | 'getStock'> },
): Promise<StockLevel> {
  const { sku, locationId, onHand, safetyStock, lowStockThreshold, incoming = [] } = command;
  await requireKnownLocation(locationId, deps.inventory);
  await deps.inventory.initializeStock({ sku, locationId, onHand, safetyStock, incoming, ...(lowStockThreshold !== undefined && { lowStockThreshold }) });
  const stock = await deps.inventory.getStock(sku, locationId);
  if (!stock) throw new Error(`The stock of ${sku} at ${locationId} was written but cannot be read back`);
  return stock;
}

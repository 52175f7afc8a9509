import type { StockLevel, StockList, StockQuery } from '../contracts/inventory';
import type { InventoryRepository } from '../ports/inventory-repository';
import { requireKnownLocation } from './known-location';

const byLocation = (a: StockLevel, b: StockLevel) => (a.locationId < b.locationId ? -1 : a.locationId > b.locationId ? 1 : 0);

/**
 * A SKU's stock at every location that has a record of it, or at one location. A SKU stocked
 * nowhere is simply an empty list: there is no SKU catalogue to be unknown to.
 */
export async function getStock(
  query: StockQuery,
  deps: { inventory: Pick<InventoryRepository, 'getLocation' | 'getStock' | 'stockOfSkus'> },
): Promise<StockList> {
  if (query.locationId === undefined) {
    return { items: (await deps.inventory.stockOfSkus([query.sku])).sort(byLocation) };
  }
  await requireKnownLocation(query.locationId, deps.inventory);
  const stock = await deps.inventory.getStock(query.sku, query.locationId);
  return { items: stock ? [stock] : [] };
}

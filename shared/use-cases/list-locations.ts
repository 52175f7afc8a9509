import type { LocationList } from '../contracts/inventory';
import type { InventoryRepository } from '../ports/inventory-repository';

/** Every location of the network, ordered by id. A network has tens to hundreds, so there is one page. */
export async function listLocations(deps: { inventory: Pick<InventoryRepository, 'listLocations'> }): Promise<LocationList> {
  const locations = await deps.inventory.listLocations();
  return { items: locations.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)) };
}

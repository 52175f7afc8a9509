import type { Location } from '../contracts/inventory';
import { NotFoundError } from '../domain/errors';
import type { InventoryRepository } from '../ports/inventory-repository';

/** One location of the network; locations are shared by every channel. */
export async function getLocation(query: { id: string }, deps: { inventory: Pick<InventoryRepository, 'getLocation'> }): Promise<Location> {
  const location = await deps.inventory.getLocation(query.id);
  if (!location) throw new NotFoundError('LOCATION_NOT_FOUND', `Location ${query.id} does not exist`);
  return location;
}

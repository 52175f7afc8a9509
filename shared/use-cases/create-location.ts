import type { CreateLocationRequest, Location } from '../contracts/inventory';
import { ConflictError } from '../domain/errors';

export interface CreateLocationDependencies {
  /** Writes only when the id is free (see DynamoDbInventoryRepository.createLocation). */
  readonly locations: { createLocation(location: Location): Promise<'created' | 'exists'> };
  readonly now: () => Date;
}

/** Adds a location to the network under the id the caller chose; an id is never taken twice. */
export async function createLocation(request: CreateLocationRequest, deps: CreateLocationDependencies): Promise<Location> {
  const location: Location = { ...request, version: 1, updatedAt: deps.now().toISOString() };
  if ((await deps.locations.createLocation(location)) === 'exists') {
    throw new ConflictError('LOCATION_EXISTS', `Location ${request.id} already exists; change it with PUT /locations/${request.id}`, [
      { path: 'id', code: 'LOCATION_EXISTS', message: `location ${request.id} already exists` },
    ]);
  }
  return location;
}

import type { Location } from '../contracts/inventory';
import { NotFoundError, PreconditionFailedError } from '../domain/errors';

export interface ReplaceLocationCommand {
  readonly id: string;
  readonly settings: Omit<Location, 'id' | 'version' | 'updatedAt'>;
  /** The version the caller read (If-Match); the replacement applies only while it is still current. */
  readonly expectedVersion: number;
}

export interface ReplaceLocationDependencies {
  readonly locations: {
    getLocation(locationId: string): Promise<Location | undefined>;
    /** Writes only while the stored version is `expectedVersion` (see DynamoDbInventoryRepository.replaceLocation). */
    replaceLocation(location: Location, expectedVersion: number): Promise<'replaced' | 'version-mismatch'>;
  };
  readonly now: () => Date;
}

const stale = (id: string, expectedVersion: number, currentVersion: number | undefined) =>
  new PreconditionFailedError(
    'VERSION_MISMATCH',
    `Location ${id} is at version ${currentVersion ?? 'unknown'}, not ${expectedVersion}: read it again and apply your change to the current version`,
    [{ path: 'if-match', code: 'VERSION_MISMATCH', message: `the current ETag is "${currentVersion ?? ''}"` }],
  );

/**
 * Replaces a location's settings as a whole. Optimistic locking: a change made by someone else
 * since the caller read the location is never overwritten.
 */
export async function replaceLocation(command: ReplaceLocationCommand, deps: ReplaceLocationDependencies): Promise<Location> {
  const { id, settings, expectedVersion } = command;
  const current = await deps.locations.getLocation(id);
  if (!current) throw new NotFoundError('LOCATION_NOT_FOUND', `Location ${id} does not exist; create it with POST /locations`);
  if (current.version !== expectedVersion) throw stale(id, expectedVersion, current.version);

  const next: Location = { ...settings, id, version: current.version + 1, updatedAt: deps.now().toISOString() };
  if ((await deps.locations.replaceLocation(next, expectedVersion)) === 'version-mismatch') {
    // Someone else changed it between our read and our write.
    throw stale(id, expectedVersion, (await deps.locations.getLocation(id))?.version);
  }
  return next;
}

import type { Location } from '../contracts/inventory';
import { BusinessRuleViolation } from '../domain/errors';

/**
 * Stock lives at a location of the network: a location id the network does not know is a broken
 * rule (422), reported at the request field that named it.
 */
export async function requireKnownLocation(
  locationId: string,
  deps: { getLocation(locationId: string): Promise<Location | undefined> },
  path = 'locationId',
): Promise<Location> {
  const location = await deps.getLocation(locationId);
  if (!location) {
    const message = `Location ${locationId} is not part of the network; create it with POST /locations first`;
    throw new BusinessRuleViolation('UNKNOWN_LOCATION', message, [{ path, code: 'UNKNOWN_LOCATION', message: `no location ${locationId}` }]);
  }
  return location;
}

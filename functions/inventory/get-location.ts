import { authenticateApiKey, inventory } from '../../shared/composition/inventory-context';
import { LocationIdPathSchema, locationEtag } from '../../shared/contracts/inventory';
import { apiHandler } from '../../shared/http/api-handler';
import { getLocation } from '../../shared/use-cases/get-location';

export const handler = apiHandler({ authenticate: authenticateApiKey, requiredScope: 'inventory:read', path: LocationIdPathSchema }, async ({ path }) => {
  const location = await getLocation({ id: path.id }, { inventory });
  return { status: 200, body: location, headers: { etag: locationEtag(location) } };
});

import { authenticateApiKey, inventory, now } from '../../shared/composition/inventory-context';
import { CreateLocationRequestSchema, locationEtag, locationLimits, serverOwnedLocationFields } from '../../shared/contracts/inventory';
import { apiHandler } from '../../shared/http/api-handler';
import { createLocation } from '../../shared/use-cases/create-location';

export const handler = apiHandler(
  {
    authenticate: authenticateApiKey,
    requiredScope: 'inventory:write',
    body: { schema: CreateLocationRequestSchema, maxBytes: locationLimits.maxBodyBytes, readOnlyFields: serverOwnedLocationFields },
  },
  async ({ body }) => {
    const location = await createLocation(body, { locations: inventory, now });
    return { status: 201, body: location, headers: { location: `/locations/${encodeURIComponent(location.id)}`, etag: locationEtag(location) } };
  },
);

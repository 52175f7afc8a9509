import { authenticateApiKey, inventory, now } from '../../shared/composition/inventory-context';
import { LocationIdPathSchema, LocationInputSchema, locationEtag, locationLimits, serverOwnedLocationFields } from '../../shared/contracts/inventory';
import { apiHandler } from '../../shared/http/api-handler';
import { expectedVersionOf } from '../../shared/http/conditional-request';
import { replaceLocation } from '../../shared/use-cases/replace-location';

export const handler = apiHandler(
  {
    authenticate: authenticateApiKey,
    requiredScope: 'inventory:write',
    path: LocationIdPathSchema,
    body: { schema: LocationInputSchema, maxBytes: locationLimits.maxBodyBytes, readOnlyFields: ['id', ...serverOwnedLocationFields] },
  },
  async ({ path, body, headers }) => {
    const location = await replaceLocation({ id: path.id, settings: body, expectedVersion: expectedVersionOf(headers) }, { locations: inventory, now });
    return { status: 200, body: location, headers: { etag: locationEtag(location) } };
  },
);

import { authenticateApiKey, inventory } from '../../shared/composition/inventory-context';
import { apiHandler } from '../../shared/http/api-handler';
import { listLocations } from '../../shared/use-cases/list-locations';

export const handler = apiHandler({ authenticate: authenticateApiKey, requiredScope: 'inventory:read' }, async () => ({
  status: 200,
  body: await listLocations({ inventory }),
}));

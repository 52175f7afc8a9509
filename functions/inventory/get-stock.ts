import { authenticateApiKey, inventory } from '../../shared/composition/inventory-context';
import { StockQuerySchema } from '../../shared/contracts/inventory';
import { apiHandler } from '../../shared/http/api-handler';
import { getStock } from '../../shared/use-cases/get-stock';

export const handler = apiHandler({ authenticate: authenticateApiKey, requiredScope: 'inventory:read', query: StockQuerySchema }, async ({ query }) => ({
  status: 200,
  body: await getStock(query, { inventory }),
}));

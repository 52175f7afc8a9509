import { authenticateApiKey, inventory } from '../../shared/composition/inventory-context';
import { apiHandler } from '../../shared/http/api-handler';
import { stockImportBody } from '../../shared/http/stock-import-body';
import { importStock } from '../../shared/use-cases/import-stock';

export const handler = apiHandler({ authenticate: authenticateApiKey, requiredScope: 'inventory:write', body: stockImportBody }, async ({ body }) => ({
  status: 200,
  body: await importStock(body, { inventory }),
}));

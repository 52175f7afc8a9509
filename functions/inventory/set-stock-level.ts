import { authenticateApiKey, inventory } from '../../shared/composition/inventory-context';
import { SetStockLevelRequestSchema, StockLevelPathSchema, stockLimits } from '../../shared/contracts/inventory';
import { apiHandler } from '../../shared/http/api-handler';
import { setStockLevel } from '../../shared/use-cases/set-stock-level';

export const handler = apiHandler(
  {
    authenticate: authenticateApiKey,
    requiredScope: 'inventory:write',
    path: StockLevelPathSchema,
    body: { schema: SetStockLevelRequestSchema, maxBytes: stockLimits.maxBodyBytes },
  },
  async ({ path, body }) => ({ status: 200, body: await setStockLevel({ ...path, ...body }, { inventory }) }),
);

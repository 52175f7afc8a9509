import { authenticateApiKey, inventory } from '../../shared/composition/inventory-context';
import { StockAdjustmentRequestSchema, stockLimits } from '../../shared/contracts/inventory';
import { apiHandler } from '../../shared/http/api-handler';
import { adjustStock } from '../../shared/use-cases/adjust-stock';

export const handler = apiHandler(
  { authenticate: authenticateApiKey, requiredScope: 'inventory:write', body: { schema: StockAdjustmentRequestSchema, maxBytes: stockLimits.maxBodyBytes } },
  async ({ body }) => {
    const { stock, applied } = await adjustStock(body, { inventory });
    return { status: applied ? 201 : 200, body: stock };
  },
);

import { authenticateApiKey, partnerEvents, returns } from '../../shared/composition/return-context';
import { ReturnReceiptSchema } from '../../shared/contracts/returns';
import { apiHandler } from '../../shared/http/api-handler';
import { logger } from '../../shared/observability/powertools';
import { receiveReturn } from '../../shared/use-cases/returns/receive-return';

/** The receiving warehouse or store reports what arrived and how each line was judged. */
export const handler = apiHandler(
  { authenticate: authenticateApiKey, requiredScope: 'integrations:wms', body: { schema: ReturnReceiptSchema, maxBytes: 64 * 1024 } },
  async ({ body }) => ({ status: 200, body: await receiveReturn(body, { ...returns, partnerEvents, logger }) }),
);

import { authenticateApiKey, now, orders, queues } from '../../shared/composition/ops-orders-context';
import { OpsOrdersQuerySchema } from '../../shared/contracts/ops';
import { apiHandler } from '../../shared/http/api-handler';
import { listOrdersAcrossChannels } from '../../shared/use-cases/ops/list-orders-across-channels';

/** GET /ops/orders: orders of every channel (or of one), newest first. */
export const handler = apiHandler({ authenticate: authenticateApiKey, requiredScope: 'ops', query: OpsOrdersQuerySchema }, async ({ query }) => ({
  status: 200,
  body: await listOrdersAcrossChannels(query, { orders, queues, now }),
}));

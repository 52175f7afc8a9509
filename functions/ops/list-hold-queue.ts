import { authenticateApiKey, orders, queues } from '../../shared/composition/ops-orders-context';
import { OpsPageQuerySchema } from '../../shared/contracts/ops';
import { apiHandler } from '../../shared/http/api-handler';
import { listHoldQueue } from '../../shared/use-cases/ops/list-hold-queue';

/** GET /ops/hold-queue: held orders of every channel waiting for a risk review, oldest first. */
export const handler = apiHandler({ authenticate: authenticateApiKey, requiredScope: 'ops', query: OpsPageQuerySchema }, async ({ query }) => ({
  status: 200,
  body: await listHoldQueue(query, { orders, queues }),
}));

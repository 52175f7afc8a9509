import { authenticateApiKey, orders, queues } from '../../shared/composition/ops-orders-context';
import { OpsPageQuerySchema } from '../../shared/contracts/ops';
import { apiHandler } from '../../shared/http/api-handler';
import { listEscalations } from '../../shared/use-cases/ops/list-escalations';

/** GET /ops/escalations: orders of every channel customer service escalated, oldest first. */
export const handler = apiHandler({ authenticate: authenticateApiKey, requiredScope: 'ops', query: OpsPageQuerySchema }, async ({ query }) => ({
  status: 200,
  body: await listEscalations(query, { orders, queues }),
}));

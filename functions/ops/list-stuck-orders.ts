import { authenticateApiKey, now, orders, queues, serviceLevels, waits } from '../../shared/composition/ops-orders-context';
import { executions } from '../../shared/composition/ops-executions-context';
import { StuckOrdersQuerySchema } from '../../shared/contracts/ops';
import { apiHandler } from '../../shared/http/api-handler';
import { listStuckOrders } from '../../shared/use-cases/ops/list-stuck-orders';

/** GET /ops/stuck-orders: open orders of every channel idle past their status's service level. */
export const handler = apiHandler({ authenticate: authenticateApiKey, requiredScope: 'ops', query: StuckOrdersQuerySchema }, async ({ query }) => ({
  status: 200,
  body: await listStuckOrders(query, { orders, queues, waits, executions, serviceLevels, now }),
}));

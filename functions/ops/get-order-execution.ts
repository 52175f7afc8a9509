import { authenticateApiKey, executionViews } from '../../shared/composition/ops-console-context';
import { OrderExecutionPathSchema, OrderExecutionQuerySchema } from '../../shared/contracts/ops-console';
import { apiHandler } from '../../shared/http/api-handler';
import { getOrderExecution } from '../../shared/use-cases/ops/get-order-execution';

/** Ops keys read every channel's executions, so the order is not checked against the key's channel. */
export const handler = apiHandler(
  { authenticate: authenticateApiKey, requiredScope: 'ops', path: OrderExecutionPathSchema, query: OrderExecutionQuerySchema },
  async ({ path, query }) => ({
    status: 200,
    body: await getOrderExecution({ orderId: path.id, events: query.events }, executionViews),
  }),
);

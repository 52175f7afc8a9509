import { authenticateApiKey, executions } from '../../shared/composition/ops-executions-context';
import { ExecutionsQuerySchema } from '../../shared/contracts/ops';
import { apiHandler } from '../../shared/http/api-handler';
import { listStoppedExecutions } from '../../shared/use-cases/ops/executions';

/** GET /ops/executions: lifecycle or return executions that failed, timed out or were aborted. */
export const handler = apiHandler({ authenticate: authenticateApiKey, requiredScope: 'ops', query: ExecutionsQuerySchema }, async ({ query }) => ({
  status: 200,
  body: await listStoppedExecutions(query, { executions }),
}));

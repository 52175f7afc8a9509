import { authenticateApiKey, executions } from '../../shared/composition/ops-executions-context';
import { ExecutionPathSchema, RedriveExecutionQuerySchema } from '../../shared/contracts/ops';
import { apiHandler } from '../../shared/http/api-handler';
import { redriveExecution } from '../../shared/use-cases/ops/executions';

/** POST /ops/executions/{executionName}/redrive: runs a stopped execution again from where it stopped. */
export const handler = apiHandler(
  { authenticate: authenticateApiKey, requiredScope: 'ops', path: ExecutionPathSchema, query: RedriveExecutionQuerySchema },
  async ({ path, query }) => ({
    status: 202,
    body: await redriveExecution({ executionName: path.executionName, ...(query.stateMachine && { stateMachine: query.stateMachine }) }, { executions }),
  }),
);

import { authenticateApiKey, deliveries, integrationDeadLetters, webhookDeadLetters } from '../../shared/composition/ops-dead-letters-context';
import { DeadLettersQuerySchema } from '../../shared/contracts/ops';
import { apiHandler } from '../../shared/http/api-handler';
import { listDeadLetters } from '../../shared/use-cases/ops/dead-letters';

/** GET /ops/dead-letters: events rule targets could not take, and partner webhook deliveries out of retries. */
export const handler = apiHandler({ authenticate: authenticateApiKey, requiredScope: 'ops', query: DeadLettersQuerySchema }, async ({ query }) => ({
  status: 200,
  body: await listDeadLetters(query, { integrationDeadLetters, webhookDeadLetters, deliveries }),
}));

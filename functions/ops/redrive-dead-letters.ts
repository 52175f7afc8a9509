import { authenticateApiKey, bus, deliveries, integrationDeadLetters, now, subscriptions, webhookDeadLetters } from '../../shared/composition/ops-dead-letters-context';
import { opsApiLimits, RedriveDeadLettersRequestSchema } from '../../shared/contracts/ops';
import { apiHandler } from '../../shared/http/api-handler';
import { redriveDeadLetters } from '../../shared/use-cases/ops/dead-letters';

/** POST /ops/dead-letters/redrive: the named dead letters (or every one, 100 of each source a call) are delivered again. */
export const handler = apiHandler(
  { authenticate: authenticateApiKey, requiredScope: 'ops', body: { schema: RedriveDeadLettersRequestSchema, maxBytes: opsApiLimits.maxBodyBytes } },
  async ({ body }) => ({
    status: 200,
    body: await redriveDeadLetters(body, { integrationDeadLetters, bus, webhookDeadLetters, subscriptions, deliveries, now }),
  }),
);

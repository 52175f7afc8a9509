import { authenticateApiKey } from '../../shared/composition/channel-authentication';
import { lifecycle, partnerEvents } from '../../shared/composition/lifecycle-context';
import { PaymentEventSchema, lifecycleApiLimits } from '../../shared/contracts/lifecycle-api';
import { apiHandler } from '../../shared/http/api-handler';
import { logger } from '../../shared/observability/powertools';
import { applyPaymentEvent } from '../../shared/use-cases/lifecycle/apply-payment-event';

/** The payment provider works for every channel: its key's channel does not limit which orders it reports on. */
export const handler = apiHandler(
  { authenticate: authenticateApiKey, requiredScope: 'integrations:payments', body: { schema: PaymentEventSchema, maxBytes: lifecycleApiLimits.maxBodyBytes } },
  async ({ body }) => ({ status: 200, body: await applyPaymentEvent(body, { ...lifecycle, partnerEvents, logger }) }),
);

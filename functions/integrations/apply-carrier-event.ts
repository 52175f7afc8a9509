import { authenticateApiKey } from '../../shared/composition/channel-authentication';
import { lifecycle, partnerEvents } from '../../shared/composition/lifecycle-context';
import { CarrierEventSchema, lifecycleApiLimits } from '../../shared/contracts/lifecycle-api';
import { apiHandler } from '../../shared/http/api-handler';
import { logger } from '../../shared/observability/powertools';
import { applyCarrierEvent } from '../../shared/use-cases/lifecycle/apply-carrier-event';

/** The carrier works for every channel: its key's channel does not limit which shipments it reports on. */
export const handler = apiHandler(
  { authenticate: authenticateApiKey, requiredScope: 'integrations:carrier', body: { schema: CarrierEventSchema, maxBytes: lifecycleApiLimits.maxBodyBytes } },
  async ({ body }) => ({ status: 200, body: await applyCarrierEvent(body, { ...lifecycle, partnerEvents, logger }) }),
);

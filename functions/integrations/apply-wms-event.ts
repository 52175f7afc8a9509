import { authenticateApiKey } from '../../shared/composition/channel-authentication';
import { lifecycle, partnerEvents } from '../../shared/composition/lifecycle-context';
import { lifecycleApiLimits, WmsEventSchema } from '../../shared/contracts/lifecycle-api';
import { apiHandler } from '../../shared/http/api-handler';
import { logger } from '../../shared/observability/powertools';
import { applyWmsEvent } from '../../shared/use-cases/lifecycle/apply-wms-event';

/** The WMS works for every channel: its key's channel does not limit which shipments it reports on. */
export const handler = apiHandler(
  { authenticate: authenticateApiKey, requiredScope: 'integrations:wms', body: { schema: WmsEventSchema, maxBytes: lifecycleApiLimits.maxBodyBytes } },
  async ({ body }) => ({ status: 200, body: await applyWmsEvent(body, { ...lifecycle, partnerEvents, logger }) }),
);

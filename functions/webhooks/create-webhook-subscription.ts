import { authenticateApiKey, webhooks } from '../../shared/composition/webhook-context';
import { CreateWebhookSubscriptionRequestSchema, webhookApiLimits } from '../../shared/contracts/webhooks';
import { apiHandler } from '../../shared/http/api-handler';
import { createSubscription } from '../../shared/use-cases/webhooks/manage-subscriptions';

/** The secret is in this answer only: it is stored sealed and never shown again. */
export const handler = apiHandler(
  { authenticate: authenticateApiKey, requiredScope: 'webhooks', body: { schema: CreateWebhookSubscriptionRequestSchema, maxBytes: webhookApiLimits.maxBodyBytes } },
  async ({ body, channel }) => {
    const created = await createSubscription({ channelId: channel.channelId, ...body }, webhooks);
    return { status: 201, body: created, headers: { location: `/webhooks/subscriptions/${created.id}`, 'cache-control': 'no-store' } };
  },
);

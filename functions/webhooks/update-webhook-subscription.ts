import { authenticateApiKey, webhooks } from '../../shared/composition/webhook-context';
import { UpdateWebhookSubscriptionRequestSchema, WebhookSubscriptionPathSchema, webhookApiLimits } from '../../shared/contracts/webhooks';
import { apiHandler } from '../../shared/http/api-handler';
import { updateSubscription } from '../../shared/use-cases/webhooks/manage-subscriptions';

export const handler = apiHandler(
  {
    authenticate: authenticateApiKey,
    requiredScope: 'webhooks',
    path: WebhookSubscriptionPathSchema,
    body: { schema: UpdateWebhookSubscriptionRequestSchema, maxBytes: webhookApiLimits.maxBodyBytes },
  },
  async ({ path, body, channel }) => ({
    status: 200,
    body: await updateSubscription({ channelId: channel.channelId, subscriptionId: path.id, change: body }, webhooks),
  }),
);

import { authenticateApiKey, webhooks } from '../../shared/composition/webhook-context';
import { WebhookSubscriptionPathSchema } from '../../shared/contracts/webhooks';
import { apiHandler } from '../../shared/http/api-handler';
import { getSubscription } from '../../shared/use-cases/webhooks/manage-subscriptions';

export const handler = apiHandler({ authenticate: authenticateApiKey, requiredScope: 'webhooks', path: WebhookSubscriptionPathSchema }, async ({ path, channel }) => ({
  status: 200,
  body: await getSubscription(channel.channelId, path.id, webhooks),
}));

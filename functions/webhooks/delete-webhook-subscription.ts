import { authenticateApiKey, webhooks } from '../../shared/composition/webhook-context';
import { WebhookSubscriptionPathSchema } from '../../shared/contracts/webhooks';
import { apiHandler } from '../../shared/http/api-handler';
import { deleteSubscription } from '../../shared/use-cases/webhooks/manage-subscriptions';

export const handler = apiHandler({ authenticate: authenticateApiKey, requiredScope: 'webhooks', path: WebhookSubscriptionPathSchema }, async ({ path, channel }) => {
  await deleteSubscription(channel.channelId, path.id, webhooks);
  return { status: 204, body: undefined };
});

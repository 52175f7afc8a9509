import { authenticateApiKey, webhooks } from '../../shared/composition/webhook-context';
import { apiHandler } from '../../shared/http/api-handler';
import { listSubscriptions } from '../../shared/use-cases/webhooks/manage-subscriptions';

export const handler = apiHandler({ authenticate: authenticateApiKey, requiredScope: 'webhooks' }, async ({ channel }) => ({
  status: 200,
  body: { items: await listSubscriptions(channel.channelId, webhooks) },
}));

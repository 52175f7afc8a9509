import { authenticateApiKey, webhooks } from '../../shared/composition/webhook-context';
import { WebhookSubscriptionPathSchema } from '../../shared/contracts/webhooks';
import { apiHandler } from '../../shared/http/api-handler';
import { rotateSubscriptionSecret } from '../../shared/use-cases/webhooks/manage-subscriptions';

/** The new secret is in this answer only; the old one keeps signing beside it for 24 h. */
export const handler = apiHandler({ authenticate: authenticateApiKey, requiredScope: 'webhooks', path: WebhookSubscriptionPathSchema }, async ({ path, channel }) => ({
  status: 200,
  body: await rotateSubscriptionSecret({ channelId: channel.channelId, subscriptionId: path.id }, webhooks),
  headers: { 'cache-control': 'no-store' },
}));

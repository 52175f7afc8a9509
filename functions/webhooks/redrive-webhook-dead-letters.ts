import { authenticateApiKey, webhooks } from '../../shared/composition/webhook-context';
import { WebhookSubscriptionPathSchema } from '../../shared/contracts/webhooks';
import { apiHandler } from '../../shared/http/api-handler';
import { redriveDeadLetters } from '../../shared/use-cases/webhooks/delivery-log';

/** 202: the dead letters are due now; the retry sweeper attempts them within a minute. */
export const handler = apiHandler({ authenticate: authenticateApiKey, requiredScope: 'webhooks', path: WebhookSubscriptionPathSchema }, async ({ path, channel }) => ({
  status: 202,
  body: await redriveDeadLetters({ channelId: channel.channelId, subscriptionId: path.id }, webhooks),
}));

import { authenticateApiKey, webhooks } from '../../shared/composition/webhook-context';
import { ListWebhookDeliveriesQuerySchema, WebhookSubscriptionPathSchema } from '../../shared/contracts/webhooks';
import { apiHandler } from '../../shared/http/api-handler';
import { listDeliveries } from '../../shared/use-cases/webhooks/delivery-log';

export const handler = apiHandler(
  { authenticate: authenticateApiKey, requiredScope: 'webhooks', path: WebhookSubscriptionPathSchema, query: ListWebhookDeliveriesQuerySchema },
  async ({ path, query, channel }) => ({
    status: 200,
    body: await listDeliveries({ channelId: channel.channelId, subscriptionId: path.id, ...query }, webhooks),
  }),
);

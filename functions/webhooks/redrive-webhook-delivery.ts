import { authenticateApiKey, webhooks } from '../../shared/composition/webhook-context';
import { WebhookDeliveryPathSchema } from '../../shared/contracts/webhooks';
import { apiHandler } from '../../shared/http/api-handler';
import { redriveDelivery } from '../../shared/use-cases/webhooks/delivery-log';

/** 202: the delivery is due now; the retry sweeper attempts it within a minute. */
export const handler = apiHandler({ authenticate: authenticateApiKey, requiredScope: 'webhooks', path: WebhookDeliveryPathSchema }, async ({ path, channel }) => ({
  status: 202,
  body: await redriveDelivery({ channelId: channel.channelId, subscriptionId: path.id, deliveryId: path.deliveryId }, webhooks),
}));

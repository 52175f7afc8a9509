import { BigCommerceOrderWebhookBodySchema } from '../../shared/channels/bigcommerce/bigcommerce-order';
import { bigCommerceHeaders } from '../../shared/channels/bigcommerce/verify-bigcommerce-webhook';
import { authenticateBigCommerceWebhook, captureDependencies } from '../../shared/composition/bigcommerce-webhook';
import { capturedOrderResponse, webhookHandler, webhookLimits } from '../../shared/http/webhook-handler';
import { receiveBigCommerceOrder } from '../../shared/use-cases/receive-channel-order';

export const handler = webhookHandler(
  {
    schema: BigCommerceOrderWebhookBodySchema,
    maxBytes: webhookLimits.maxBodyBytes,
    credentialHeader: bigCommerceHeaders.token,
    authenticate: authenticateBigCommerceWebhook,
  },
  async ({ body, connection }) =>
    capturedOrderResponse(
      await receiveBigCommerceOrder({ channelId: connection.channelId, body, storeHash: connection.storeHash }, captureDependencies(connection)),
    ),
);

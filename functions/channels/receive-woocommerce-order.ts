import { isWooCommercePing, wooCommerceHeaders } from '../../shared/channels/woocommerce/verify-woocommerce-webhook';
import { WooCommerceOrderWebhookSchema } from '../../shared/channels/woocommerce/woocommerce-order';
import { authenticateWooCommerceWebhook, captureDependencies } from '../../shared/composition/woocommerce-webhook';
import { capturedOrderResponse, webhookHandler, webhookLimits } from '../../shared/http/webhook-handler';
import { receiveWooCommerceOrder } from '../../shared/use-cases/receive-channel-order';

export const handler = webhookHandler(
  {
    schema: WooCommerceOrderWebhookSchema,
    maxBytes: webhookLimits.maxBodyBytes,
    credentialHeader: wooCommerceHeaders.signature,
    authenticate: authenticateWooCommerceWebhook,
    isPing: isWooCommercePing,
  },
  async ({ body, connection, headers }) =>
    capturedOrderResponse(
      await receiveWooCommerceOrder({ channelId: connection.channelId, order: body, topic: headers[wooCommerceHeaders.topic] }, captureDependencies),
    ),
);

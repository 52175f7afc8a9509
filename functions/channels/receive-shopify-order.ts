import { ShopifyOrderWebhookSchema } from '../../shared/channels/shopify/shopify-order';
import { shopifyHeaders } from '../../shared/channels/shopify/verify-shopify-webhook';
import { authenticateShopifyWebhook, captureDependencies } from '../../shared/composition/shopify-webhook';
import { capturedOrderResponse, webhookHandler, webhookLimits } from '../../shared/http/webhook-handler';
import { receiveShopifyOrder } from '../../shared/use-cases/receive-channel-order';

export const handler = webhookHandler(
  {
    schema: ShopifyOrderWebhookSchema,
    maxBytes: webhookLimits.maxBodyBytes,
    credentialHeader: shopifyHeaders.signature,
    authenticate: authenticateShopifyWebhook,
  },
  async ({ body, connection, headers }) =>
    capturedOrderResponse(
      await receiveShopifyOrder({ channelId: connection.channelId, order: body, topic: headers[shopifyHeaders.topic] }, captureDependencies),
    ),
);

import { authenticateApiKey } from '../../shared/composition/channel-authentication';
import { lifecycle } from '../../shared/composition/lifecycle-context';
import { CancelOrderRequestSchema, lifecycleApiLimits } from '../../shared/contracts/lifecycle-api';
import { OrderIdPathSchema, orderEtag } from '../../shared/contracts/order';
import { apiHandler } from '../../shared/http/api-handler';
import { cancelOrder } from '../../shared/use-cases/lifecycle/cancel-order';

/** 202 while the execution compensates a whole-order cancellation; 200 when lines were cancelled (or it was already cancelled). */
export const handler = apiHandler(
  {
    authenticate: authenticateApiKey,
    requiredScope: 'orders',
    path: OrderIdPathSchema,
    body: { schema: CancelOrderRequestSchema, maxBytes: lifecycleApiLimits.maxBodyBytes },
  },
  async ({ path, body, channel }) => {
    const { outcome, order } = await cancelOrder(
      { orderId: path.id, channelId: channel.channelId, requestedBy: channel.channelId, reason: body.reason, lineIds: body.lineIds, lines: body.lines },
      lifecycle,
    );
    return { status: outcome === 'cancellation-requested' ? 202 : 200, body: order, headers: { etag: orderEtag(order) } };
  },
);

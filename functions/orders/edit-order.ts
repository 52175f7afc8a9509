import { authenticateApiKey } from '../../shared/composition/channel-authentication';
import { lifecycle } from '../../shared/composition/lifecycle-context';
import { EditOrderRequestSchema } from '../../shared/contracts/order-care';
import { OrderIdPathSchema, orderEtag, orderLimits } from '../../shared/contracts/order';
import { expectedVersionOf } from '../../shared/http/conditional-request';
import { apiHandler } from '../../shared/http/api-handler';
import { editOrder } from '../../shared/use-cases/lifecycle/edit-order';

/** PATCH /orders/{id} with If-Match: the edited order, and its new ETag for the next edit. */
export const handler = apiHandler(
  {
    authenticate: authenticateApiKey,
    requiredScope: 'orders',
    path: OrderIdPathSchema,
    body: { schema: EditOrderRequestSchema, maxBytes: orderLimits.maxBodyBytes },
  },
  async ({ path, body, channel, headers }) => {
    const order = await editOrder(
      { orderId: path.id, channelId: channel.channelId, editedBy: channel.channelId, expectedVersion: expectedVersionOf(headers), edit: body },
      lifecycle,
    );
    return { status: 200, body: order, headers: { etag: orderEtag(order) } };
  },
);

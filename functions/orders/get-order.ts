import { authenticateApiKey, orders } from '../../shared/composition/order-context';
import { OrderIdPathSchema, orderEtag } from '../../shared/contracts/order';
import { apiHandler } from '../../shared/http/api-handler';
import { getOrder } from '../../shared/use-cases/get-order';

export const handler = apiHandler({ authenticate: authenticateApiKey, requiredScope: 'orders', path: OrderIdPathSchema }, async ({ path, channel }) => {
  const order = await getOrder({ channelId: channel.channelId, orderId: path.id }, { orders });
  return { status: 200, body: order, headers: { etag: orderEtag(order) } };
});

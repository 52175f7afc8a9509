import { authenticateApiKey, orders } from '../../shared/composition/order-context';
import { OrderIdPathSchema, orderEtag } from '../../shared/contracts/order';
import { apiHandler } from '../../shared/http/api-handler';
import { everyChannelReadScopes, orderReaderOf } from '../../shared/use-cases/authenticate-channel';
import { getOrder } from '../../shared/use-cases/get-order';

export const handler = apiHandler({ authenticate: authenticateApiKey, requiredScope: ['orders', ...everyChannelReadScopes], path: OrderIdPathSchema }, async ({ path, channel }) => {
  const order = await getOrder({ reader: orderReaderOf(channel), orderId: path.id }, { orders });
  return { status: 200, body: order, headers: { etag: orderEtag(order) } };
});

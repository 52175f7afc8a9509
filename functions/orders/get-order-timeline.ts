import { authenticateApiKey, orders, workflow } from '../../shared/composition/order-workflow-context';
import { OrderIdPathSchema } from '../../shared/contracts/order';
import { apiHandler } from '../../shared/http/api-handler';
import { everyChannelReadScopes, orderReaderOf } from '../../shared/use-cases/authenticate-channel';
import { getOrderTimeline } from '../../shared/use-cases/lifecycle/get-order-timeline';

export const handler = apiHandler({ authenticate: authenticateApiKey, requiredScope: ['orders', ...everyChannelReadScopes], path: OrderIdPathSchema }, async ({ path, channel }) => ({
  status: 200,
  body: await getOrderTimeline({ orderId: path.id, reader: orderReaderOf(channel) }, { orders, workflow }),
}));

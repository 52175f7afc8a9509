import { authenticateApiKey, orders } from '../../shared/composition/order-context';
import { ListOrdersQuerySchema } from '../../shared/contracts/order';
import { apiHandler } from '../../shared/http/api-handler';
import { listOrders } from '../../shared/use-cases/list-orders';

export const handler = apiHandler({ authenticate: authenticateApiKey, requiredScope: 'orders', query: ListOrdersQuerySchema }, async ({ query, channel }) => ({
  status: 200,
  body: await listOrders({ ...query, channelId: channel.channelId }, { orders }),
}));

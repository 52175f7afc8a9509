import { authenticateApiKey, returns } from '../../shared/composition/return-context';
import { OrderIdPathSchema } from '../../shared/contracts/order';
import { CreateReturnRequestSchema } from '../../shared/contracts/returns';
import { apiHandler } from '../../shared/http/api-handler';
import { requestReturn } from '../../shared/use-cases/returns/request-return';

/** 201 with the return; its order-return execution is running (named by the return id). */
export const handler = apiHandler(
  { authenticate: authenticateApiKey, requiredScope: 'orders', path: OrderIdPathSchema, body: { schema: CreateReturnRequestSchema, maxBytes: 64 * 1024 } },
  async ({ path, body, channel }) => {
    const { created } = await requestReturn({ orderId: path.id, channelId: channel.channelId, requestedBy: channel.channelId, request: body }, returns);
    return { status: 201, body: created, headers: { location: `/orders/${path.id}` } };
  },
);

import { authenticateApiKey, orderCare } from '../../shared/composition/customer-service-context';
import { AddNoteRequestSchema } from '../../shared/contracts/order-care';
import { OrderIdPathSchema, orderEtag } from '../../shared/contracts/order';
import { actingUserOf } from '../../shared/http/acting-user';
import { apiHandler } from '../../shared/http/api-handler';
import { addOrderNote } from '../../shared/use-cases/customer-service/order-care';

/** A note on the order, in its activity and timeline, by the acting user. */
export const handler = apiHandler(
  {
    authenticate: authenticateApiKey,
    requiredScope: 'customer-service',
    path: OrderIdPathSchema,
    body: { schema: AddNoteRequestSchema, maxBytes: 16 * 1024 },
  },
  async ({ path, body, channel, headers }) => {
    const order = await addOrderNote({ orderId: path.id, actor: actingUserOf(headers, channel), text: body.text }, orderCare);
    return { status: 200, body: order, headers: { etag: orderEtag(order) } };
  },
);

import { authenticateApiKey, orderCare } from '../../shared/composition/customer-service-context';
import { AppeasementRequestSchema } from '../../shared/contracts/order-care';
import { OrderIdPathSchema, orderEtag } from '../../shared/contracts/order';
import { actingUserOf } from '../../shared/http/acting-user';
import { apiHandler } from '../../shared/http/api-handler';
import { grantAppeasement } from '../../shared/use-cases/customer-service/order-care';

/** A goodwill refund or store credit, within the acting user's role limit. */
export const handler = apiHandler(
  {
    authenticate: authenticateApiKey,
    requiredScope: 'customer-service',
    path: OrderIdPathSchema,
    body: { schema: AppeasementRequestSchema, maxBytes: 16 * 1024 },
  },
  async ({ path, body, channel, headers }) => {
    const order = await grantAppeasement({ orderId: path.id, actor: actingUserOf(headers, channel), request: body }, orderCare);
    return { status: 201, body: order, headers: { etag: orderEtag(order) } };
  },
);

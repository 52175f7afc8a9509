import { authenticateApiKey, orderCare } from '../../shared/composition/customer-service-context';
import { EscalationRequestSchema } from '../../shared/contracts/order-care';
import { OrderIdPathSchema, orderEtag } from '../../shared/contracts/order';
import { actingUserOf } from '../../shared/http/acting-user';
import { apiHandler } from '../../shared/http/api-handler';
import { setOrderEscalation } from '../../shared/use-cases/customer-service/order-care';

/** Escalates the order to ops (it appears in the ops escalation list) or clears the escalation. */
export const handler = apiHandler(
  {
    authenticate: authenticateApiKey,
    requiredScope: 'customer-service',
    path: OrderIdPathSchema,
    body: { schema: EscalationRequestSchema, maxBytes: 16 * 1024 },
  },
  async ({ path, body, channel, headers }) => {
    const order = await setOrderEscalation({ orderId: path.id, actor: actingUserOf(headers, channel), escalated: body.escalated, reason: body.reason }, orderCare);
    return { status: 200, body: order, headers: { etag: orderEtag(order) } };
  },
);

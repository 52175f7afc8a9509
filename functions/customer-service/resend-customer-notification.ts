import { authenticateApiKey, resend } from '../../shared/composition/resend-notification-context';
import { ResendNotificationRequestSchema } from '../../shared/contracts/order-care';
import { OrderIdPathSchema } from '../../shared/contracts/order';
import { actingUserOf } from '../../shared/http/acting-user';
import { apiHandler } from '../../shared/http/api-handler';
import { resendNotification } from '../../shared/use-cases/customer-service/resend-notification';

/** Sends a customer message again, exactly as it went out; 201 with the new message id and how the send went. */
export const handler = apiHandler(
  {
    authenticate: authenticateApiKey,
    requiredScope: 'customer-service',
    path: OrderIdPathSchema,
    body: { schema: ResendNotificationRequestSchema, maxBytes: 16 * 1024 },
  },
  async ({ path, body, channel, headers }) => {
    const result = await resendNotification({ orderId: path.id, notificationId: body.notificationId, actor: actingUserOf(headers, channel), reason: body.reason }, resend);
    return { status: 201, body: result };
  },
);

import { events } from '../../shared/composition/event-publishing';
import { authenticateApiKey, now, orders, waits, workflow } from '../../shared/composition/order-workflow-context';
import { lifecycleApiLimits, ReviewOrderRequestSchema } from '../../shared/contracts/lifecycle-api';
import { OrderIdPathSchema, orderEtag } from '../../shared/contracts/order';
import { apiHandler } from '../../shared/http/api-handler';
import { reviewOrder } from '../../shared/use-cases/lifecycle/review-order';

/** Ops keys review held orders of every channel, so the order is not checked against the key's channel. */
export const handler = apiHandler(
  {
    authenticate: authenticateApiKey,
    requiredScope: 'ops',
    path: OrderIdPathSchema,
    body: { schema: ReviewOrderRequestSchema, maxBytes: lifecycleApiLimits.maxBodyBytes },
  },
  async ({ path, body, channel }) => {
    const order = await reviewOrder(
      { orderId: path.id, decision: body.decision, note: body.note, reviewer: channel.channelId },
      { orders, waits, workflow, events, now },
    );
    return { status: 200, body: order, headers: { etag: orderEtag(order) } };
  },
);

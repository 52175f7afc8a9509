import { webhooks } from '../../shared/composition/webhook-context';
import { scheduledHandler } from '../../shared/handlers/scheduled-handler';
import { deliverDueWebhooks } from '../../shared/use-cases/webhooks/deliver-due-webhooks';

/** Time an attempt may still take (the HTTP timeout and the writes around it) when the function stops taking more. */
const reserveMs = 15_000;

/** Every minute: deliveries due for another attempt (backoff over, Retry-After reached, redriven, or lease lost). */
export const handler = scheduledHandler(({ context }) =>
  deliverDueWebhooks(webhooks, { shouldStop: () => context.getRemainingTimeInMillis() < reserveMs }),
);

/**
 * The payment provider's webhook for a payment that needed the customer (3-D Secure): the order's
 * execution, parked on PAYMENT_ACTION_REQUIRED, resumes and asks the provider how it ended. The
 * webhook only wakes the order up; the provider's own answer to the authorization decides, so a
 * forged or mistaken event cannot authorize anything.
 */
import type { PaymentEvent, PaymentEventResult } from '../../contracts/lifecycle-api';
import { ConflictError, NotFoundError } from '../../domain/errors';
import { paymentActionWaitId } from '../../ports/lifecycle-waits';
import type { PartnerEventLog } from '../../ports/partner-event-log';
import type { LifecycleDependencies } from './lifecycle-dependencies';
import { loggingRefusals, oncePerPartnerEvent, type RefusalLogger } from './partner-events';
import { liveWait } from './task-callbacks';

export type PaymentEventDependencies = Pick<LifecycleDependencies, 'orders' | 'waits' | 'workflow'> & {
  readonly partnerEvents: PartnerEventLog;
  readonly logger?: RefusalLogger;
};

export async function applyPaymentEvent(event: PaymentEvent, deps: PaymentEventDependencies): Promise<PaymentEventResult> {
  return oncePerPartnerEvent(deps.partnerEvents, 'payments', event, () =>
    loggingRefusals(deps.logger, 'payments', event, async () => {
      const stored = await deps.orders.get(event.orderId);
      if (!stored) throw new NotFoundError('ORDER_NOT_FOUND', `Order ${event.orderId} does not exist`);
      const { order } = stored;
      if (order.status !== 'PAYMENT_ACTION_REQUIRED' || order.paymentAction?.authorizationId !== event.authorizationId) {
        throw new ConflictError('STALE_CALLBACK', `Order ${order.id} does not wait for authentication of ${event.authorizationId} (it is ${order.status})`);
      }
      const wait = await liveWait(deps, order.id, paymentActionWaitId);
      await deps.workflow.succeed(wait.taskToken, { status: event.status });
      await deps.waits.remove(wait);
      return { eventId: event.eventId, orderId: order.id, orderStatus: order.status };
    }),
  );
}

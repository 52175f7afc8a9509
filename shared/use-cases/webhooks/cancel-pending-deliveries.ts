import { cancelledDelivery, type CancelReason } from '../../domain/webhooks/delivery';
import type { WebhookDependencies } from './webhook-dependencies';

/** Pending deliveries cancelled per call; any left over are cancelled when they come due (the attempt finds the subscription off). */
const maxCancelled = 1000;

/**
 * Takes a subscription's pending deliveries off the schedule. One that an attempt owns right now is
 * cancelled too; that attempt's outcome is then not recorded (its revision is gone).
 */
export async function cancelPendingDeliveries(
  subscriptionId: string,
  reason: CancelReason,
  deps: Pick<WebhookDependencies, 'deliveries' | 'now'>,
): Promise<number> {
  let cancelled = 0;
  let cursor: string | undefined;
  do {
    const page = await deps.deliveries.listDeliveries(subscriptionId, { status: 'PENDING', limit: 100, ...(cursor && { cursor }) });
    for (const delivery of page.deliveries) {
      if (delivery.status !== 'PENDING') continue;
      if (await deps.deliveries.replaceDelivery(cancelledDelivery(delivery, reason, deps.now()), delivery.revision)) cancelled += 1;
    }
    cursor = page.nextCursor;
  } while (cursor && cancelled < maxCancelled);
  return cancelled;
}

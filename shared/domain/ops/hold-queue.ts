/** The risk-review hold queue: which held orders still wait for a reviewer, and since when. */
import type { Order } from '../../contracts/order';

/**
 * The rule the review itself applies (shared/use-cases/lifecycle/review-order.ts): held, no decision
 * recorded yet (an approved order stays ON_HOLD until it allocates), and not being cancelled as a whole.
 */
export const isAwaitingReview = (order: Order): boolean =>
  order.status === 'ON_HOLD' && order.risk?.reviewedBy === undefined && !(order.cancellation !== undefined && order.cancellation.lineIds === undefined);

/** When the order was put on hold: its last move to ON_HOLD. */
export const heldSince = (order: Order): string => order.statusHistory.findLast((change) => change.status === 'ON_HOLD')?.at ?? order.updatedAt;

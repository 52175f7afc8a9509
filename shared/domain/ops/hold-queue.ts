/** The risk-review hold queue: which held orders still wait for a reviewer. */
import type { Order } from '../../contracts/order';

/**
 * The rule the review applies (shared/use-cases/lifecycle/review-order.ts) and the queue lists by: held, no decision
 * recorded yet (an approved order stays ON_HOLD until it allocates), and not being cancelled as a whole.
 */
export const isAwaitingReview = (order: Order): boolean =>
  order.status === 'ON_HOLD' && order.risk?.reviewedBy === undefined && !(order.cancellation !== undefined && order.cancellation.lineIds === undefined);


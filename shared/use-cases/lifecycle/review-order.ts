/**
 * The manual review of an order the risk screen held: a reviewer approves or rejects it while the
 * execution waits (the `risk-review` wait), or the channel's default applies when nobody answered
 * in time.
 *
 * Order of operations for a reviewer's decision:
 * 1. the order must be ON_HOLD, undecided, with a `risk-review` wait whose token still waits (a
 *    heartbeat asks); otherwise 409 and nothing changed;
 * 2. the decision is recorded on the order with optimistic locking (a concurrent decision, default
 *    or cancellation makes this attempt fail with 409);
 * 3. only then is the token answered, because the execution's next step reads the order.
 * Should the review time out between 1 and 3, the answer finds the token stale, and the execution
 * is on its timeout path: `applyReviewDefault` finds the reviewer's decision recorded and follows
 * it instead of the default. The order is the one source of truth, whichever answer arrives.
 */
import { isAwaitingReview } from '../../domain/ops/hold-queue';
import type { RiskVerdict } from '../../contracts/fulfilment';
import type { Order } from '../../contracts/order';
import { ConflictError } from '../../domain/errors';
import { lifecyclePolicyFor } from '../../domain/lifecycle/lifecycle-policy';
import { moveOrder, systemActor } from '../../domain/lifecycle/order-lifecycle';
import { domainEvent } from '../../events/event-publisher';
import { OrderRejected } from '../../events/catalog/order-events';
import { riskReviewWaitId } from '../../ports/lifecycle-waits';
import { lifecycleErrors } from '../../ports/order-workflow';
import { isWholeCancellation } from './cancel-order';
import { OrderCancelledError } from './intake-steps';
import { changeOrder, eventOptions, loadOrder, snapshotOf, type LifecycleDependencies } from './lifecycle-dependencies';
import { taskNoLongerWaiting } from './task-callbacks';

/** A reviewer or the review default rejected the order: the state machine catches this name. */
export class RiskRejectedError extends Error {
  override name = lifecycleErrors.riskRejected;
}

export type ReviewDecision = 'approve' | 'reject';

export interface ReviewOrderCommand {
  readonly orderId: string;
  readonly decision: ReviewDecision;
  readonly note?: string;
  /** Who decided (the ops key's id); recorded as `risk.reviewedBy`. */
  readonly reviewer: string;
}

export type ReviewDependencies = Pick<LifecycleDependencies, 'orders' | 'waits' | 'workflow' | 'events' | 'now'>;

/** What the execution gets back from the review, whether a reviewer or the default decided. */
export interface ReviewOutcome {
  readonly decision: 'approve';
}

const notAwaitingReview = (order: Order) =>
  new ConflictError(
    'NOT_AWAITING_REVIEW',
    order.status === 'ON_HOLD'
      ? `Order ${order.id} is not waiting for a review: it was ${isWholeCancellation(order) ? 'cancelled' : `already reviewed by ${order.risk?.reviewedBy ?? 'someone'}`}`
      : `Order ${order.id} is ${order.status}, not ON_HOLD for a review`,
  );

const rejectedByReview = (note: string | undefined) => `Rejected in review${note ? `: ${note}` : ''}`;

/** Records a decision on a held order: approve keeps it ON_HOLD (the next step allocates), reject ends it. */
function decide(order: Order, decision: ReviewDecision, by: { reviewer: string; at: string; reason: string; actor: Order['statusHistory'][number]['by']; note?: string }): Order {
  const reasons = order.risk?.reasons ?? [];
  const risk: RiskVerdict = {
    // An approval has no status change to carry its note: the verdict keeps it.
    reasons: decision === 'approve' && by.note !== undefined ? [...reasons, { code: 'REVIEW_NOTE', message: by.note }] : reasons,
    decision: decision === 'approve' ? 'accept' : 'reject',
    reviewedBy: by.reviewer,
    reviewedAt: by.at,
  };
  if (decision === 'approve') return { ...order, risk, version: order.version + 1, updatedAt: by.at };
  return moveOrder({ ...order, risk }, 'REJECTED', { at: by.at, by: by.actor, reason: by.reason });
}

const publishRejected = (order: Order, deps: Pick<LifecycleDependencies, 'events'>) =>
  deps.events.publish(
    domainEvent(
      OrderRejected,
      { order: snapshotOf(order), reasons: [...(order.risk?.reasons ?? []), { code: 'REVIEW_REJECTED', message: order.statusHistory.at(-1)?.reason ?? 'Rejected in review' }] },
      // One fact per order: a default that re-publishes after a reviewer's reject is dropped as a duplicate.
      eventOptions(order, 'OrderRejected'),
    ),
  );

export async function reviewOrder(command: ReviewOrderCommand, deps: ReviewDependencies): Promise<Order> {
  const order = await loadOrder(deps.orders, command.orderId);
  if (!isAwaitingReview(order)) throw notAwaitingReview(order);
  const wait = await deps.waits.get(order.id, riskReviewWaitId);
  if (!wait) throw notAwaitingReview(order);
  if ((await deps.workflow.heartbeat(wait.taskToken)) === 'stale') throw taskNoLongerWaiting(order.id, riskReviewWaitId);

  const at = deps.now().toISOString();
  const { after } = await changeOrder(deps.orders, order.id, (current) => {
    if (!isAwaitingReview(current)) throw notAwaitingReview(current);
    return decide(current, command.decision, { reviewer: command.reviewer, at, actor: { type: 'user', id: command.reviewer }, reason: rejectedByReview(command.note), ...(command.note !== undefined && { note: command.note }) });
  });

  if (command.decision === 'approve') {
    await deps.workflow.succeed(wait.taskToken, { decision: 'approve' } satisfies ReviewOutcome);
  } else {
    await publishRejected(after, deps);
    await deps.workflow.fail(wait.taskToken, lifecycleErrors.riskRejected, rejectedByReview(command.note));
  }
  // A stale answer here is the race described above: the timeout path applies this decision.
  await deps.waits.remove(wait);
  return after;
}

export type ReviewDefaultDependencies = Pick<LifecycleDependencies, 'orders' | 'waits' | 'events' | 'policies' | 'now'>;

/**
 * The review timed out: the channel's `reviewDefault` decides, as `system`. A decision a reviewer
 * recorded meanwhile stands (see the order of operations above). Reject ends the order and throws
 * RiskRejected for the state machine; approve answers like a reviewer's approval.
 */
export async function applyReviewDefault({ orderId }: { readonly orderId: string }, deps: ReviewDefaultDependencies): Promise<ReviewOutcome> {
  const order = await loadOrder(deps.orders, orderId);
  if (isWholeCancellation(order)) throw new OrderCancelledError(`Order ${orderId} was cancelled: ${order.cancellation?.reason ?? ''}`);
  const policy = lifecyclePolicyFor(deps.policies, order.channelId);
  const at = deps.now().toISOString();
  const { after } = await changeOrder(deps.orders, orderId, (current) =>
    isAwaitingReview(current)
      ? decide(current, policy.reviewDefault, { reviewer: 'system', at, actor: systemActor, reason: `No review within ${policy.reviewTimeoutSeconds} s: the channel's default is to ${policy.reviewDefault}` })
      : current,
  );

  // The timed-out token is dead: forget it.
  const wait = await deps.waits.get(orderId, riskReviewWaitId);
  if (wait) await deps.waits.remove(wait);

  if (after.status === 'REJECTED') {
    // Also re-sent after a reviewer's reject, in case that request stopped before publishing: same event id.
    await publishRejected(after, deps);
    throw new RiskRejectedError(`Order ${orderId} was rejected: ${after.statusHistory.at(-1)?.reason ?? 'risk review'}`);
  }
  return { decision: 'approve' };
}

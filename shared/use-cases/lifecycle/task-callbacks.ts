/**
 * How an API request answers a waiting execution. A task token cannot be answered conditionally, so
 * the request first makes sure the token still waits (a heartbeat: harmless, it only tells Step
 * Functions the partner is alive), then changes the order with optimistic locking, then answers.
 * The execution's next step reads the order, so the order must be changed before the answer.
 */
import { ConflictError } from '../../domain/errors';
import type { LifecycleWait, LifecycleWaits } from '../../ports/lifecycle-waits';
import type { OrderWorkflow } from '../../ports/order-workflow';

export const taskNoLongerWaiting = (orderId: string, waitId: string) =>
  new ConflictError('TASK_NO_LONGER_WAITING', `Order ${orderId} no longer waits for ${waitId} (it timed out, was answered, or the order moved on); nothing was changed`);

/** The wait, if its token still waits; otherwise TASK_NO_LONGER_WAITING, with nothing changed. */
export async function liveWait(deps: { readonly waits: LifecycleWaits; readonly workflow: OrderWorkflow }, orderId: string, waitId: string): Promise<LifecycleWait> {
  const wait = await deps.waits.get(orderId, waitId);
  if (!wait || (await deps.workflow.heartbeat(wait.taskToken)) === 'stale') throw taskNoLongerWaiting(orderId, waitId);
  return wait;
}

/**
 * Resumes the wait if there is one, and forgets it either way once answered. A stale token is
 * ignored: for the waits this is used on, the order already records what happened.
 */
export async function resumeIfWaiting(deps: { readonly waits: LifecycleWaits; readonly workflow: OrderWorkflow }, orderId: string, waitId: string, output: unknown): Promise<void> {
  const wait = await deps.waits.get(orderId, waitId);
  if (!wait) return;
  await deps.workflow.succeed(wait.taskToken, output);
  await deps.waits.remove(wait);
}

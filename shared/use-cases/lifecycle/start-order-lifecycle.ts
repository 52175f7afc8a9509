/**
 * The outbox consumer: every order written to the orders table starts its lifecycle execution,
 * named by the order id. The stream delivers each insert at least once, even if the process that
 * captured the order died right after the write; a second start of the same order is a no-op.
 */
import type { Order } from '../../contracts/order';
import { executionTimeouts, lifecyclePolicyFor } from '../../domain/lifecycle/lifecycle-policy';
import { domainEvent } from '../../events/event-publisher';
import { OrderPlaced } from '../../events/catalog/order-events';
import { eventOptions, snapshotOf, type LifecycleDependencies } from './lifecycle-dependencies';

export async function startOrderLifecycle(order: Order, deps: Pick<LifecycleDependencies, 'workflow' | 'events' | 'policies'>): Promise<'started' | 'already-started'> {
  const policy = lifecyclePolicyFor(deps.policies, order.channelId);
  const result = await deps.workflow.start(order.id, { orderId: order.id, from: 'start', timeouts: executionTimeouts(policy) });
  await deps.events.publish(
    domainEvent(OrderPlaced, { order: snapshotOf(order), deliveryMethod: order.deliveryMethod, lineCount: order.lines.length }, eventOptions(order, 'OrderPlaced')),
  );
  return result;
}

/** What the ops use cases work with: the ports, the service levels, and the clock. */
import type { ServiceLevels } from '../../domain/ops/service-levels';
import type { EventTransport } from '../../ports/event-transport';
import type { ExecutionOperations } from '../../ports/execution-operations';
import type { IntegrationDeadLetters } from '../../ports/integration-dead-letters';
import type { LifecycleWaits } from '../../ports/lifecycle-waits';
import type { OrderOpsQueues } from '../../ports/ops-queues';
import type { OrderRepository } from '../../ports/order-repository';
import type { WebhookDeadLetterIndex } from '../../ports/webhook-dead-letter-index';
import type { WebhookDeliveryStore, WebhookSubscriptionStore } from '../../ports/webhook-store';

export interface OpsDependencies {
  readonly orders: Pick<OrderRepository, 'get' | 'getMany' | 'list'>;
  readonly queues: OrderOpsQueues;
  readonly waits: Pick<LifecycleWaits, 'ofOrder'>;
  readonly executions: ExecutionOperations;
  readonly serviceLevels: ServiceLevels;
  readonly integrationDeadLetters: IntegrationDeadLetters;
  /** Puts a dead-lettered event back on the bus. */
  readonly bus: EventTransport;
  readonly webhookDeadLetters: WebhookDeadLetterIndex;
  readonly subscriptions: WebhookSubscriptionStore;
  readonly deliveries: WebhookDeliveryStore;
  readonly now: () => Date;
}

export type OpsDeps<Keys extends keyof OpsDependencies> = Pick<OpsDependencies, Keys>;

/** The orders of queue entries, read strongly consistent from the repository (batched), in queue order. */
export async function ordersOf<Entry extends { orderId: string }>(entries: readonly Entry[], deps: OpsDeps<'orders'>) {
  const byId = new Map((await deps.orders.getMany(entries.map((entry) => entry.orderId))).map((order) => [order.id, order]));
  return entries.flatMap((entry) => {
    const order = byId.get(entry.orderId);
    return order ? [{ entry, order }] : [];
  });
}

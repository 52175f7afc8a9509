/**
 * The ops ports in memory, with their adapters' semantics: the ops queues derived from the stored
 * orders exactly as the orders table's byOpsQueue index is (order-keys.ts), executions as Step
 * Functions lists and redrives them, and a dead-letter queue whose reads lease messages.
 */
import { opsQueueKeys } from '../../../shared/adapters/dynamodb/order-keys';
import type { OpenOrderStatus } from '../../../shared/domain/ops/service-levels';
import type { WebhookDelivery } from '../../../shared/domain/webhooks/delivery';
import type { ExecutionOperations, ExecutionPosition, RedriveOutcome, StoppedExecution, StoppedExecutionStatus, WorkflowName } from '../../../shared/ports/execution-operations';
import type { IntegrationDeadLetter, IntegrationDeadLetters, LeasedDeadLetter } from '../../../shared/ports/integration-dead-letters';
import type { OrderOpsQueues, PlacedRange, QueuedOrder, QueuePage, QueueRange } from '../../../shared/ports/ops-queues';
import type { DeadLetteredDeliveryRef, WebhookDeadLetterIndex } from '../../../shared/ports/webhook-dead-letter-index';
import type { InMemoryOrderRepository } from '../fakes/in-memory-order-repository';
import type { InMemoryWebhookStore } from '../fakes/in-memory-webhook-store';

const position = (entry: QueuedOrder) => `${entry.at}#${entry.orderId}`;
const ascending = (a: QueuedOrder, b: QueuedOrder) => (position(a) < position(b) ? -1 : position(a) > position(b) ? 1 : 0);

function pageOf(entries: readonly QueuedOrder[], { after, limit }: QueueRange): QueuePage {
  const following = [...entries].sort(ascending).filter((entry) => !after || position(entry) > position(after));
  return { orders: following.slice(0, limit), more: following.length > limit };
}

/** The queues as the index holds them, read from the repository's orders (a snapshot taken at `snapshot()`, else live). */
export class InMemoryOrderOpsQueues implements OrderOpsQueues {
  private frozen?: { partition: string; entry: QueuedOrder }[];

  constructor(private readonly orders: InMemoryOrderRepository) {}

  /** Freezes the queues as they are now: later order changes reach the "index" only at the next snapshot (eventual consistency). */
  snapshot(): this {
    this.frozen = this.entries();
    return this;
  }

  async openOrders(status: OpenOrderStatus, range: QueueRange & { changedBefore?: string }): Promise<QueuePage> {
    const entries = (this.frozen ?? this.entries())
      .filter(({ partition }) => partition.startsWith(`OPEN#${status}#`))
      .map(({ entry }) => entry)
      .filter((entry) => range.changedBefore === undefined || entry.at < range.changedBefore);
    return pageOf(entries, range);
  }

  async placedOrders({ after, placedFrom, placedTo, limit }: PlacedRange): Promise<QueuePage> {
    const [from, to] = [new Date(placedFrom).toISOString(), new Date(placedTo).toISOString()];
    const following = this.orders.stored
      .map(({ order }) => ({ orderId: order.id, at: order.placedAt }))
      .filter((entry) => entry.at >= from && entry.at < to && (!after || position(entry) < position(after)))
      .sort((a, b) => ascending(b, a));
    return { orders: following.slice(0, limit), more: following.length > limit };
  }

  async escalatedOrders(range: QueueRange): Promise<QueuePage> {
    return pageOf(
      (this.frozen ?? this.entries()).filter(({ partition }) => partition === 'ESCALATED').map(({ entry }) => entry),
      range,
    );
  }

  private entries() {
    return this.orders.stored.flatMap(({ order }) => {
      const keys = opsQueueKeys(order);
      if (!('gsi4pk' in keys)) return [];
      const at = keys.gsi4sk.slice(0, keys.gsi4sk.indexOf('#'));
      return [{ partition: keys.gsi4pk, entry: { orderId: order.id, at } }];
    });
  }
}

/** Stopped executions per workflow, newest first as ListExecutions answers, with a page token per offset. */
export class FakeExecutionOperations implements ExecutionOperations {
  readonly executions: StoppedExecution[] = [];
  readonly positions = new Map<string, ExecutionPosition>();
  readonly redriven: { workflow: WorkflowName; executionName: string }[] = [];
  readonly notRedrivable = new Map<string, string>();

  async listStopped(workflow: WorkflowName, status: StoppedExecutionStatus, { limit, nextToken }: { limit: number; nextToken?: string }) {
    const matching = this.executions.filter((execution) => execution.workflow === workflow && execution.status === status).sort((a, b) => (a.startDate < b.startDate ? 1 : -1));
    const offset = nextToken === undefined ? 0 : Number(nextToken.replace('token-', ''));
    const executions = matching.slice(offset, offset + limit);
    return { executions, ...(offset + limit < matching.length && { nextToken: `token-${offset + limit}` }) };
  }

  async redrive(workflow: WorkflowName, executionName: string): Promise<RedriveOutcome> {
    const execution = this.executions.find((candidate) => candidate.workflow === workflow && candidate.executionName === executionName);
    if (!execution) return { outcome: 'not-found' };
    const reason = this.notRedrivable.get(executionName);
    if (reason) return { outcome: 'not-redrivable', reason };
    this.redriven.push({ workflow, executionName });
    return { outcome: 'redriven', executionArn: execution.executionArn, redriveDate: '2025-03-05T12:00:00.000Z' };
  }

  async positionOf(workflow: WorkflowName, executionName: string) {
    return this.positions.get(`${workflow}:${executionName}`);
  }
}

/** A dead-letter queue: oldest first, a lease hides a letter until it is acknowledged or released (leases never run out here). */
export class InMemoryIntegrationDeadLetters implements IntegrationDeadLetters {
  readonly letters: IntegrationDeadLetter[] = [];
  private readonly leased = new Set<string>();
  leaseCalls = 0;

  add(...letters: IntegrationDeadLetter[]): this {
    this.letters.push(...letters);
    return this;
  }

  get visible(): IntegrationDeadLetter[] {
    return this.letters.filter((letter) => !this.leased.has(letter.id));
  }

  async lease(limit: number): Promise<LeasedDeadLetter[]> {
    this.leaseCalls += 1;
    const taken = this.visible.slice(0, Math.min(10, limit));
    for (const letter of taken) this.leased.add(letter.id);
    return taken.map((letter) => ({ ...structuredClone(letter), lease: `lease-${letter.id}` }));
  }

  async acknowledge(letters: readonly LeasedDeadLetter[]): Promise<void> {
    for (const letter of letters) {
      if (!this.leased.delete(letter.id)) throw new Error(`${letter.id} is not leased`);
      this.letters.splice(this.letters.findIndex((candidate) => candidate.id === letter.id), 1);
    }
  }

  async release(letters: readonly LeasedDeadLetter[]): Promise<void> {
    for (const letter of letters) this.leased.delete(letter.id);
  }
}

/** The webhook store's dead-lettered deliveries, oldest first, as the byDeadLetter index lists them. */
export class InMemoryWebhookDeadLetterIndex implements WebhookDeadLetterIndex {
  constructor(private readonly store: InMemoryWebhookStore) {}

  async deadLetters({ after, limit }: { after?: DeadLetteredDeliveryRef; limit: number }) {
    const key = (ref: DeadLetteredDeliveryRef) => `${ref.deadLetteredAt}#${ref.deliveryId}`;
    const refs = [...this.store.deliveries.values()]
      .filter((delivery): delivery is WebhookDelivery & { deadLetteredAt: string } => delivery.status === 'DEAD_LETTERED' && delivery.deadLetteredAt !== undefined)
      .map((delivery) => ({ subscriptionId: delivery.subscriptionId, deliveryId: delivery.id, deadLetteredAt: delivery.deadLetteredAt }))
      .sort((a, b) => (key(a) < key(b) ? -1 : 1))
      .filter((ref) => !after || key(ref) > key(after));
    return { deliveries: refs.slice(0, limit), more: refs.length > limit };
  }
}

import type { CallbackResult, ExecutionEvent, OrderWorkflow } from '../../../shared/ports/order-workflow';

/**
 * The OrderWorkflow port as a recorder: every answer to a task token is kept for assertions. Like
 * Step Functions, a token answered once (succeeded or failed) no longer waits; tokens can also be
 * made stale up front, or only after their next heartbeat (a timeout racing with the answer).
 */
export class RecordingOrderWorkflow implements OrderWorkflow {
  readonly started: { orderId: string; input: Record<string, unknown> }[] = [];
  readonly succeeded: { taskToken: string; output: unknown }[] = [];
  readonly failed: { taskToken: string; error: string; cause: string }[] = [];
  readonly heartbeats: string[] = [];
  private readonly staleTokens = new Set<string>();
  private readonly expiringTokens = new Set<string>();
  private readonly histories = new Map<string, ExecutionEvent[]>();

  /** The token no longer waits (it timed out, or its execution ended). */
  markStale(...taskTokens: string[]): this {
    for (const token of taskTokens) this.staleTokens.add(token);
    return this;
  }

  /** The token still answers its next heartbeat, then times out before the answer that follows. */
  expireAfterHeartbeat(taskToken: string): this {
    this.expiringTokens.add(taskToken);
    return this;
  }

  withHistory(orderId: string, events: ExecutionEvent[]): this {
    this.histories.set(orderId, events);
    return this;
  }

  /** Every token answered, stale or not, in order. */
  get answered(): string[] {
    return [...this.succeeded.map((call) => call.taskToken), ...this.failed.map((call) => call.taskToken)];
  }

  async start(orderId: string, input: Record<string, unknown>): Promise<'started' | 'already-started'> {
    if (this.started.some((start) => start.orderId === orderId)) return 'already-started';
    this.started.push({ orderId, input });
    return 'started';
  }

  async succeed(taskToken: string, output: unknown): Promise<CallbackResult> {
    this.succeeded.push({ taskToken, output: structuredClone(output) });
    return this.answer(taskToken);
  }

  async fail(taskToken: string, error: string, cause: string): Promise<CallbackResult> {
    this.failed.push({ taskToken, error, cause });
    return this.answer(taskToken);
  }

  async heartbeat(taskToken: string): Promise<CallbackResult> {
    this.heartbeats.push(taskToken);
    if (this.staleTokens.has(taskToken)) return 'stale';
    if (this.expiringTokens.delete(taskToken)) this.staleTokens.add(taskToken);
    return 'delivered';
  }

  async history(orderId: string): Promise<ExecutionEvent[]> {
    return structuredClone(this.histories.get(orderId) ?? []);
  }

  private answer(taskToken: string): CallbackResult {
    if (this.staleTokens.has(taskToken)) return 'stale';
    this.staleTokens.add(taskToken);
    return 'delivered';
  }
}

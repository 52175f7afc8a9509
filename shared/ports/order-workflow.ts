/**
 * The order-lifecycle workflow engine (Step Functions on AWS, the local engine on a laptop), as the
 * use cases see it: start one execution per order, resume or fail a waiting task, read history.
 */
export type CallbackResult = 'delivered' | 'stale';

export interface ExecutionEvent {
  readonly timestamp: string;
  readonly type: string;
  readonly stateName?: string;
  readonly error?: string;
  readonly cause?: string;
}

export interface OrderWorkflow {
  /** Starts the order's execution, named by the order id; a second start of the same order is a no-op. */
  start(orderId: string, input: Record<string, unknown>): Promise<'started' | 'already-started'>;
  /** Resumes a waiting task; `stale` when the token no longer waits (timed out, answered, execution ended). */
  succeed(taskToken: string, output: unknown): Promise<CallbackResult>;
  /** Tells a waiting task its partner is still working (resets its HeartbeatSeconds clock). */
  heartbeat(taskToken: string): Promise<CallbackResult>;
  /** Fails a waiting task with a typed error the state machine catches (e.g. OrderCancelled). */
  fail(taskToken: string, error: string, cause: string): Promise<CallbackResult>;
  /** The execution's events, oldest first; empty when it has not started. */
  history(orderId: string): Promise<ExecutionEvent[]>;
}

/** Error names the lifecycle's ASL catches: keep them in step with statemachines/order-lifecycle.asl.json. */
export const lifecycleErrors = {
  orderCancelled: 'OrderCancelled',
  riskRejected: 'RiskRejected',
} as const;

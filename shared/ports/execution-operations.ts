/**
 * Operating the OMS's workflow executions (Step Functions on AWS, the local engine on a laptop): the
 * executions that stopped without succeeding, and redrive, which runs one again from where it stopped.
 */
export const workflowNames = ['lifecycle', 'return'] as const;
/** The order lifecycle (an execution per order) or a return (an execution per RMA). */
export type WorkflowName = (typeof workflowNames)[number];

export const stoppedExecutionStatuses = ['FAILED', 'TIMED_OUT', 'ABORTED'] as const;
export type StoppedExecutionStatus = (typeof stoppedExecutionStatuses)[number];

export interface StoppedExecution {
  readonly executionName: string;
  readonly executionArn: string;
  readonly workflow: WorkflowName;
  readonly status: StoppedExecutionStatus;
  /** From the execution's input; a lifecycle execution is also named by its order. */
  readonly orderId?: string;
  readonly startDate: string;
  readonly stopDate?: string;
  readonly error?: string;
  readonly cause?: string;
  /** The last state the execution entered: where a redrive runs it again from. */
  readonly failedState?: string;
  readonly redriveCount: number;
}

export interface StoppedExecutionPage {
  readonly executions: readonly StoppedExecution[];
  /** The engine's token for the next page, when there is one. */
  readonly nextToken?: string;
}

export type RedriveOutcome =
  | { readonly outcome: 'redriven'; readonly executionArn: string; readonly redriveDate: string }
  | { readonly outcome: 'not-found' }
  | { readonly outcome: 'not-redrivable'; readonly reason: string };

/** Where an execution is: its status and the last state it entered. */
export interface ExecutionPosition {
  readonly status: string;
  readonly state?: string;
}

export interface ExecutionOperations {
  /** Newest first. Throws InvalidRequestError (INVALID_CURSOR) for a token the engine did not issue. */
  listStopped(workflow: WorkflowName, status: StoppedExecutionStatus, page: { readonly limit: number; readonly nextToken?: string }): Promise<StoppedExecutionPage>;
  redrive(workflow: WorkflowName, executionName: string): Promise<RedriveOutcome>;
  /** Undefined when there is no such execution (not started yet). */
  positionOf(workflow: WorkflowName, executionName: string): Promise<ExecutionPosition | undefined>;
}

/**
 * Workflow executions that stopped without succeeding (FAILED, TIMED_OUT, ABORTED), with where and
 * why, and redrive: the execution runs again from the state it stopped in, keeping what it did before
 * (Step Functions RedriveExecution). An order lifecycle that failed in its compensation is the case
 * that needs it: the order stays open until the compensation is run again.
 */
import * as z from 'zod';
import type { ExecutionsQuery, RedrivenExecution, StoppedExecutionView } from '../../contracts/ops';
import { ConflictError, NotFoundError } from '../../domain/errors';
import { decodeCursor, encodeCursor, invalidCursorError } from '../../domain/cursor';
import { stoppedExecutionStatuses, workflowNames, type StoppedExecution, type WorkflowName } from '../../ports/execution-operations';
import type { OpsDeps } from './ops-dependencies';

/** The engine's page token, bound to the query that produced it. */
const ExecutionCursorSchema = z.strictObject({ stateMachine: z.enum(workflowNames), status: z.enum(stoppedExecutionStatuses), token: z.string().min(1) });

const view = (execution: StoppedExecution): StoppedExecutionView => ({
  executionName: execution.executionName,
  executionArn: execution.executionArn,
  stateMachine: execution.workflow,
  orderId: execution.orderId ?? null,
  status: execution.status,
  startDate: execution.startDate,
  stopDate: execution.stopDate ?? null,
  error: execution.error ?? null,
  cause: execution.cause ?? null,
  failedState: execution.failedState ?? null,
  redriveCount: execution.redriveCount,
});

export async function listStoppedExecutions(
  { status, stateMachine, limit, cursor }: ExecutionsQuery,
  deps: OpsDeps<'executions'>,
): Promise<{ items: StoppedExecutionView[]; nextCursor?: string }> {
  const position = cursor === undefined ? undefined : decodeCursor(cursor, ExecutionCursorSchema);
  if (position && (position.stateMachine !== stateMachine || position.status !== status)) throw invalidCursorError();
  const page = await deps.executions.listStopped(stateMachine, status, { limit, ...(position && { nextToken: position.token }) });
  return {
    items: page.executions.map(view),
    ...(page.nextToken && { nextCursor: encodeCursor({ stateMachine, status, token: page.nextToken }) }),
  };
}

/**
 * Redrives the named execution of `stateMachine`, or, when none is named, of the order lifecycle and
 * else of returns (an order id names a lifecycle execution, a return id a return's).
 */
export async function redriveExecution(
  { executionName, stateMachine }: { executionName: string; stateMachine?: WorkflowName },
  deps: OpsDeps<'executions'>,
): Promise<RedrivenExecution> {
  for (const workflow of stateMachine ? [stateMachine] : workflowNames) {
    const result = await deps.executions.redrive(workflow, executionName);
    if (result.outcome === 'not-found') continue;
    if (result.outcome === 'not-redrivable') throw new ConflictError('EXECUTION_NOT_REDRIVABLE', `Execution ${executionName} cannot be redriven: ${result.reason}`);
    return { executionName, executionArn: result.executionArn, stateMachine: workflow, redriveDate: result.redriveDate };
  }
  throw new NotFoundError('EXECUTION_NOT_FOUND', `No ${stateMachine ?? 'lifecycle or return'} execution named ${executionName}`);
}

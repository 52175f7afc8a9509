/**
 * An order's execution as the ops console draws it: the state machine's definition, the execution's
 * status, the states it is in now and the path it took, read from the execution history (the same
 * history on Step Functions and the local engine), and the same for each of the order's returns.
 */
import type { ExecutionPathStep, ExecutionStatus, OrderExecution, ReturnExecution } from '../../contracts/ops-console';
import { NotFoundError } from '../../domain/errors';
import type { OrderRepository } from '../../ports/order-repository';
import type { ExecutionEvent, OrderWorkflow } from '../../ports/order-workflow';

export interface StateMachineView {
  readonly name: string;
  /** The ASL definition (statemachines/<name>.asl.json). */
  readonly definition: Record<string, unknown>;
  /** The workflow whose executions run this state machine (history by execution name). */
  readonly workflow: Pick<OrderWorkflow, 'history'>;
}

export interface GetOrderExecutionDependencies {
  readonly orders: Pick<OrderRepository, 'get'>;
  readonly lifecycle: StateMachineView;
  /** Absent where the function may not read return executions: returns are then left out. */
  readonly returns?: StateMachineView;
}

export interface ExecutionSummary {
  readonly status: ExecutionStatus;
  readonly currentStates: string[];
  readonly path: ExecutionPathStep[];
}

/** Execution-level events and the status each leaves the execution in. */
const executionStatusAfter: Readonly<Record<string, ExecutionStatus>> = {
  ExecutionStarted: 'RUNNING',
  ExecutionRedriven: 'RUNNING',
  ExecutionSucceeded: 'SUCCEEDED',
  ExecutionFailed: 'FAILED',
  ExecutionTimedOut: 'TIMED_OUT',
  ExecutionAborted: 'ABORTED',
};

/** Events that report an error inside the state running (they carry no state name on AWS). */
const isStateFailure = (type: string) =>
  /^(Task|LambdaFunction|Activity)(Failed|TimedOut|StartFailed|SubmitFailed|ScheduleFailed)$/.test(type) || type === 'MapStateFailed' || type === 'ParallelStateFailed';

/** A task attempt starting again after an error: the error was retried, not (yet) caught. */
const isRetryStart = (type: string) => type === 'TaskScheduled' || type === 'LambdaFunctionScheduled' || type === 'ActivityScheduled';

interface OpenStep {
  readonly step: { state: string; enteredAt: string; exitedAt?: string; status: ExecutionPathStep['status']; error?: string };
  /** Task, Map, Choice, ... from the event type (TaskStateEntered). */
  readonly kind: string;
  /** An error raised in the state and not retried since: if the state is left now, it was caught. */
  pendingError?: string;
}

/**
 * Folds an execution's history (oldest first) into its status, current states and path. States are
 * matched by name (entered, exited); an error event names no state, so it is charged to the task (or
 * Map/Parallel for their own failure events) entered most recently and still open.
 */
export function summarizeExecution(events: readonly ExecutionEvent[]): ExecutionSummary {
  if (events.length === 0) return { status: 'NOT_STARTED', currentStates: [], path: [] };
  let status: ExecutionStatus = 'RUNNING';
  const steps: OpenStep['step'][] = [];
  const open: OpenStep[] = [];

  const innermostOpen = (kinds: readonly string[]) => [...open].reverse().find((candidate) => kinds.includes(candidate.kind)) ?? open.at(-1);

  for (const event of events) {
    const entered = /^(\w+?)StateEntered$/.exec(event.type);
    const exited = /^(\w+?)StateExited$/.exec(event.type);
    if (entered && event.stateName !== undefined) {
      const step: OpenStep['step'] = { state: event.stateName, enteredAt: event.timestamp, status: 'running' };
      steps.push(step);
      open.push({ step, kind: entered[1] as string });
    } else if (exited && event.stateName !== undefined) {
      const index = open.map((candidate) => candidate.step.state).lastIndexOf(event.stateName);
      if (index < 0) continue;
      const [closing] = open.splice(index, 1) as [OpenStep];
      closing.step.exitedAt = event.timestamp;
      closing.step.status = closing.pendingError === undefined ? 'succeeded' : 'caught';
      if (closing.pendingError !== undefined) closing.step.error = closing.pendingError;
    } else if (isStateFailure(event.type)) {
      const kinds = event.type === 'MapStateFailed' ? ['Map'] : event.type === 'ParallelStateFailed' ? ['Parallel'] : ['Task'];
      const failing = innermostOpen(kinds);
      if (failing) failing.pendingError = event.error ?? event.type;
    } else if (isRetryStart(event.type)) {
      const retrying = innermostOpen(['Task']);
      if (retrying) retrying.pendingError = undefined;
    } else if (event.type in executionStatusAfter) {
      status = executionStatusAfter[event.type] as ExecutionStatus;
      if (status === 'RUNNING') continue;
      // The execution ended: whatever was still open ended with it.
      for (const closing of open.splice(0)) {
        closing.step.exitedAt = event.timestamp;
        if (status === 'SUCCEEDED') {
          closing.step.status = 'succeeded';
        } else {
          closing.step.status = 'failed';
          const error = closing.pendingError ?? event.error;
          if (error !== undefined) closing.step.error = error;
        }
      }
    }
  }
  const currentStates = status === 'RUNNING' ? [...new Set(open.map((candidate) => candidate.step.state))] : [];
  return { status, currentStates, path: steps.map((step) => ({ ...step })) };
}

async function executionOf(view: StateMachineView, executionName: string, withEvents: boolean) {
  const events = await view.workflow.history(executionName);
  return {
    stateMachine: view.name,
    definition: view.definition,
    ...summarizeExecution(events),
    ...(withEvents && { events }),
  };
}

export async function getOrderExecution(query: { readonly orderId: string; readonly events: boolean }, deps: GetOrderExecutionDependencies): Promise<OrderExecution> {
  // Ops keys see every channel's orders, so the order is not checked against the key's channel.
  const stored = await deps.orders.get(query.orderId);
  if (!stored) throw new NotFoundError('ORDER_NOT_FOUND', `Order ${query.orderId} does not exist`);
  const { order } = stored;
  const returnsView = deps.returns;
  const [lifecycle, returns] = await Promise.all([
    executionOf(deps.lifecycle, order.id, query.events),
    returnsView && order.returns?.length
      ? Promise.all(order.returns.map(async (rma): Promise<ReturnExecution> => ({ returnId: rma.returnId, ...(await executionOf(returnsView, rma.returnId, query.events)) })))
      : Promise.resolve(undefined),
  ]);
  return { orderId: order.id, channelId: order.channelId, ...lifecycle, ...(returns && { returns }) };
}

import {
  DescribeExecutionCommand,
  ExecutionDoesNotExist,
  ExecutionNotRedrivable,
  GetExecutionHistoryCommand,
  InvalidToken,
  ListExecutionsCommand,
  RedriveExecutionCommand,
  type SFNClient,
  type ExecutionListItem,
  type HistoryEvent,
} from '@aws-sdk/client-sfn';
import { executionArnOf, sfnClient } from './sfn-client';
import { invalidCursorError } from '../../domain/cursor';
import type { ExecutionOperations, StoppedExecution, StoppedExecutionStatus, WorkflowName } from '../../ports/execution-operations';


/** The state machine ARN of each workflow the function is granted, as its environment names it. */
export type WorkflowStateMachines = Readonly<Partial<Record<WorkflowName, string>>>;


/** Executions described at once: Step Functions' read APIs are throttled per account. */
const describeConcurrency = 5;

/** A history this long, newest first, reaches the last state an execution entered however it ended. */
const historyEventsToRead = 100;

const lastEnteredState = (events: readonly HistoryEvent[]) => events.find((event) => event.stateEnteredEventDetails?.name !== undefined)?.stateEnteredEventDetails?.name;

function orderIdOf(input: string | undefined): string | undefined {
  try {
    const parsed: unknown = JSON.parse(input ?? '');
    const orderId = typeof parsed === 'object' && parsed !== null ? (parsed as { orderId?: unknown }).orderId : undefined;
    return typeof orderId === 'string' ? orderId : undefined;
  } catch {
    return undefined;
  }
}

/** The workflows' executions on Step Functions: ListExecutions, then each one's description and the end of its history. */
export function stepFunctionsExecutionOperations(stateMachines: WorkflowStateMachines, sdk: SFNClient = sfnClient()): ExecutionOperations {
  // A clear error rather than an AccessDenied: the function's definition does not grant this workflow.
  const stateMachineOf = (workflow: WorkflowName) => {
    const arn = stateMachines[workflow];
    if (!arn) throw new Error(`This function is not granted the ${workflow} workflow's state machine (see infra/definitions/ops.ts)`);
    return arn;
  };
  const describe = async (workflow: WorkflowName, item: ExecutionListItem, status: StoppedExecutionStatus): Promise<StoppedExecution> => {
    const executionArn = item.executionArn as string;
    const [description, history] = await Promise.all([
      sdk.send(new DescribeExecutionCommand({ executionArn })),
      sdk.send(new GetExecutionHistoryCommand({ executionArn, reverseOrder: true, maxResults: historyEventsToRead, includeExecutionData: false })),
    ]);
    const name = item.name as string;
    const orderId = orderIdOf(description.input) ?? (workflow === 'lifecycle' ? name : undefined);
    const failedState = lastEnteredState(history.events ?? []);
    return {
      executionName: name,
      executionArn,
      workflow,
      status,
      ...(orderId !== undefined && { orderId }),
      startDate: (item.startDate ?? new Date(0)).toISOString(),
      ...(item.stopDate && { stopDate: item.stopDate.toISOString() }),
      ...(description.error !== undefined && { error: description.error }),
      ...(description.cause !== undefined && { cause: description.cause }),
      ...(failedState !== undefined && { failedState }),
      redriveCount: description.redriveCount ?? 0,
    };
  };

  return {
    async listStopped(workflow, status, { limit, nextToken }) {
      let page;
      try {
        page = await sdk.send(new ListExecutionsCommand({ stateMachineArn: stateMachineOf(workflow), statusFilter: status, maxResults: limit, ...(nextToken && { nextToken }) }));
      } catch (error) {
        if (error instanceof InvalidToken) throw invalidCursorError();
        throw error;
      }
      const items = page.executions ?? [];
      const executions: StoppedExecution[] = [];
      for (let start = 0; start < items.length; start += describeConcurrency) {
        executions.push(...(await Promise.all(items.slice(start, start + describeConcurrency).map((item) => describe(workflow, item, status)))));
      }
      return { executions, ...(page.nextToken && { nextToken: page.nextToken }) };
    },

    async positionOf(workflow, executionName) {
      const executionArn = executionArnOf(stateMachineOf(workflow), executionName);
      try {
        const [description, history] = await Promise.all([
          sdk.send(new DescribeExecutionCommand({ executionArn })),
          sdk.send(new GetExecutionHistoryCommand({ executionArn, reverseOrder: true, maxResults: historyEventsToRead, includeExecutionData: false })),
        ]);
        const state = lastEnteredState(history.events ?? []);
        return { status: description.status ?? 'UNKNOWN', ...(state !== undefined && { state }) };
      } catch (error) {
        if (error instanceof ExecutionDoesNotExist) return undefined;
        throw error;
      }
    },

    async redrive(workflow, executionName) {
      const executionArn = executionArnOf(stateMachineOf(workflow), executionName);
      try {
        const { redriveDate } = await sdk.send(new RedriveExecutionCommand({ executionArn }));
        return { outcome: 'redriven', executionArn, redriveDate: (redriveDate ?? new Date()).toISOString() };
      } catch (error) {
        if (error instanceof ExecutionDoesNotExist) return { outcome: 'not-found' };
        if (error instanceof ExecutionNotRedrivable) return { outcome: 'not-redrivable', reason: error.message };
        throw error;
      }
    },
  };
}

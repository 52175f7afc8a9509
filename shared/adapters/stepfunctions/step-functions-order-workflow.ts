import {
  ExecutionAlreadyExists,
  GetExecutionHistoryCommand,
  InvalidToken,
  SendTaskFailureCommand,
  SendTaskHeartbeatCommand,
  SendTaskSuccessCommand,
  type SFNClient,
  StartExecutionCommand,
  TaskDoesNotExist,
  TaskTimedOut,
  ExecutionDoesNotExist,
  type HistoryEvent,
} from '@aws-sdk/client-sfn';
import { executionArnOf, sfnClient } from './sfn-client';
import type { CallbackResult, ExecutionEvent, OrderWorkflow } from '../../ports/order-workflow';


/** A token that no longer waits: answered, timed out, or its execution ended. */
const isStale = (error: unknown) => error instanceof TaskDoesNotExist || error instanceof TaskTimedOut || error instanceof InvalidToken;


/** What a history event says, in one readable line per event (the details object varies by type). */
function describe(event: HistoryEvent): ExecutionEvent {
  const details = Object.entries(event).find(([key, value]) => key.endsWith('EventDetails') && value !== undefined)?.[1] as
    | { name?: string; error?: string; cause?: string }
    | undefined;
  return {
    timestamp: (event.timestamp ?? new Date(0)).toISOString(),
    type: event.type ?? 'Unknown',
    ...(details?.name !== undefined && { stateName: details.name }),
    ...(details?.error !== undefined && { error: details.error }),
    ...(details?.cause !== undefined && { cause: details.cause }),
  };
}

/** The order lifecycle on Step Functions: one execution per order, named by the order id. */
export function stepFunctionsOrderWorkflow(stateMachineArn: string, sdk: SFNClient = sfnClient()): OrderWorkflow {
  const callback = async (send: () => Promise<unknown>): Promise<CallbackResult> => {
    try {
      await send();
      return 'delivered';
    } catch (error) {
      if (isStale(error)) return 'stale';
      throw error;
    }
  };
  return {
    async start(orderId, input) {
      try {
        await sdk.send(new StartExecutionCommand({ stateMachineArn, name: orderId, input: JSON.stringify(input) }));
        return 'started';
      } catch (error) {
        // The name is the order id: a second start (a redelivered stream record) finds it taken.
        if (error instanceof ExecutionAlreadyExists) return 'already-started';
        throw error;
      }
    },
    succeed: (taskToken, output) => callback(() => sdk.send(new SendTaskSuccessCommand({ taskToken, output: JSON.stringify(output ?? {}) }))),
    fail: (taskToken, error, cause) => callback(() => sdk.send(new SendTaskFailureCommand({ taskToken, error, cause }))),
    heartbeat: (taskToken) => callback(() => sdk.send(new SendTaskHeartbeatCommand({ taskToken }))),
    async history(orderId) {
      const events: ExecutionEvent[] = [];
      let nextToken: string | undefined;
      try {
        do {
          const page = await sdk.send(new GetExecutionHistoryCommand({ executionArn: executionArnOf(stateMachineArn, orderId), nextToken, maxResults: 1000 }));
          events.push(...(page.events ?? []).map(describe));
          nextToken = page.nextToken;
        } while (nextToken);
      } catch (error) {
        if (error instanceof ExecutionDoesNotExist) return [];
        throw error;
      }
      return events;
    },
  };
}

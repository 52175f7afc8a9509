/**
 * Contracts of the ops console's own endpoint (GET /ops/orders/{id}/execution): an order's execution
 * as a state graph can draw it, with the definition it runs, the path it took and where it is now.
 */
import * as z from 'zod';
import { OrderIdPathSchema } from './order';

export const executionStatuses = ['NOT_STARTED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED'] as const;
export const ExecutionStatusSchema = z.enum(executionStatuses).describe('NOT_STARTED: the execution has no history yet (the outbox starts it within seconds of capture)');
export type ExecutionStatus = z.infer<typeof ExecutionStatusSchema>;

export const pathStepStatuses = ['succeeded', 'failed', 'caught', 'running'] as const;

export const ExecutionPathStepSchema = z
  .object({
    state: z.string().describe('The state’s name in the definition (states inside a Map iteration appear once per iteration)'),
    enteredAt: z.iso.datetime(),
    exitedAt: z.iso.datetime().optional().describe('Absent while the state runs'),
    status: z
      .enum(pathStepStatuses)
      .describe('succeeded: left normally; caught: an error was caught and the execution moved on (e.g. to CancelOrder); failed: the execution ended in it; running: it is there now'),
    error: z.string().optional().describe('The last error raised in the state, when it failed or an error was caught'),
  })
  .meta({ id: 'ExecutionPathStep' });
export type ExecutionPathStep = z.infer<typeof ExecutionPathStepSchema>;

export const ExecutionHistoryEventSchema = z
  .object({
    timestamp: z.iso.datetime(),
    type: z.string().describe('The Step Functions history event type, e.g. TaskStateEntered'),
    stateName: z.string().optional(),
    error: z.string().optional(),
    cause: z.string().optional(),
  })
  .meta({ id: 'ExecutionHistoryEvent' });

const executionShape = {
  stateMachine: z.string().describe('The state machine’s name, e.g. order-lifecycle'),
  definition: z
    .record(z.string(), z.unknown())
    .describe('The Amazon States Language definition the state machine runs (statemachines/<name>.asl.json, `${…}` placeholders as in the file)'),
  status: ExecutionStatusSchema,
  currentStates: z.array(z.string()).describe('The states running now (a Map and the states of its iterations); empty once the execution ended'),
  path: z.array(ExecutionPathStepSchema).describe('Every state entered, in the order entered'),
  events: z.array(ExecutionHistoryEventSchema).optional().describe('The execution’s history, oldest first; only with events=true'),
};

export const ReturnExecutionSchema = z
  .object({ returnId: z.string(), ...executionShape })
  .meta({ id: 'ReturnExecution', description: 'The order-return execution of one of the order’s returns (named by the return id)' });

export const OrderExecutionSchema = z
  .object({
    orderId: z.string(),
    channelId: z.string(),
    ...executionShape,
    returns: z.array(ReturnExecutionSchema).optional().describe('One per return (RMA) of the order, oldest first; absent when it has none'),
  })
  .meta({ id: 'OrderExecution', description: 'An order’s lifecycle execution, for drawing: the definition, its status, the states it is in and the path it took' });
export type OrderExecution = z.infer<typeof OrderExecutionSchema>;
export type ReturnExecution = z.infer<typeof ReturnExecutionSchema>;

export const OrderExecutionPathSchema = OrderIdPathSchema;

export const OrderExecutionQuerySchema = z.strictObject({
  events: z
    .enum(['true', 'false'])
    .default('false')
    .transform((value) => value === 'true')
    .describe('true: also answer the raw history events (can be long)'),
});
export type OrderExecutionQuery = z.infer<typeof OrderExecutionQuerySchema>;

interface OpsConsoleOpenApiHelpers {
  readonly json: (schema: z.ZodType, example?: unknown) => unknown;
  readonly problem: (description: string) => unknown;
  readonly commonProblems: Record<string, unknown>;
  readonly requiresScope: (scope: 'ops') => unknown;
  readonly parametersOf: (schema: z.ZodObject, location: 'query' | 'path') => { name: string }[];
}

/** The ops console's operations in the OpenAPI document, built with the document's own helpers (shared/contracts/openapi.ts). */
export function opsConsoleOpenApiPaths({ json, problem, commonProblems, requiresScope, parametersOf }: OpsConsoleOpenApiHelpers) {
  return {
    '/ops/orders/{id}/execution': {
      get: {
        operationId: 'getOrderExecution',
        ...(requiresScope('ops') as object),
        summary: 'An order’s lifecycle execution as a graph: definition, status, current states and the path taken',
        description:
          'For any channel’s order (an ops key). Built from the execution history of the order-lifecycle execution named by the order id, ' +
          'and of the order-return execution of each of its returns. The ops console (/ops) polls it to draw the execution live.',
        parameters: [
          ...parametersOf(OrderExecutionPathSchema, 'path').map((parameter) => ({ ...parameter, example: 'ord_01' })),
          ...parametersOf(OrderExecutionQuerySchema, 'query'),
        ],
        responses: {
          '200': { description: 'The execution', ...(json(OrderExecutionSchema) as object) },
          ...commonProblems,
          '404': problem('No such order (ORDER_NOT_FOUND)'),
        },
      },
    },
  };
}

/**
 * Contracts of the Ops API (`ops` scope, every channel): stuck orders, the risk-review hold queue,
 * escalations, failed workflow executions and their redrive, and dead letters and their redrive. For
 * validation, the handlers' answers and the OpenAPI document.
 */
import * as z from 'zod';
import { deadLetterIdPattern, deadLetterSources } from '../domain/ops/dead-letters';
import { openOrderStatuses } from '../domain/ops/service-levels';
import { stoppedExecutionStatuses, workflowNames } from '../ports/execution-operations';
import { MoneySchema } from './money';
import { ListOrdersQuerySchema, OrderPageSchema, OrderStatusSchema } from './order';

const limit = (max: number, fallback: number) => z.coerce.number().int().min(1).max(max).default(fallback).describe(`Page size, 1 to ${max} (default ${fallback})`);
const cursor = z.string().min(1).max(4096).optional().describe('nextCursor from the previous page of the same list');
const instant = z.iso.datetime();

const page = <Item extends z.ZodType>(item: Item, id: string, description: string) =>
  z
    .object({
      items: z.array(item),
      nextCursor: z.string().optional().describe('Absent on the last page'),
    })
    .meta({ id, description });

export const OpenOrderStatusSchema = z.enum(openOrderStatuses);

export const StuckOrdersQuerySchema = z.strictObject({
  status: OpenOrderStatusSchema.optional().describe('Only orders in this status; absent: every open status'),
  limit: limit(100, 25),
  cursor,
});
export type StuckOrdersQuery = z.infer<typeof StuckOrdersQuerySchema>;

export const WaitingForSchema = z
  .object({
    summary: z.string().describe('One line for people: the open waits, or the execution step the order is in'),
    waits: z
      .array(z.object({ kind: z.string(), waitId: z.string(), since: instant }))
      .describe('The task tokens the order’s execution waits on (a review, a payment action, a restock, a warehouse, a delivery)'),
    execution: z
      .object({ status: z.string(), state: z.string().optional().describe('The last step it entered') })
      .optional()
      .describe('Asked of the workflow when the order has no open wait'),
  })
  .meta({ id: 'WaitingFor' });

export const StuckOrderSchema = z
  .object({
    orderId: z.string(),
    channelId: z.string(),
    status: OpenOrderStatusSchema,
    since: instant.describe('The order’s last change'),
    waitingFor: WaitingForSchema,
    slaSeconds: z.int().describe('The service level of the status: how long an order may stay in it without a change'),
    overdueSeconds: z.int().describe('How far past the service level it is'),
  })
  .meta({ id: 'StuckOrder' });
export type StuckOrder = z.infer<typeof StuckOrderSchema>;
export const StuckOrderPageSchema = page(StuckOrderSchema, 'StuckOrderPage', 'Most overdue first');

export const OpsPageQuerySchema = z.strictObject({ limit: limit(100, 25), cursor });

/** How far back the cross-channel order list looks when placedFrom is not given. */
export const opsOrderListDefaultMonths = 24;

export const OpsOrdersQuerySchema = ListOrdersQuerySchema.extend({
  channel: z
    .string()
    .min(1)
    .max(64)
    .optional()
    .describe('Only this channel’s orders; absent: every channel. customerId needs it, customer ids being per channel'),
  placedFrom: ListOrdersQuerySchema.shape.placedFrom.describe(
    `Inclusive lower bound on placedAt; across channels it defaults to ${opsOrderListDefaultMonths} months ago`,
  ),
});
export type OpsOrdersQuery = z.infer<typeof OpsOrdersQuerySchema>;

export const OpenConsoleSessionRequestSchema = z
  .strictObject({
    consoleUrl: z.string().min(1).max(2048).describe('The console folder’s address on this site, ending in / (the sign-in page sends its own console/ folder)'),
  })
  .meta({ id: 'OpenConsoleSessionRequest', examples: [{ consoleUrl: 'http://127.0.0.1:3000/ops/console/' }] });
export const ConsoleSessionSchema = z
  .object({ expiresAt: instant.describe('When the cookies stop opening the console; sign in again then') })
  .meta({ id: 'ConsoleSession' });
export const OpsOrderPageSchema = OrderPageSchema;
export type OpsPageQuery = z.infer<typeof OpsPageQuerySchema>;

export const HeldOrderSchema = z
  .object({
    orderId: z.string(),
    channelId: z.string(),
    since: instant.describe('When the risk screen held it'),
    reasons: z.array(z.object({ code: z.string(), message: z.string() })).describe('Why the risk screen held it'),
    grandTotal: MoneySchema,
  })
  .meta({ id: 'HeldOrder' });
export type HeldOrder = z.infer<typeof HeldOrderSchema>;
export const HeldOrderPageSchema = page(HeldOrderSchema, 'HeldOrderPage', 'Oldest first');

export const EscalatedOrderSchema = z
  .object({
    orderId: z.string(),
    channelId: z.string(),
    status: OrderStatusSchema,
    by: z.string(),
    reason: z.string(),
    at: instant,
  })
  .meta({ id: 'EscalatedOrder' });
export type EscalatedOrder = z.infer<typeof EscalatedOrderSchema>;
export const EscalatedOrderPageSchema = page(EscalatedOrderSchema, 'EscalatedOrderPage', 'Oldest escalation first');

export const WorkflowNameSchema = z.enum(workflowNames).describe('lifecycle: the order lifecycle (one execution per order); return: a return (one per RMA)');

export const ExecutionsQuerySchema = z.strictObject({
  status: z.enum(stoppedExecutionStatuses).default('FAILED'),
  stateMachine: WorkflowNameSchema.default('lifecycle'),
  limit: limit(50, 20),
  cursor,
});
export type ExecutionsQuery = z.infer<typeof ExecutionsQuerySchema>;

export const StoppedExecutionSchema = z
  .object({
    executionName: z.string(),
    executionArn: z.string(),
    stateMachine: WorkflowNameSchema,
    orderId: z.string().nullable(),
    status: z.enum(stoppedExecutionStatuses),
    startDate: instant,
    stopDate: instant.nullable(),
    error: z.string().nullable(),
    cause: z.string().nullable(),
    failedState: z.string().nullable().describe('The last state it entered: where a redrive runs it again from'),
    redriveCount: z.int(),
  })
  .meta({ id: 'StoppedExecution' });
export type StoppedExecutionView = z.infer<typeof StoppedExecutionSchema>;
export const StoppedExecutionPageSchema = page(StoppedExecutionSchema, 'StoppedExecutionPage', 'Newest first');

export const ExecutionPathSchema = z.strictObject({
  executionName: z
    .string()
    .min(1)
    .max(80)
    .regex(/^[A-Za-z0-9_.-]+$/, 'an execution name has letters, digits and _ . - only'),
});

export const RedriveExecutionQuerySchema = z.strictObject({
  stateMachine: WorkflowNameSchema.optional().describe('Absent: the order lifecycle, then returns'),
});

export const RedrivenExecutionSchema = z
  .object({
    executionName: z.string(),
    executionArn: z.string(),
    stateMachine: WorkflowNameSchema,
    redriveDate: instant,
  })
  .meta({ id: 'RedrivenExecution' });
export type RedrivenExecution = z.infer<typeof RedrivenExecutionSchema>;

export const DeadLetterSourceSchema = z.enum(deadLetterSources).describe('integration: an event a rule target could not take; webhook: a partner webhook delivery that ran out of retries');

export const DeadLettersQuerySchema = z.strictObject({
  source: DeadLetterSourceSchema.optional().describe('Absent: both, integration dead letters first'),
  limit: limit(100, 25),
  cursor,
});
export type DeadLettersQuery = z.infer<typeof DeadLettersQuerySchema>;

export const DeadLetterSchema = z
  .object({
    id: z.string().describe('integration:<message id> or webhook:<subscription id>:<delivery id>'),
    source: DeadLetterSourceSchema,
    target: z.string().describe('integration: <rule>/<target>; webhook: the subscription id'),
    detailType: z.string(),
    orderId: z.string().optional(),
    channelId: z.string().optional().describe('webhook: the subscription’s channel'),
    failedAt: instant,
    error: z.string(),
  })
  .meta({ id: 'DeadLetter' });
export type DeadLetter = z.infer<typeof DeadLetterSchema>;
export const DeadLetterPageSchema = page(DeadLetterSchema, 'DeadLetterPage', 'Integration dead letters (as many as the queue hands out), then webhook dead letters, oldest first');

/** Dead letters redriven per call, of each source, when no ids are named. */
export const maxRedrivenPerCall = 100;

export const RedriveDeadLettersRequestSchema = z
  .strictObject({
    ids: z
      .array(z.string().regex(deadLetterIdPattern, 'must be a dead letter id from GET /ops/dead-letters'))
      .min(1)
      .max(maxRedrivenPerCall)
      .optional()
      .describe('The dead letters to redrive; absent: every dead letter (of `source`), up to 100 of each source a call'),
    source: DeadLetterSourceSchema.optional().describe('Without ids: only this source'),
  })
  .meta({ id: 'RedriveDeadLettersRequest', examples: [{ ids: ['webhook:whsub_01:dlv_01'] }] });
export type RedriveDeadLettersRequest = z.infer<typeof RedriveDeadLettersRequestSchema>;

export const RedriveDeadLettersResultSchema = z
  .object({
    redriven: z.array(z.string()),
    notFound: z.array(z.string()).describe('Named ids that are not (or no longer) dead letters'),
    failed: z.array(z.object({ id: z.string(), code: z.string(), message: z.string() })).describe('Dead letters that stay, with why'),
    more: z.boolean().describe('Without ids: more dead letters are left; call again'),
  })
  .meta({ id: 'RedriveDeadLettersResult' });
export type RedriveDeadLettersResult = z.infer<typeof RedriveDeadLettersResultSchema>;

export const opsApiLimits = { maxBodyBytes: 16 * 1024 } as const;

interface OpsOpenApiHelpers {
  readonly json: (schema: z.ZodType, example?: unknown) => unknown;
  readonly problem: (description: string) => unknown;
  readonly commonProblems: Record<string, unknown>;
  readonly requiresScope: (scope: 'ops') => unknown;
  readonly parametersOf: (schema: z.ZodObject, location: 'query' | 'path') => { name: string }[];
}

/** The Ops API's operations in the OpenAPI document, built with the document's own helpers (shared/contracts/openapi.ts). */
export function opsOpenApiPaths({ json, problem, commonProblems, requiresScope, parametersOf }: OpsOpenApiHelpers) {
  const ops = requiresScope('ops') as object;
  const badQuery = (what: string) => problem(`A query parameter is wrong (VALIDATION_FAILED; errors[].path names it: ${what}) or the cursor is not one this list returned (INVALID_CURSOR)`);
  const list = (operationId: string, summary: string, description: string, query: z.ZodObject, page: z.ZodType, wrong: string) => ({
    get: {
      operationId,
      ...ops,
      summary,
      description: `${description} An ops key sees every channel.`,
      parameters: parametersOf(query, 'query'),
      responses: { '200': { description: 'A page', ...(json(page) as object) }, ...commonProblems, '400': badQuery(wrong) },
    },
  });
  return {
    '/ops/stuck-orders': list(
      'listStuckOrders',
      'Open orders idle past their status’s service level, most overdue first, with what each waits for',
      'An order is stuck when it has not changed for longer than the service level of its status (OMS_OPS_SERVICE_LEVELS; defaults: PLACED 15 min, ALLOCATED and PAYMENT_AUTHORIZED 1 h, IN_FULFILMENT 48 h, SHIPPED 7 days, ...). ' +
        'waitingFor lists the task tokens its execution waits on or, without any, where the execution is. Escalated orders are on /ops/escalations instead.',
      StuckOrdersQuerySchema,
      StuckOrderPageSchema,
      'a status that is not open, a limit out of range',
    ),
    '/ops/hold-queue': list(
      'listHoldQueue',
      'Orders the risk screen held that wait for a review, oldest first',
      'Decide each with POST /ops/orders/{id}/review. An approved order that has not allocated yet no longer waits and is not listed; an escalated one is on /ops/escalations.',
      OpsPageQuerySchema,
      HeldOrderPageSchema,
      'a limit out of range',
    ),
    '/ops/orders': list(
      'listOrdersAcrossChannels',
      'Orders of every channel, or of one, newest first, with the filters of GET /orders',
      'A page may hold fewer orders than limit when a status filter leaves some out; follow nextCursor until it is absent. customerId needs channel (CHANNEL_REQUIRED).',
      OpsOrdersQuerySchema,
      OpsOrderPageSchema,
      'a status that is not one, placedFrom not before placedTo, customerId without channel',
    ),
    '/ops/escalations': list(
      'listEscalations',
      'Orders customer service escalated to ops, oldest escalation first, whatever their status',
      'An order stays here until customer service clears its escalation.',
      OpsPageQuerySchema,
      EscalatedOrderPageSchema,
      'a limit out of range',
    ),
    '/ops/executions': list(
      'listStoppedExecutions',
      'Lifecycle or return executions that failed, timed out or were aborted, newest first',
      'With the error and cause the execution ended with and the last state it entered, where a redrive runs it again from.',
      ExecutionsQuerySchema,
      StoppedExecutionPageSchema,
      'a status other than FAILED, TIMED_OUT or ABORTED, a state machine other than lifecycle or return',
    ),
    '/ops/executions/{executionName}/redrive': {
      post: {
        operationId: 'redriveExecution',
        ...ops,
        summary: 'Run a stopped execution again from the state it stopped in (Step Functions RedriveExecution)',
        description: 'States that succeeded before are not run again. The execution is named by its order (lifecycle) or return id.',
        parameters: [...parametersOf(ExecutionPathSchema, 'path'), ...parametersOf(RedriveExecutionQuerySchema, 'query')],
        responses: {
          '202': { description: 'Redriven: the execution runs again', ...(json(RedrivenExecutionSchema) as object) },
          ...commonProblems,
          '400': problem('The execution name or state machine is not valid (VALIDATION_FAILED; errors[].path names it)'),
          '404': problem('No such execution (EXECUTION_NOT_FOUND)'),
          '409': problem('The execution cannot be redriven (EXECUTION_NOT_REDRIVABLE): it is running or succeeded, or is past what Step Functions redrives'),
        },
      },
    },
    '/ops/dead-letters': list(
      'listDeadLetters',
      'Dead letters: events an integration rule’s target could not take, and partner webhook deliveries out of retries',
      'Integration dead letters come from the rule targets’ dead-letter queue, which cannot be paged: the first page shows as many as the queue hands out (up to limit); redriving them shows the next. ' +
        'Webhook dead letters follow, oldest first, page by page.',
      DeadLettersQuerySchema,
      DeadLetterPageSchema,
      'a source other than integration or webhook, a limit out of range',
    ),
    '/ops/dead-letters/redrive': {
      post: {
        operationId: 'redriveDeadLetters',
        ...ops,
        summary: 'Deliver dead letters again: the named ones, or every one (100 of each source a call)',
        description:
          'An integration dead letter’s event is put back on the bus as it was (same detail and event id): the target that failed gets it again, other targets drop it as a duplicate; then it leaves the queue. ' +
          'A webhook dead letter is redriven as by the subscription’s own redrive: due at once with a new retry window.',
        'x-example-status': 200,
        requestBody: { required: true, ...(json(RedriveDeadLettersRequestSchema, { ids: ['webhook:whsub_01:dlv_01'] }) as object) },
        responses: {
          '200': { description: 'What was redriven, not found, or failed, per id', ...(json(RedriveDeadLettersResultSchema) as object) },
          ...commonProblems,
          '400': problem('An id is not a dead letter id, or the body is not the contract (VALIDATION_FAILED; errors[].path names it)'),
          '413': problem('Body larger than 16 KB'),
          '415': problem('Body is not application/json'),
        },
      },
    },
    '/ops/console-session': {
      post: {
        operationId: 'openConsoleSession',
        ...ops,
        summary: 'Sign this browser in to the ops console’s files: CloudFront signed cookies for its folder, for 8 hours',
        description:
          'Sent by the console’s sign-in page with the ops key. The answer sets CloudFront-Policy, CloudFront-Signature and CloudFront-Key-Pair-Id (HttpOnly, SameSite=Strict, Secure but on localhost, Path = the console folder), ' +
          'which the distribution’s trusted key group checks on every console file (the local runtime checks them the same way). The key itself stays in the tab for the API calls.',
        // The example comes without the browser's Origin header, which the session must match.
        'x-example-status': 400,
        requestBody: { required: true, ...(json(OpenConsoleSessionRequestSchema, { consoleUrl: 'http://127.0.0.1:3000/ops/console/' }) as object) },
        responses: {
          '200': { description: 'Signed in: the cookies are set', ...(json(ConsoleSessionSchema) as object) },
          ...commonProblems,
          '400': problem('consoleUrl is not a console folder over https (CONSOLE_URL_INVALID), or not on the origin the request came from (ORIGIN_MISMATCH); errors[].path names consoleUrl'),
          '413': problem('Body larger than 16 KB'),
          '415': problem('Body is not application/json'),
        },
      },
    },
  };
}

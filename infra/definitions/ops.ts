/**
 * The Ops API, declared once for CDK and the local runtime: stuck orders, the risk-review hold queue,
 * escalations, failed workflow executions and their redrive, and dead letters and their redrive.
 * Every route needs the `ops` scope and sees every channel; every function reads API keys from the
 * orders table, and is granted only what its list or action reads or changes.
 */
import type { FunctionDefinition, RouteDefinition } from './api';
import { orderLifecycleName } from './lifecycle';
import { orderReturnName } from './returns';

const opsFunction = <Definition extends Omit<FunctionDefinition, 'entry'>>(definition: Definition) =>
  ({ ...definition, entry: `functions/ops/${definition.name}.ts` }) as const satisfies FunctionDefinition;

export const opsFunctions = {
  // Reads the ops queues, the orders and their waits; an order without a wait, where its execution is.
  listStuckOrders: opsFunction({
    name: 'list-stuck-orders',
    tables: { orders: 'read' },
    stateMachines: { [orderLifecycleName]: ['read'] },
    // Up to 80 small index queries (10 statuses × 8 shards), then a page of orders and their waits.
    timeoutSeconds: 29,
  }),
  listHoldQueue: opsFunction({ name: 'list-hold-queue', tables: { orders: 'read' } }),
  listEscalations: opsFunction({ name: 'list-escalations', tables: { orders: 'read' } }),
  // Across channels, an empty window is 8 small index queries per month back to placedFrom.
  listOrders: opsFunction({ name: 'list-orders', tables: { orders: 'read' }, timeoutSeconds: 29 }),
  // A page of executions, each described and the end of its history read.
  listExecutions: opsFunction({
    name: 'list-executions',
    tables: { orders: 'read' },
    stateMachines: { [orderLifecycleName]: ['list', 'read'], [orderReturnName]: ['list', 'read'] },
    timeoutSeconds: 29,
  }),
  redriveExecution: opsFunction({
    name: 'redrive-execution',
    tables: { orders: 'read' },
    stateMachines: { [orderLifecycleName]: ['redrive'], [orderReturnName]: ['redrive'] },
  }),
  // Receives from the dead-letter queue (long polling: a second when it is empty) and reads webhook dead letters.
  listDeadLetters: opsFunction({
    name: 'list-dead-letters',
    tables: { orders: 'read', webhooks: 'read' },
    eventDeadLetters: 'read',
    timeoutSeconds: 29,
  }),
  // Puts integration dead letters back on the bus and removes them; redrives webhook deliveries.
  redriveDeadLetters: opsFunction({
    name: 'redrive-dead-letters',
    tables: { orders: 'read', webhooks: 'readWrite' },
    eventBus: 'publish',
    eventDeadLetters: 'redrive',
    timeoutSeconds: 29,
  }),
  // Checks the ops key (orders table) and signs the console's cookies with the key from Secrets Manager.
  openConsoleSession: opsFunction({ name: 'open-console-session', tables: { orders: 'read' }, opsConsoleSigningKey: 'sign' }),
} as const satisfies Record<string, FunctionDefinition>;

export const opsRoutes: readonly RouteDefinition[] = [
  { method: 'GET', path: '/ops/stuck-orders', function: opsFunctions.listStuckOrders },
  { method: 'GET', path: '/ops/hold-queue', function: opsFunctions.listHoldQueue },
  { method: 'GET', path: '/ops/escalations', function: opsFunctions.listEscalations },
  { method: 'GET', path: '/ops/orders', function: opsFunctions.listOrders },
  { method: 'GET', path: '/ops/executions', function: opsFunctions.listExecutions },
  { method: 'POST', path: '/ops/executions/{executionName}/redrive', function: opsFunctions.redriveExecution },
  { method: 'GET', path: '/ops/dead-letters', function: opsFunctions.listDeadLetters },
  { method: 'POST', path: '/ops/dead-letters/redrive', function: opsFunctions.redriveDeadLetters },
  { method: 'POST', path: '/ops/console-session', function: opsFunctions.openConsoleSession },
];

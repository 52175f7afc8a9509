/**
 * The HTTP API: every route, the Lambda entry that serves it and the tables it may touch.
 *
 * CDK creates one function per entry and grants exactly the declared table access (with the
 * env var naming the table); the local runtime routes requests to the same entry modules.
 */
import type { TableName } from './tables';

export type TableAccess = 'read' | 'readWrite';

export interface FunctionDefinition {
  /** Short, stable name: CDK construct id and the local Lambda function name. */
  readonly name: string;
  /** Entry module, relative to the repository root; it exports `handler`. */
  readonly entry: string;
  readonly tables: Partial<Record<TableName, TableAccess>>;
  readonly memorySize?: number;
  readonly timeoutSeconds?: number;
}

/** Lambda settings unless a definition says otherwise; the local runtime enforces the same timeout. */
export const functionDefaults = { memorySize: 512, timeoutSeconds: 10 } as const;

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RouteDefinition {
  readonly method: HttpMethod;
  /** API Gateway route path, with `{param}` placeholders. */
  readonly path: string;
  readonly function: FunctionDefinition;
}

export const apiFunctions = {
  createOrder: {
    name: 'create-order',
    entry: 'functions/orders/create-order.ts',
    tables: { orders: 'readWrite', idempotency: 'readWrite' },
  },
  getOrder: {
    name: 'get-order',
    entry: 'functions/orders/get-order.ts',
    tables: { orders: 'read' },
  },
  listOrders: {
    name: 'list-orders',
    entry: 'functions/orders/list-orders.ts',
    tables: { orders: 'read' },
  },
  getOpenApi: {
    name: 'get-openapi',
    entry: 'functions/meta/get-openapi.ts',
    tables: {},
  },
} as const satisfies Record<string, FunctionDefinition>;

export const apiRoutes: readonly RouteDefinition[] = [
  { method: 'POST', path: '/orders', function: apiFunctions.createOrder },
  { method: 'GET', path: '/orders', function: apiFunctions.listOrders },
  { method: 'GET', path: '/orders/{id}', function: apiFunctions.getOrder },
  { method: 'GET', path: '/openapi.json', function: apiFunctions.getOpenApi },
];

/** Service name for Powertools logs, traces and metrics on both targets. */
export const serviceName = 'oms';
export const metricsNamespace = 'OMS';

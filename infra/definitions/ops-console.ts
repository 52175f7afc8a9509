/**
 * The ops console's own API, declared once for CDK and the local runtime: the execution view of an
 * order (GET /ops/orders/{id}/execution). The console's web page itself is static (web/ops-console/):
 * served by the local runtime at /ops, and by CloudFront on AWS (infra/aws/constructs/ops-console-site.ts).
 */
import type { FunctionDefinition, RouteDefinition } from './api';
import { orderLifecycleName } from './lifecycle';
import { orderReturnName } from './returns';

export const opsConsoleFunctions = {
  // Reads the order (any channel: an ops key) and the histories of its lifecycle and return executions.
  getOrderExecution: {
    name: 'get-order-execution',
    entry: 'functions/ops/get-order-execution.ts',
    tables: { orders: 'read' },
    stateMachines: { [orderLifecycleName]: ['read'], [orderReturnName]: ['read'] },
  },
} as const satisfies Record<string, FunctionDefinition>;

export const opsConsoleRoutes: readonly RouteDefinition[] = [
  { method: 'GET', path: '/ops/orders/{id}/execution', function: opsConsoleFunctions.getOrderExecution },
];

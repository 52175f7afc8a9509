/**
 * The HTTP API: every route, the Lambda entry that serves it and the tables it may touch.
 *
 * CDK creates one function per entry and grants exactly the declared table access (with the
 * env var naming the table); the local runtime routes requests to the same entry modules.
 */
import { customerServiceRoutes } from './customer-service';
import type { ChannelPlatformName } from '../../shared/channels/channel-connection';
import type { SecretName } from './secrets';
import type { TableName } from './tables';
import { returnRoutes } from './returns';
import { webhookRoutes } from './webhooks';
import { analyticsRoutes } from './analytics';
import { opsRoutes } from './ops';
import { opsConsoleRoutes } from './ops-console';

export type TableAccess = 'read' | 'readWrite';

/**
 * What a function may do with a state machine: start executions, answer task tokens
 * (SendTaskSuccess/Failure/Heartbeat), read executions (DescribeExecution, GetExecutionHistory),
 * list them (ListExecutions) or redrive them (RedriveExecution).
 */
export type StateMachineAccess = 'start' | 'callback' | 'read' | 'list' | 'redrive';

/** The env var that carries the domain event bus's name to a function allowed to publish. */
export const eventBusEnvVar = 'EVENT_BUS_NAME';

/** The env var that carries the URL of the rule targets' dead-letter queue to a function granted it. */
export const eventDeadLetterQueueEnvVar = 'EVENT_DEAD_LETTER_QUEUE_URL';

/** The env var that carries a state machine's ARN, e.g. ORDER_LIFECYCLE_STATE_MACHINE_ARN. */
export const stateMachineArnEnvVar = (stateMachineName: string) =>
  `${stateMachineName.toUpperCase().replace(/[^A-Z0-9]/g, '_')}_STATE_MACHINE_ARN`;

export interface FunctionDefinition {
  /** Short, stable name: CDK construct id and the local Lambda function name. */
  readonly name: string;
  /** Entry module, relative to the repository root; it exports `handler`. */
  readonly entry: string;
  readonly tables: Partial<Record<TableName, TableAccess>>;
  /** Publishes domain events: CDK grants events:PutEvents on the bus and sets EVENT_BUS_NAME. */
  readonly eventBus?: 'publish';
  /** State machines it uses, by name: CDK grants exactly these actions and sets each one's ARN env var. */
  readonly stateMachines?: Readonly<Record<string, readonly StateMachineAccess[]>>;
  /** Secrets it reads, by name (infra/definitions/secrets.ts): CDK grants GetSecretValue on each and sets its ARN env var. */
  readonly secrets?: readonly SecretName[];
  /**
   * Sends customer messages: CDK grants ses:SendEmail from the configured sender identity and
   * sns:Publish to phone numbers, and sets the NOTIFICATION_* settings (shared/notifications/notification-config.ts).
   */
  readonly notifications?: 'send';
  /**
   * Reads the dead-letter queue of the event rules' targets (receive, and release what it read), or
   * also removes what it redrove: CDK grants exactly that on the queue and sets EVENT_DEAD_LETTER_QUEUE_URL.
   */
  readonly eventDeadLetters?: 'read' | 'redrive';
  /**
   * Signs the ops console's CloudFront cookies: CDK grants GetSecretValue on the signing key's secret
   * and sets its ARN and the CloudFront public key's id (shared/adapters/cloudfront/console-signing-key-settings.ts).
   */
  readonly opsConsoleSigningKey?: 'sign';
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

/** An inventory API function: `functions/inventory/<name>.ts`, reading keys, reading or writing inventory. */
const inventoryFunction = (name: string, inventory: TableAccess) =>
  ({ name, entry: `functions/inventory/${name}.ts`, tables: { orders: 'read', inventory } }) as const satisfies FunctionDefinition;

/**
 * A channel's change to its order (cancel, edit): `functions/orders/<name>.ts`. It stops the shipments
 * it affects, releasing their holds and failing their fulfilment task tokens ('callback' on order-lifecycle).
 */
const orderChangeFunction = (name: string) =>
  ({
    name,
    entry: `functions/orders/${name}.ts`,
    tables: { orders: 'readWrite', inventory: 'readWrite' },
    eventBus: 'publish',
    stateMachines: { 'order-lifecycle': ['callback'] },
  }) as const satisfies FunctionDefinition;

/** A channel's order webhook: `functions/channels/receive-<platform>-order.ts`, writing orders, reading the platform's connection secret. */
const channelOrderReceiver = <Platform extends ChannelPlatformName>(platform: Platform) =>
  ({
    name: `receive-${platform}-order`,
    entry: `functions/channels/receive-${platform}-order.ts`,
    tables: { orders: 'readWrite' },
    secrets: [platform],
  }) as const satisfies FunctionDefinition;

/**
 * A partner integration function: `functions/integrations/<name>.ts`, applying the partner's event to
 * its order, publishing what changed and answering the order's lifecycle wait.
 */
const partnerEventFunction = (name: string, inventory: TableAccess) =>
  ({
    name,
    entry: `functions/integrations/${name}.ts`,
    tables: { orders: 'readWrite', inventory },
    eventBus: 'publish',
    stateMachines: { 'order-lifecycle': ['callback'] },
  }) as const satisfies FunctionDefinition;

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
  // Inventory: API keys are read from the orders table; only writers may write the inventory table.
  createLocation: inventoryFunction('create-location', 'readWrite'),
  replaceLocation: inventoryFunction('replace-location', 'readWrite'),
  getLocation: inventoryFunction('get-location', 'read'),
  listLocations: inventoryFunction('list-locations', 'read'),
  getAvailability: inventoryFunction('get-availability', 'read'),
  checkCartAvailability: inventoryFunction('check-cart-availability', 'read'),
  getStock: inventoryFunction('get-stock', 'read'),
  adjustStock: inventoryFunction('adjust-stock', 'readWrite'),
  setStockLevel: inventoryFunction('set-stock-level', 'readWrite'),
  // Up to 5,000 rows of 1 MB, written 20 at a time: more memory (and so CPU) and time than a single write.
  importStock: { ...inventoryFunction('import-stock', 'readWrite'), memorySize: 1024, timeoutSeconds: 30 },
  // Inbound channel webhooks: signed by the platform, not called with an API key; each reads its platform's connection secret.
  receiveShopifyOrder: channelOrderReceiver('shopify'),
  receiveBigCommerceOrder: channelOrderReceiver('bigcommerce'),
  receiveWooCommerceOrder: channelOrderReceiver('woocommerce'),
  cancelOrder: orderChangeFunction('cancel-order'),
  editOrder: orderChangeFunction('edit-order'),
  getOrderTimeline: {
    name: 'get-order-timeline',
    entry: 'functions/orders/get-order-timeline.ts',
    tables: { orders: 'read' },
    stateMachines: { 'order-lifecycle': ['read'] },
  },
  reviewOrder: {
    name: 'review-order',
    entry: 'functions/ops/review-order.ts',
    tables: { orders: 'readWrite' },
    eventBus: 'publish',
    stateMachines: { 'order-lifecycle': ['callback'] },
  },
  applyWmsEvent: partnerEventFunction('apply-wms-event', 'readWrite'),
  // Reads orders and answers the order's wait; lifecycle-context names the inventory table too (read only).
  applyPaymentEvent: partnerEventFunction('apply-payment-event', 'read'),
  // Reads the channel's lifecycle policy (pickup deadline) through lifecycle-context, which names
  // the inventory table too; the carrier never touches stock, so it only gets read.
  applyCarrierEvent: partnerEventFunction('apply-carrier-event', 'read'),
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
  { method: 'POST', path: '/locations', function: apiFunctions.createLocation },
  { method: 'GET', path: '/locations', function: apiFunctions.listLocations },
  { method: 'GET', path: '/locations/{id}', function: apiFunctions.getLocation },
  { method: 'PUT', path: '/locations/{id}', function: apiFunctions.replaceLocation },
  { method: 'GET', path: '/availability', function: apiFunctions.getAvailability },
  { method: 'POST', path: '/availability/cart', function: apiFunctions.checkCartAvailability },
  { method: 'GET', path: '/stock', function: apiFunctions.getStock },
  { method: 'POST', path: '/stock/adjustments', function: apiFunctions.adjustStock },
  { method: 'POST', path: '/stock/import', function: apiFunctions.importStock },
  { method: 'PUT', path: '/stock/{sku}/{locationId}', function: apiFunctions.setStockLevel },
  { method: 'POST', path: '/channels/shopify/orders', function: apiFunctions.receiveShopifyOrder },
  { method: 'POST', path: '/channels/bigcommerce/orders', function: apiFunctions.receiveBigCommerceOrder },
  { method: 'POST', path: '/channels/woocommerce/orders', function: apiFunctions.receiveWooCommerceOrder },
  { method: 'PATCH', path: '/orders/{id}', function: apiFunctions.editOrder },
  { method: 'POST', path: '/orders/{id}/cancel', function: apiFunctions.cancelOrder },
  ...customerServiceRoutes,
  { method: 'GET', path: '/orders/{id}/timeline', function: apiFunctions.getOrderTimeline },
  { method: 'POST', path: '/ops/orders/{id}/review', function: apiFunctions.reviewOrder },
  { method: 'POST', path: '/integrations/wms/events', function: apiFunctions.applyWmsEvent },
  { method: 'POST', path: '/integrations/carrier/events', function: apiFunctions.applyCarrierEvent },
  { method: 'POST', path: '/integrations/payments/events', function: apiFunctions.applyPaymentEvent },
  ...returnRoutes,
  ...webhookRoutes,
  ...analyticsRoutes,
  ...opsRoutes,
  ...opsConsoleRoutes,
  { method: 'GET', path: '/openapi.json', function: apiFunctions.getOpenApi },
];

/** Service name for Powertools logs, traces and metrics on both targets. */
export const serviceName = 'oms';
export const metricsNamespace = 'OMS';

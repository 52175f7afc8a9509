/**
 * The order lifecycle's resources, declared once for CDK and the local runtime: the task functions
 * of its two state machines, the machines with their placeholders, and the outbox consumer that
 * starts one execution per captured order.
 */
import type { FunctionDefinition, StateMachineAccess } from './api';
import type { StateMachineDefinition } from './state-machines';
import type { StreamConsumerDefinition } from './stream-consumers';

export const orderLifecycleName = 'order-lifecycle';
export const orderIntakeName = 'order-intake';

/**
 * A lifecycle task function: `functions/lifecycle/<name>.ts`. Every step reads and writes the order,
 * may hold or release stock and publishes what happened; `callback` only where it answers tokens.
 */
const lifecycleFunction = (name: string, options: { callback?: boolean; timeoutSeconds?: number } = {}) =>
  ({
    name,
    entry: `functions/lifecycle/${name}.ts`,
    tables: { orders: 'readWrite', inventory: 'readWrite' },
    eventBus: 'publish',
    ...(options.callback && { stateMachines: { [orderLifecycleName]: ['callback'] as readonly StateMachineAccess[] } }),
    ...(options.timeoutSeconds !== undefined && { timeoutSeconds: options.timeoutSeconds }),
  }) as const satisfies FunctionDefinition;

export const lifecycleFunctions = {
  startOrderLifecycles: {
    name: 'start-order-lifecycles',
    entry: 'functions/lifecycle/start-order-lifecycles.ts',
    tables: { orders: 'read' },
    eventBus: 'publish',
    stateMachines: { [orderLifecycleName]: ['start'] },
  },
  screenOrderRisk: lifecycleFunction('screen-order-risk'),
  // Allocation re-plans when a concurrent order took the stock first; under contention that takes longer than one write.
  allocateOrderStock: lifecycleFunction('allocate-order-stock', { timeoutSeconds: 30 }),
  authorizeOrderPayment: lifecycleFunction('authorize-order-payment'),
  applyReviewDefault: lifecycleFunction('apply-review-default'),
  awaitOrderEvent: lifecycleFunction('await-order-event', { callback: true }),
  requestFulfilment: lifecycleFunction('request-fulfilment'),
  shipShipment: lifecycleFunction('ship-shipment', { timeoutSeconds: 30 }),
  giveUpFulfilment: lifecycleFunction('give-up-fulfilment'),
  sourceRemainingLines: lifecycleFunction('source-remaining-lines', { timeoutSeconds: 30 }),
  cancelBackorderedLines: lifecycleFunction('cancel-backordered-lines'),
  handleOverdueDelivery: lifecycleFunction('handle-overdue-delivery'),
  completeOrder: lifecycleFunction('complete-order'),
  compensateOrder: lifecycleFunction('compensate-order', { callback: true, timeoutSeconds: 30 }),
} as const satisfies Record<string, FunctionDefinition>;

const fn = (definition: FunctionDefinition) => ({ kind: 'function', function: definition }) as const;

export const orderIntake: StateMachineDefinition = {
  name: orderIntakeName,
  definitionFile: 'statemachines/order-intake.asl.json',
  type: 'EXPRESS',
  substitutions: {
    ScreenOrderRiskFunctionArn: fn(lifecycleFunctions.screenOrderRisk),
    AllocateOrderStockFunctionArn: fn(lifecycleFunctions.allocateOrderStock),
    AuthorizeOrderPaymentFunctionArn: fn(lifecycleFunctions.authorizeOrderPayment),
  },
};

export const orderLifecycle: StateMachineDefinition = {
  name: orderLifecycleName,
  definitionFile: 'statemachines/order-lifecycle.asl.json',
  type: 'STANDARD',
  substitutions: {
    OrderIntakeStateMachineArn: { kind: 'state-machine', name: orderIntakeName },
    ApplyReviewDefaultFunctionArn: fn(lifecycleFunctions.applyReviewDefault),
    AwaitOrderEventFunctionArn: fn(lifecycleFunctions.awaitOrderEvent),
    RequestFulfilmentFunctionArn: fn(lifecycleFunctions.requestFulfilment),
    ShipShipmentFunctionArn: fn(lifecycleFunctions.shipShipment),
    GiveUpFulfilmentFunctionArn: fn(lifecycleFunctions.giveUpFulfilment),
    SourceRemainingLinesFunctionArn: fn(lifecycleFunctions.sourceRemainingLines),
    CancelBackorderedLinesFunctionArn: fn(lifecycleFunctions.cancelBackorderedLines),
    HandleOverdueDeliveryFunctionArn: fn(lifecycleFunctions.handleOverdueDelivery),
    CompleteOrderFunctionArn: fn(lifecycleFunctions.completeOrder),
    CompensateOrderFunctionArn: fn(lifecycleFunctions.compensateOrder),
  },
};

/** The outbox: inserts of orders start their executions; a redelivered batch starts nothing twice. */
export const orderOutboxConsumer: StreamConsumerDefinition = {
  name: 'order-outbox',
  table: 'orders',
  function: lifecycleFunctions.startOrderLifecycles,
  batchSize: 25,
  startingPosition: 'TRIM_HORIZON',
  // Effectively until the record leaves the stream (24 h): an order must never be left without its execution.
  maximumRetryAttempts: 10_000,
  reportBatchItemFailures: true,
  bisectBatchOnFunctionError: true,
  // Only captured orders start executions; every other write of the table (order updates, task
  // tokens, payment and notification records) never invokes the function.
  filterPatterns: [{ eventName: ['INSERT'], dynamodb: { NewImage: { entity: { S: ['Order'] } } } }],
};

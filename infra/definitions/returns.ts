/**
 * Returns (RMAs), declared once for CDK and the local runtime: the order-return state machine (one
 * STANDARD execution per return, named by the return id), its task functions, and the API that
 * starts a return and takes the receiving location's report.
 */
import type { FunctionDefinition, RouteDefinition, StateMachineAccess } from './api';
import type { StateMachineDefinition } from './state-machines';

export const orderReturnName = 'order-return';

/** A return task: reads and writes the order (and its waits), stock (restock), publishes what happened. */
const returnFunction = (name: string, options: { stateMachines?: readonly StateMachineAccess[]; timeoutSeconds?: number } = {}) =>
  ({
    name,
    entry: `functions/returns/${name}.ts`,
    tables: { orders: 'readWrite', inventory: 'readWrite' },
    eventBus: 'publish',
    ...(options.stateMachines && { stateMachines: { [orderReturnName]: options.stateMachines } }),
    ...(options.timeoutSeconds !== undefined && { timeoutSeconds: options.timeoutSeconds }),
  }) as const satisfies FunctionDefinition;

export const returnFunctions = {
  createReturn: returnFunction('create-return', { stateMachines: ['start'] }),
  receiveReturn: returnFunction('receive-return', { stateMachines: ['callback'] }),
  issueReturnLabel: returnFunction('issue-return-label'),
  awaitReturnReceipt: returnFunction('await-return-receipt'),
  expireReturn: returnFunction('expire-return'),
  // One refund per capture of the order, each a provider call.
  refundReturn: returnFunction('refund-return', { timeoutSeconds: 30 }),
  restockReturn: returnFunction('restock-return'),
  completeReturn: returnFunction('complete-return'),
} as const satisfies Record<string, FunctionDefinition>;

export const returnRoutes: readonly RouteDefinition[] = [
  { method: 'POST', path: '/orders/{id}/returns', function: returnFunctions.createReturn },
  { method: 'POST', path: '/integrations/returns/receipts', function: returnFunctions.receiveReturn },
];

const fn = (definition: FunctionDefinition) => ({ kind: 'function', function: definition }) as const;

export const orderReturn: StateMachineDefinition = {
  name: orderReturnName,
  definitionFile: 'statemachines/order-return.asl.json',
  type: 'STANDARD',
  substitutions: {
    IssueReturnLabelFunctionArn: fn(returnFunctions.issueReturnLabel),
    AwaitReturnReceiptFunctionArn: fn(returnFunctions.awaitReturnReceipt),
    ExpireReturnFunctionArn: fn(returnFunctions.expireReturn),
    RefundReturnFunctionArn: fn(returnFunctions.refundReturn),
    RestockReturnFunctionArn: fn(returnFunctions.restockReturn),
    CompleteReturnFunctionArn: fn(returnFunctions.completeReturn),
  },
};

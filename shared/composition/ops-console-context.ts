/**
 * Composition root of the ops console's execution view: the orders table, the order-lifecycle and
 * order-return executions (read only), and the two state machines' definitions. The ASL files are
 * imported, so esbuild bundles them into the Lambda function; the local runtime reads the same files.
 */
import * as z from 'zod';
import orderLifecycleDefinition from '../../statemachines/order-lifecycle.asl.json' with { type: 'json' };
import orderReturnDefinition from '../../statemachines/order-return.asl.json' with { type: 'json' };
import { stepFunctionsOrderWorkflow } from '../adapters/stepfunctions/step-functions-order-workflow';
import { loadConfig } from '../config/load-config';
import type { GetOrderExecutionDependencies } from '../use-cases/ops/get-order-execution';
import { orders, workflow } from './order-workflow-context';

export { authenticateApiKey } from './channel-authentication';

const config = loadConfig({
  // Set only for functions granted the state machine (CDK sets it with the grant): without it, returns are left out.
  ORDER_RETURN_STATE_MACHINE_ARN: z.string().startsWith('arn:', 'must be the order-return state machine ARN').optional(),
});

export const executionViews: GetOrderExecutionDependencies = {
  orders,
  lifecycle: { name: 'order-lifecycle', definition: orderLifecycleDefinition, workflow },
  ...(config.ORDER_RETURN_STATE_MACHINE_ARN && {
    returns: { name: 'order-return', definition: orderReturnDefinition, workflow: stepFunctionsOrderWorkflow(config.ORDER_RETURN_STATE_MACHINE_ARN) },
  }),
};

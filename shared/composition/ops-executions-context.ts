/**
 * Composition root of the ops functions that operate workflow executions: the ARN of each state
 * machine the function is granted (CDK sets it together with the grant), read once at cold start.
 */
import * as z from 'zod';
import { stepFunctionsExecutionOperations } from '../adapters/stepfunctions/step-functions-execution-operations';
import { loadConfig } from '../config/load-config';

export { authenticateApiKey } from './channel-authentication';

const stateMachineArn = z.string().startsWith('arn:', 'must be a state machine ARN').optional();
const config = loadConfig({ ORDER_LIFECYCLE_STATE_MACHINE_ARN: stateMachineArn, ORDER_RETURN_STATE_MACHINE_ARN: stateMachineArn });

export const executions = stepFunctionsExecutionOperations({
  ...(config.ORDER_LIFECYCLE_STATE_MACHINE_ARN && { lifecycle: config.ORDER_LIFECYCLE_STATE_MACHINE_ARN }),
  ...(config.ORDER_RETURN_STATE_MACHINE_ARN && { return: config.ORDER_RETURN_STATE_MACHINE_ARN }),
});

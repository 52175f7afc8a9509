/**
 * Composition root of the return functions: the lifecycle's adapters, the order-return workflow
 * (Step Functions; its ARN set by CDK with the grant) and the channels' return policies, read once.
 */
import { monotonicFactory } from 'ulid';
import * as z from 'zod';
import { stepFunctionsOrderWorkflow } from '../adapters/stepfunctions/step-functions-order-workflow';
import { ConfigError, jsonSetting, loadConfig } from '../config/load-config';
import { ReturnPoliciesSchema } from '../domain/returns/return-policy';
import type { OrderWorkflow } from '../ports/order-workflow';
import type { ReturnDependencies } from '../use-cases/returns/return-dependencies';
import { lifecycle, partnerEvents } from './lifecycle-context';

export { authenticateApiKey } from './channel-authentication';
export { partnerEvents };

const config = loadConfig({
  // Set only for functions granted the state machine (CDK sets it with the grant).
  ORDER_RETURN_STATE_MACHINE_ARN: z.string().startsWith('arn:', 'must be the order-return state machine ARN').optional(),
  OMS_RETURN_POLICIES: jsonSetting(ReturnPoliciesSchema.prefault({})),
});

const ungranted = (): never => {
  throw new ConfigError('ORDER_RETURN_STATE_MACHINE_ARN is not set: this function is not granted the order-return state machine (see infra/definitions/returns.ts)');
};
const ungrantedWorkflow: OrderWorkflow = { start: ungranted, succeed: ungranted, fail: ungranted, heartbeat: ungranted, history: ungranted };

const ulid = monotonicFactory();

export const returns: ReturnDependencies & { newOrderId: () => string } = {
  ...lifecycle,
  returnWorkflow: config.ORDER_RETURN_STATE_MACHINE_ARN ? stepFunctionsOrderWorkflow(config.ORDER_RETURN_STATE_MACHINE_ARN) : ungrantedWorkflow,
  returnPolicies: config.OMS_RETURN_POLICIES,
  newOrderId: () => `ord_${ulid()}`,
};

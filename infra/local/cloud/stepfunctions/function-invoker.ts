/**
 * The `invokeFunction` the engine needs, built from function definitions: the ARN a state machine
 * names (after substitution) selects the handler module CDK deploys, invoked in-process as Lambda
 * would (context, deadline, timeout → Sandbox.Timedout).
 */
import type { FunctionDefinition } from '../../../definitions/api';
import type { StateMachineDefinition } from '../../../definitions/state-machines';
import { invokeHandler, loadHandler, localFunctionName, type LambdaHandler } from '../../lambda-invoker';
import { lambdaFunctionArn } from './arns';

export class FunctionNotFoundError extends Error {
  constructor(functionArn: string) {
    super(`Function not found: ${functionArn}`);
    // The error name the Lambda integration reports for an unknown function.
    this.name = 'Lambda.ResourceNotFoundException';
  }
}

/** Every function the state machines' substitutions refer to, each once. */
export function functionsOfStateMachines(definitions: readonly StateMachineDefinition[]): FunctionDefinition[] {
  const byName = new Map<string, FunctionDefinition>();
  for (const definition of definitions) {
    for (const target of Object.values(definition.substitutions)) if (target.kind === 'function') byName.set(target.function.name, target.function);
  }
  return [...byName.values()];
}

/** Loads every handler up front, so a missing module fails at start-up rather than mid-execution. */
export async function createLocalFunctionInvoker({
  functions,
  repositoryRoot,
  region,
}: {
  functions: readonly FunctionDefinition[];
  repositoryRoot: string;
  region: string;
}): Promise<(functionArn: string, payload: unknown) => Promise<unknown>> {
  const byArn = new Map<string, { definition: FunctionDefinition; handler: LambdaHandler }>();
  for (const definition of functions) {
    byArn.set(lambdaFunctionArn(region, localFunctionName(definition)), { definition, handler: await loadHandler(repositoryRoot, definition) });
  }
  return async (functionArn, payload) => {
    const target = byArn.get(functionArn);
    if (!target) throw new FunctionNotFoundError(functionArn);
    return invokeHandler(target.handler, target.definition, payload);
  };
}

/**
 * Invokes a function's handler module in-process, the way the Lambda service would: the module is
 * the one CDK deploys, it gets a Lambda context with a real deadline, and it is cut off at its timeout.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Context } from 'aws-lambda';
import { functionDefaults, type FunctionDefinition } from '../definitions/api';
import { createLambdaContext } from './lambda-context';

export type LambdaHandler<Event = unknown, Result = unknown> = (event: Event, context: Context) => Promise<Result>;

export class FunctionTimeoutError extends Error {
  constructor(functionName: string, timeoutSeconds: number) {
    super(`${functionName} timed out after ${timeoutSeconds} s`);
    this.name = 'Sandbox.Timedout';
  }
}

export const localFunctionName = (definition: FunctionDefinition) => `oms-local-${definition.name}`;

export async function loadHandler<Event, Result>(repositoryRoot: string, definition: FunctionDefinition): Promise<LambdaHandler<Event, Result>> {
  const module = (await import(pathToFileURL(resolve(repositoryRoot, definition.entry)).href)) as { handler?: LambdaHandler<Event, Result> };
  if (typeof module.handler !== 'function') throw new Error(`${definition.entry} does not export a handler`);
  return module.handler;
}

/** Runs the handler; rejects with FunctionTimeoutError when it outlives the function's timeout. */
export async function invokeHandler<Event, Result>(handler: LambdaHandler<Event, Result>, definition: FunctionDefinition, event: Event): Promise<Result> {
  const timeoutSeconds = definition.timeoutSeconds ?? functionDefaults.timeoutSeconds;
  const functionName = localFunctionName(definition);
  const context = createLambdaContext({
    functionName,
    memorySize: definition.memorySize ?? functionDefaults.memorySize,
    timeoutSeconds,
  });
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new FunctionTimeoutError(functionName, timeoutSeconds)), timeoutSeconds * 1000);
  });
  try {
    return await Promise.race([handler(event, context), timedOut]);
  } finally {
    clearTimeout(timer);
  }
}

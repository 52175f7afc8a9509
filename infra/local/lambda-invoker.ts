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

export interface LambdaInvocationStats {
  readonly functionName: string;
  readonly memorySizeMb: number;
  readonly invocations: number;
  /** Invocations that threw or timed out. */
  readonly errors: number;
  readonly totalDurationMs: number;
  /** Each invocation's duration rounded up to the millisecond, as Lambda bills it. */
  readonly billedDurationMs: number;
}

/**
 * Invocations and their duration per function, whatever invoked them (the HTTP gateway, stream
 * pollers, rules, state machines): what `npm run bench` prices. Always on, so it costs a clock
 * read and a map update per invocation.
 */
const invocationStats = new Map<string, { memorySizeMb: number; invocations: number; errors: number; totalDurationMs: number; billedDurationMs: number }>();

export function lambdaInvocationStats(): LambdaInvocationStats[] {
  return [...invocationStats].map(([functionName, stats]) => ({ functionName, ...stats }));
}

export function resetLambdaInvocationStats(): void {
  invocationStats.clear();
}

function recordInvocation(functionName: string, memorySizeMb: number, durationMs: number, failed: boolean): void {
  let stats = invocationStats.get(functionName);
  if (!stats) {
    stats = { memorySizeMb, invocations: 0, errors: 0, totalDurationMs: 0, billedDurationMs: 0 };
    invocationStats.set(functionName, stats);
  }
  stats.invocations += 1;
  if (failed) stats.errors += 1;
  stats.totalDurationMs += durationMs;
  stats.billedDurationMs += Math.ceil(durationMs);
}

export async function loadHandler<Event, Result>(repositoryRoot: string, definition: FunctionDefinition): Promise<LambdaHandler<Event, Result>> {
  const module = (await import(pathToFileURL(resolve(repositoryRoot, definition.entry)).href)) as { handler?: LambdaHandler<Event, Result> };
  if (typeof module.handler !== 'function') throw new Error(`${definition.entry} does not export a handler`);
  return module.handler;
}

/** Runs the handler; rejects with FunctionTimeoutError when it outlives the function's timeout. */
export async function invokeHandler<Event, Result>(handler: LambdaHandler<Event, Result>, definition: FunctionDefinition, event: Event): Promise<Result> {
  const timeoutSeconds = definition.timeoutSeconds ?? functionDefaults.timeoutSeconds;
  const functionName = localFunctionName(definition);
  const memorySize = definition.memorySize ?? functionDefaults.memorySize;
  const context = createLambdaContext({ functionName, memorySize, timeoutSeconds });
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new FunctionTimeoutError(functionName, timeoutSeconds)), timeoutSeconds * 1000);
  });
  const started = performance.now();
  let failed = true;
  try {
    const result = await Promise.race([handler(event, context), timedOut]);
    failed = false;
    return result;
  } finally {
    clearTimeout(timer);
    recordInvocation(functionName, memorySize, performance.now() - started, failed);
  }
}

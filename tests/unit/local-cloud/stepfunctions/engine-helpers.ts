/** Inline state machines on an engine with fake functions: for behaviours one ASL snippet shows best. */
import { afterEach } from 'vitest';
import { lambdaFunctionArn } from '../../../../infra/local/cloud/stepfunctions/arns';
import { LocalStepFunctions, type LocalStepFunctionsOptions } from '../../../../infra/local/cloud/stepfunctions/local-step-functions';
import { collectingLogger, fixtureRegion } from '../../../fixtures/stepfunctions/fixture-engine';

export const region = fixtureRegion;

/** The ARN of a fake function, for `Resource` or `FunctionName`. */
export const functionArn = (name: string) => lambdaFunctionArn(region, name);

export type Payload = Record<string, unknown>;
export type FakeFunction = (payload: Payload) => unknown;

/** Errors a fake function throws carry the Lambda errorType as their name, like real handlers' errors. */
export function namedError(name: string, message = `${name} happened`): Error {
  const error = new Error(message);
  error.name = name;
  return error;
}

export function createEngine(
  machines: Record<string, Record<string, unknown>>,
  functions: Record<string, FakeFunction> = {},
  options: Partial<LocalStepFunctionsOptions> = {},
) {
  const calls: { name: string; payload: Payload }[] = [];
  const logger = collectingLogger();
  const engine = new LocalStepFunctions({
    invokeFunction: async (arn, payload) => {
      const name = arn.split(':').pop() as string;
      calls.push({ name, payload: payload as Payload });
      const fake = functions[name];
      if (!fake) throw namedError('Lambda.ResourceNotFoundException', `no fake for ${name}`);
      return fake(payload as Payload);
    },
    region,
    timeScale: 0.001,
    logger,
    // Schema validation costs ~0.1 s per definition; the fixture engine and the registration tests keep it on.
    validateDefinitions: false,
    ...options,
  });
  const arns: Record<string, string> = {};
  for (const [name, definition] of Object.entries(machines)) arns[name] = engine.registerStateMachine({ name, definition }).stateMachineArn;
  const start = (machine: string, input: unknown = {}, name?: string) =>
    engine.startExecution({ stateMachineArn: arns[machine] as string, input: JSON.stringify(input), ...(name && { name }) }).executionArn;
  const run = async (machine: string, input: unknown = {}) => engine.waitForExecution(start(machine, input));
  return { engine, calls, logger, arns, start, run };
}

/** Polls until the assertion stops throwing (or its last error after the timeout). */
export async function eventually<T>(assertion: () => T, timeoutMs = 3000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return assertion();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
  }
}

/** Resolves with the payloads a fake callback function has received once there are `count` of them. */
export const callbackPayloads = (calls: { name: string; payload: Payload }[], name: string, count: number) =>
  eventually(() => {
    const found = calls.filter((call) => call.name === name).map((call) => call.payload);
    if (found.length < count) throw new Error(`${name}: ${found.length} of ${count} calls`);
    return found;
  });

/**
 * Engines a test creates are closed after it (timers, pending tasks). Returns `track`, which
 * registers a setup's engine and hands the setup back.
 */
export function closeEnginesAfterEach(): <Setup extends { readonly engine: LocalStepFunctions }>(setup: Setup) => Setup {
  const engines: LocalStepFunctions[] = [];
  afterEach(async () => {
    await Promise.all(engines.splice(0).map((engine) => engine.close()));
  });
  return (setup) => {
    engines.push(setup.engine);
    return setup;
  };
}

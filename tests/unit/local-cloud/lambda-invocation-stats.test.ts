import { beforeEach, describe, expect, it } from 'vitest';
import type { FunctionDefinition } from '../../../infra/definitions/api';
import { invokeHandler, lambdaInvocationStats, resetLambdaInvocationStats } from '../../../infra/local/lambda-invoker';

const definition: FunctionDefinition = { name: 'stats-probe', entry: 'unused', tables: {}, memorySize: 256 };

describe('Lambda invocation stats of the local invoker', () => {
  beforeEach(() => resetLambdaInvocationStats());

  it('counts invocations, failures and billed milliseconds per function', async () => {
    await invokeHandler(async () => new Promise((resolve) => setTimeout(() => resolve('ok'), 5)), definition, {});
    await expect(invokeHandler(async () => Promise.reject(new Error('boom')), definition, {})).rejects.toThrow('boom');

    const [stats] = lambdaInvocationStats();
    expect(stats).toMatchObject({ functionName: 'oms-local-stats-probe', memorySizeMb: 256, invocations: 2, errors: 1 });
    expect(stats?.totalDurationMs).toBeGreaterThanOrEqual(4);
    // Each invocation is rounded up to the next millisecond, as Lambda bills it.
    expect(stats?.billedDurationMs).toBeGreaterThanOrEqual(Math.ceil(stats?.totalDurationMs ?? 0));
    expect(Number.isInteger(stats?.billedDurationMs)).toBe(true);
  });

  it('starts again from nothing after a reset', async () => {
    await invokeHandler(async () => 'ok', definition, {});
    resetLambdaInvocationStats();
    expect(lambdaInvocationStats()).toEqual([]);
  });
});

import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AwsServiceError } from '../../../../infra/local/cloud/aws-json-server';
import { interruptedByRestartCause } from '../../../../infra/local/cloud/stepfunctions/local-step-functions';
import { callbackPayloads, closeEnginesAfterEach, createEngine, functionArn, namedError, type FakeFunction } from './engine-helpers';

// Engines close before their storage directories are removed (afterEach hooks run in reverse order).
const directories: string[] = [];
afterEach(() => {
  for (const directory of directories.splice(0)) rmSync(directory, { recursive: true, force: true });
});
const track = closeEnginesAfterEach();

function storage(): string {
  const directory = mkdtempSync(join(tmpdir(), 'local-sfn-'));
  directories.push(directory);
  return directory;
}

/** Price → await a callback → confirm: the callback is where a restart catches it. */
const orderFlow = {
  StartAt: 'Price',
  States: {
    Price: { Type: 'Task', Resource: functionArn('price'), ResultPath: '$.price', Next: 'AwaitPayment' },
    AwaitPayment: {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
      Parameters: { FunctionName: functionArn('callback'), Payload: { 'taskToken.$': '$$.Task.Token', 'price.$': '$.price' } },
      ResultPath: '$.payment',
      Next: 'Confirm',
    },
    Confirm: { Type: 'Task', Resource: functionArn('confirm'), End: true },
  },
};

function setUp(functions: Record<string, FakeFunction>, storageDirectory?: string) {
  const setup = createEngine({ orders: orderFlow }, functions, storageDirectory ? { storageDirectory } : {});
  track(setup);
  return setup;
}

const defaultFunctions = (): Record<string, FakeFunction> => ({
  price: () => 42,
  callback: () => ({}),
  confirm: (payload) => ({ confirmed: true, paid: payload.payment }),
});

describe('persistence across restarts', () => {
  it('keeps executions and their history when the engine is restarted on the same storage', async () => {
    // Prepare
    const directory = storage();
    const first = setUp(defaultFunctions(), directory);
    const executionArn = first.start('orders', { orderId: 'o-1' }, 'kept');
    const [payload] = await callbackPayloads(first.calls, 'callback', 1);
    first.engine.sendTaskSuccess({ taskToken: String(payload!.taskToken), output: '"paid"' });
    const finished = await first.engine.waitForExecution(executionArn);
    const history = first.engine.getExecutionHistory({ executionArn, maxResults: 1000 }).events;
    await first.engine.close();

    // Act
    const second = setUp(defaultFunctions(), directory);

    // Assess
    expect(second.engine.describeExecution({ executionArn })).toEqual(finished);
    expect(second.engine.getExecutionHistory({ executionArn, maxResults: 1000 }).events).toEqual(history);
    expect(second.engine.listExecutions({ stateMachineArn: second.arns.orders as string }).executions.map((execution) => execution.name)).toEqual(['kept']);
    expect(second.engine.strandedExecutions()).toEqual([]);
  });

  it('writes one JSON file per execution and leaves no temporary files', async () => {
    // Prepare
    const directory = storage();
    const quick = createEngine({ quick: { StartAt: 'Done', States: { Done: { Type: 'Pass', End: true } } } }, {}, { storageDirectory: directory });
    track(quick);

    // Act
    await quick.run('quick', { n: 1 });
    await quick.run('quick', { n: 2 });
    await quick.engine.close();

    // Assess
    const files = readdirSync(join(directory, 'quick'));
    expect(files).toHaveLength(2);
    expect(files.every((file) => file.endsWith('.json'))).toBe(true);
    const record = JSON.parse(readFileSync(join(directory, 'quick', files[0]!), 'utf8'));
    expect(record).toMatchObject({ stateMachineName: 'quick', status: 'SUCCEEDED', history: expect.any(Array) });
  });

  it('reports an execution that was running when the process stopped: FAILED, States.Runtime, listed as stranded and logged', async () => {
    // Prepare
    const directory = storage();
    const first = setUp(defaultFunctions(), directory);
    const executionArn = first.start('orders', { orderId: 'o-2' }, 'interrupted');
    await callbackPayloads(first.calls, 'callback', 1);
    await first.engine.close();

    // Act
    const second = setUp(defaultFunctions(), directory);

    // Assess
    expect(second.engine.strandedExecutions()).toEqual([{ executionArn, stateMachineArn: second.arns.orders, name: 'interrupted', startDate: expect.any(Date), lastState: 'AwaitPayment' }]);
    expect(second.engine.describeExecution({ executionArn })).toMatchObject({ status: 'FAILED', error: 'States.Runtime', cause: interruptedByRestartCause, redriveStatus: 'REDRIVABLE' });
    expect(second.engine.getExecutionHistory({ executionArn, reverseOrder: true }).events[0]).toMatchObject({ type: 'ExecutionFailed', executionFailedEventDetails: { error: 'States.Runtime', cause: interruptedByRestartCause } });
    expect(second.logger.lines).toContainEqual(expect.objectContaining({ level: 'WARN', executionArn, state: 'AwaitPayment', message: expect.stringContaining(interruptedByRestartCause) }));
  });

  it('redrives a stranded execution from the state it was in, with that state\'s input and a new task token', async () => {
    // Prepare
    const directory = storage();
    const first = setUp(defaultFunctions(), directory);
    const executionArn = first.start('orders', { orderId: 'o-3' }, 'resumed');
    const [oldCallback] = await callbackPayloads(first.calls, 'callback', 1);
    await first.engine.close();
    const second = setUp(defaultFunctions(), directory);

    // Act
    second.engine.redriveExecution({ executionArn });
    const [newCallback] = await callbackPayloads(second.calls, 'callback', 1);
    second.engine.sendTaskSuccess({ taskToken: String(newCallback!.taskToken), output: '"paid"' });
    const result = await second.engine.waitForExecution(executionArn);

    // Assess
    expect(result).toMatchObject({ status: 'SUCCEEDED', redriveCount: 1, redriveDate: expect.any(Date) });
    expect(JSON.parse(result.output!)).toEqual({ confirmed: true, paid: 'paid' });
    expect(newCallback).toMatchObject({ price: 42 });
    expect(newCallback!.taskToken).not.toBe(oldCallback!.taskToken);
    expect(second.calls.map((call) => call.name)).toEqual(['callback', 'confirm']);
    expect(() => second.engine.sendTaskSuccess({ taskToken: String(oldCallback!.taskToken), output: '{}' })).toThrow(expect.objectContaining({ type: 'TaskTimedOut' }));
    const types = second.engine.getExecutionHistory({ executionArn, maxResults: 1000 }).events.map((event) => event.type);
    expect(types.slice(types.indexOf('ExecutionFailed'), types.indexOf('ExecutionFailed') + 3)).toEqual(['ExecutionFailed', 'ExecutionRedriven', 'TaskStateEntered']);
    expect(second.engine.getExecutionHistory({ executionArn, maxResults: 1000 }).events.find((event) => event.type === 'ExecutionRedriven')).toMatchObject({ executionRedrivenEventDetails: { redriveCount: 1 } });
    expect(second.engine.listExecutions({ stateMachineArn: second.arns.orders as string, redriveFilter: 'REDRIVEN' }).executions.map((execution) => execution.name)).toEqual(['resumed']);
  });
});

describe('RedriveExecution', () => {
  it('re-runs a FAILED execution from the top-level state that failed, not from the start', async () => {
    // Prepare
    let confirmations = 0;
    const { engine, start, calls } = setUp({
      ...defaultFunctions(),
      confirm: () => {
        confirmations += 1;
        if (confirmations === 1) throw namedError('Ledger.Unavailable');
        return { confirmed: true };
      },
    });
    const executionArn = start('orders', { orderId: 'o-4' });
    const [callback] = await callbackPayloads(calls, 'callback', 1);
    engine.sendTaskSuccess({ taskToken: String(callback!.taskToken), output: '"paid"' });
    const failed = await engine.waitForExecution(executionArn);

    // Act
    const { redriveDate } = engine.redriveExecution({ executionArn });
    const result = await engine.waitForExecution(executionArn);

    // Assess
    expect(failed).toMatchObject({ status: 'FAILED', error: 'Ledger.Unavailable' });
    expect(redriveDate).toBeInstanceOf(Date);
    expect(result).toMatchObject({ status: 'SUCCEEDED', redriveCount: 1, output: '{"confirmed":true}' });
    expect(result.error).toBeUndefined();
    expect(calls.map((call) => call.name)).toEqual(['price', 'callback', 'confirm', 'confirm']);
  });

  it('redrives an ABORTED execution from the state it was stopped in', async () => {
    // Prepare
    const { engine, start, calls } = setUp(defaultFunctions());
    const executionArn = start('orders', { orderId: 'o-5' });
    await callbackPayloads(calls, 'callback', 1);
    engine.stopExecution({ executionArn });

    // Act
    engine.redriveExecution({ executionArn });
    const [, callback] = await callbackPayloads(calls, 'callback', 2);
    engine.sendTaskSuccess({ taskToken: String(callback!.taskToken), output: '"paid"' });

    // Assess
    expect(await engine.waitForExecution(executionArn)).toMatchObject({ status: 'SUCCEEDED', redriveCount: 1 });
    expect(calls.filter((call) => call.name === 'price')).toHaveLength(1);
  });

  it('refuses to redrive a running or succeeded execution with ExecutionNotRedrivable', async () => {
    // Prepare
    const { engine, start, calls } = setUp(defaultFunctions());
    const executionArn = start('orders', { orderId: 'o-6' });
    const [callback] = await callbackPayloads(calls, 'callback', 1);

    // Act
    const whileRunning = () => engine.redriveExecution({ executionArn });
    engine.sendTaskSuccess({ taskToken: String(callback!.taskToken), output: '"paid"' });
    await engine.waitForExecution(executionArn);
    const afterSuccess = () => engine.redriveExecution({ executionArn });

    // Assess
    expect(whileRunning).toThrow(AwsServiceError);
    expect(whileRunning).toThrow(expect.objectContaining({ type: 'ExecutionNotRedrivable' }));
    expect(afterSuccess).toThrow(expect.objectContaining({ type: 'ExecutionNotRedrivable' }));
    expect(engine.describeExecution({ executionArn })).toMatchObject({ redriveStatus: 'NOT_REDRIVABLE', redriveStatusReason: 'Execution is SUCCEEDED and cannot be redriven' });
  });
});

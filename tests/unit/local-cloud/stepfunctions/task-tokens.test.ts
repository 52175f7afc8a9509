import { describe, expect, it } from 'vitest';
import { AwsServiceError } from '../../../../infra/local/cloud/aws-json-server';
import { createTaskToken } from '../../../../infra/local/cloud/stepfunctions/task-token';
import { createFixtureEngine } from '../../../fixtures/stepfunctions/fixture-engine';
import { waitForCallbacks } from '../../../fixtures/stepfunctions/fixture-inbox';
import { carrierCallbackStateMachine } from '../../../fixtures/stepfunctions/state-machines';
import { callbackPayloads, closeEnginesAfterEach, createEngine, functionArn, region } from './engine-helpers';

const track = closeEnginesAfterEach();

const setUp = (...args: Parameters<typeof createEngine>) => track(createEngine(...args));

const awsErrorOf = (action: () => unknown): string => {
  try {
    action();
  } catch (error) {
    if (error instanceof AwsServiceError) return error.type;
    throw error;
  }
  return 'no error';
};

const callbackTask = (fields: Record<string, unknown> = {}) => ({
  Type: 'Task',
  Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
  Parameters: { FunctionName: functionArn('callback'), Payload: { 'taskToken.$': '$$.Task.Token', 'item.$': '$' } },
  ...fields,
});

describe('.waitForTaskToken', () => {
  it('gives each Map iteration and each Parallel branch its own token, and each resumes with its own output', async () => {
    // Prepare
    const definition = {
      StartAt: 'Fan',
      States: {
        Fan: {
          Type: 'Parallel',
          Branches: [
            { StartAt: 'EachLine', States: { EachLine: { Type: 'Map', ItemsPath: '$.lines', ItemProcessor: { StartAt: 'PerLine', States: { PerLine: callbackTask({ End: true }) } }, End: true } } },
            { StartAt: 'Approve', States: { Approve: callbackTask({ End: true }) } },
          ],
          End: true,
        },
      },
    };
    const { engine, start, calls } = setUp({ fan: definition }, { callback: () => ({ submitted: true }) });
    const executionArn = start('fan', { lines: ['a', 'b', 'c', 'd'] });

    // Act
    const payloads = await callbackPayloads(calls, 'callback', 5);
    for (const payload of payloads) engine.sendTaskSuccess({ taskToken: String(payload.taskToken), output: JSON.stringify({ done: payload.item }) });
    const result = await engine.waitForExecution(executionArn);

    // Assess
    expect(new Set(payloads.map((payload) => payload.taskToken)).size).toBe(5);
    expect(result.status).toBe('SUCCEEDED');
    expect(JSON.parse(result.output!)).toEqual([[{ done: 'a' }, { done: 'b' }, { done: 'c' }, { done: 'd' }], { done: { lines: ['a', 'b', 'c', 'd'] } }]);
  });

  it('gives a retried callback task a new token per attempt; the earlier attempt\'s token has ended', async () => {
    // Prepare
    const definition = { StartAt: 'Await', States: { Await: callbackTask({ Retry: [{ ErrorEquals: ['Courier.Busy'], IntervalSeconds: 1 }], End: true }) } };
    const { engine, start, calls } = setUp({ retry: definition }, { callback: () => ({}) });
    const executionArn = start('retry');
    const [first] = await callbackPayloads(calls, 'callback', 1);

    // Act
    engine.sendTaskFailure({ taskToken: String(first!.taskToken), error: 'Courier.Busy', cause: 'try later' });
    const [, second] = await callbackPayloads(calls, 'callback', 2);
    engine.sendTaskSuccess({ taskToken: String(second!.taskToken), output: '"delivered"' });
    const result = await engine.waitForExecution(executionArn);

    // Assess
    expect(second!.taskToken).not.toBe(first!.taskToken);
    expect(result).toMatchObject({ status: 'SUCCEEDED', output: '"delivered"' });
    expect(awsErrorOf(() => engine.sendTaskSuccess({ taskToken: String(first!.taskToken), output: '{}' }))).toBe('TaskTimedOut');
  });

  it('fails the task with the error and cause given to SendTaskFailure, which Catch matches', async () => {
    // Prepare
    const definition = {
      StartAt: 'Await',
      States: {
        Await: callbackTask({ Catch: [{ ErrorEquals: ['Warehouse.Rejected'], ResultPath: '$.rejection', Next: 'Cancel' }], End: true }),
        Cancel: { Type: 'Pass', End: true },
      },
    };
    const { engine, start, calls } = setUp({ reject: definition }, { callback: () => ({}) });
    const executionArn = start('reject', { orderId: 'o-9' });
    const [payload] = await callbackPayloads(calls, 'callback', 1);

    // Act
    engine.sendTaskFailure({ taskToken: String(payload!.taskToken), error: 'Warehouse.Rejected', cause: 'no stock' });
    const result = await engine.waitForExecution(executionArn);

    // Assess
    expect(JSON.parse(result.output!)).toEqual({ orderId: 'o-9', rejection: { Error: 'Warehouse.Rejected', Cause: 'no stock' } });
    const failed = engine.getExecutionHistory({ executionArn }).events.find((event) => event.type === 'TaskFailed');
    expect(failed).toMatchObject({ taskFailedEventDetails: { resourceType: 'lambda', resource: 'invoke.waitForTaskToken', error: 'Warehouse.Rejected', cause: 'no stock' } });
  });

  it('puts the attempt\'s token wherever $$.Task.Token is used, intrinsic functions included', async () => {
    // Prepare
    const definition = {
      StartAt: 'Await',
      States: {
        Await: {
          Type: 'Task',
          Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
          Parameters: { FunctionName: functionArn('callback'), Payload: { 'taskToken.$': '$$.Task.Token', 'approveLink.$': "States.Format('https://approve.local/{}', $$.Task.Token)" } },
          End: true,
        },
      },
    };
    const { engine, start, calls } = setUp({ link: definition }, { callback: () => ({}) });

    // Act
    const executionArn = start('link');
    const [payload] = await callbackPayloads(calls, 'callback', 1);
    engine.stopExecution({ executionArn });

    // Assess
    expect(payload!.approveLink).toBe(`https://approve.local/${String(payload!.taskToken)}`);
  });

  it('ends the tokens of Map iterations the interpreter aborts when another iteration fails', async () => {
    // Prepare
    const definition = {
      StartAt: 'Lines',
      States: {
        Lines: {
          Type: 'Map',
          ItemsPath: '$.lines',
          ItemProcessor: { StartAt: 'PerLine', States: { PerLine: callbackTask({ End: true }) } },
          Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'Review' }],
          End: true,
        },
        Review: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken', Parameters: { FunctionName: functionArn('review'), Payload: { 'taskToken.$': '$$.Task.Token' } }, End: true },
      },
    };
    const { engine, start, calls } = setUp({ lines: definition }, { callback: () => ({}), review: () => ({}) });
    const executionArn = start('lines', { lines: ['a', 'b', 'c'] });
    const [first, ...siblings] = await callbackPayloads(calls, 'callback', 3);

    // Act
    engine.sendTaskFailure({ taskToken: String(first!.taskToken), error: 'Line.Rejected' });
    await callbackPayloads(calls, 'review', 1);

    // Assess
    expect(engine.describeExecution({ executionArn }).status).toBe('RUNNING');
    for (const sibling of siblings) expect(awsErrorOf(() => engine.sendTaskSuccess({ taskToken: String(sibling.taskToken), output: '{}' }))).toBe('TaskTimedOut');
    engine.stopExecution({ executionArn });
  });

  it('answers InvalidToken, TaskDoesNotExist, TaskTimedOut and InvalidOutput as AWS does', async () => {
    // Prepare
    const { engine, start, calls } = setUp({ waits: { StartAt: 'Await', States: { Await: callbackTask({ End: true }) } } }, { callback: () => ({}) });
    start('waits');
    const [payload] = await callbackPayloads(calls, 'callback', 1);
    const token = String(payload!.taskToken);
    const tokenOfUnknownExecution = createTaskToken(`arn:aws:states:${region}:000000000000:execution:waits:never`, 'Await');

    // Act
    const notJson = awsErrorOf(() => engine.sendTaskSuccess({ taskToken: token, output: '{oops' }));
    const first = awsErrorOf(() => engine.sendTaskSuccess({ taskToken: token, output: '{}' }));
    const again = awsErrorOf(() => engine.sendTaskSuccess({ taskToken: token, output: '{}' }));

    // Assess
    expect(notJson).toBe('InvalidOutput');
    expect(first).toBe('no error');
    expect(again).toBe('TaskTimedOut');
    expect(awsErrorOf(() => engine.sendTaskHeartbeat({ taskToken: token }))).toBe('TaskTimedOut');
    expect(awsErrorOf(() => engine.sendTaskSuccess({ taskToken: 'not a token!', output: '{}' }))).toBe('InvalidToken');
    expect(awsErrorOf(() => engine.sendTaskSuccess({ taskToken: tokenOfUnknownExecution, output: '{}' }))).toBe('TaskDoesNotExist');
  });
});

describe('HeartbeatSeconds and TimeoutSeconds', () => {
  it('times out a callback task without heartbeats with States.HeartbeatTimeout, which the fixture catches and escalates', async () => {
    // Prepare
    const fixture = await createFixtureEngine({ timeScale: 0.001 });
    track(fixture);
    const orderId = `carrier-${crypto.randomUUID().slice(0, 8)}`;

    // Act
    const { executionArn } = fixture.engine.startExecution({ stateMachineArn: fixture.arnOf(carrierCallbackStateMachine), input: JSON.stringify({ orderId }) });
    const [callback] = await waitForCallbacks(orderId, 'carrier');
    const result = await fixture.engine.waitForExecution(executionArn);

    // Assess
    expect(JSON.parse(result.output!)).toMatchObject({ orderId, escalation: 'escalated', error: { Error: 'States.HeartbeatTimeout' } });
    const timedOut = fixture.engine.getExecutionHistory({ executionArn }).events.find((event) => event.type === 'TaskTimedOut');
    expect(timedOut).toMatchObject({ taskTimedOutEventDetails: { error: 'States.HeartbeatTimeout', resourceType: 'lambda' } });
    expect(awsErrorOf(() => fixture.engine.sendTaskHeartbeat({ taskToken: callback!.taskToken }))).toBe('TaskTimedOut');
  });

  it('keeps a callback task alive while heartbeats arrive within HeartbeatSeconds', async () => {
    // Prepare
    const fixture = await createFixtureEngine({ timeScale: 0.005 });
    track(fixture);
    const orderId = `carrier-${crypto.randomUUID().slice(0, 8)}`;
    const { executionArn } = fixture.engine.startExecution({ stateMachineArn: fixture.arnOf(carrierCallbackStateMachine), input: JSON.stringify({ orderId }) });
    const [callback] = await waitForCallbacks(orderId, 'carrier');

    // Act: HeartbeatSeconds 60 is 300 ms here; beat every 25 ms for 400 ms, past a whole heartbeat period.
    for (let beat = 0; beat < 16; beat += 1) {
      fixture.engine.sendTaskHeartbeat({ taskToken: callback!.taskToken });
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    fixture.engine.sendTaskSuccess({ taskToken: callback!.taskToken, output: '{"pickedUp":true}' });
    const result = await fixture.engine.waitForExecution(executionArn);

    // Assess
    expect(JSON.parse(result.output!)).toEqual({ orderId, pickup: { pickedUp: true } });
  });

  it('times out a callback task after TimeoutSeconds with States.Timeout, which States.TaskFailed does not catch', async () => {
    // Prepare
    const definition = {
      StartAt: 'Await',
      States: {
        Await: callbackTask({
          TimeoutSeconds: 30,
          Catch: [
            { ErrorEquals: ['States.TaskFailed'], Next: 'WrongCatcher' },
            { ErrorEquals: ['States.Timeout'], ResultPath: '$.error', Next: 'TimedOut' },
          ],
          End: true,
        }),
        WrongCatcher: { Type: 'Fail', Error: 'Wrong' },
        TimedOut: { Type: 'Pass', End: true },
      },
    };
    const { engine, start, calls } = setUp({ timeout: definition }, { callback: () => ({}) });

    // Act
    const executionArn = start('timeout');
    const [payload] = await callbackPayloads(calls, 'callback', 1);
    const result = await engine.waitForExecution(executionArn);

    // Assess
    expect(result.status).toBe('SUCCEEDED');
    expect(JSON.parse(result.output!).error).toMatchObject({ Error: 'States.Timeout' });
    expect(engine.getExecutionHistory({ executionArn }).events.map((event) => event.type)).toContain('TaskTimedOut');
    expect(awsErrorOf(() => engine.sendTaskSuccess({ taskToken: String(payload!.taskToken), output: '{}' }))).toBe('TaskTimedOut');
  });

  it('times out a Lambda task after its TimeoutSeconds (scaled) with States.Timeout', async () => {
    // Prepare
    const definition = { StartAt: 'Slow', States: { Slow: { Type: 'Task', Resource: functionArn('slow'), TimeoutSeconds: 20, End: true } } };
    const { run, engine } = setUp({ slow: definition }, { slow: () => new Promise((resolve) => setTimeout(() => resolve('late'), 500)) });

    // Act
    const result = await run('slow');

    // Assess
    expect(result).toMatchObject({ status: 'FAILED', error: 'States.Timeout' });
    const types = engine.getExecutionHistory({ executionArn: result.executionArn }).events.map((event) => event.type);
    expect(types).toEqual(['ExecutionStarted', 'TaskStateEntered', 'LambdaFunctionScheduled', 'LambdaFunctionStarted', 'LambdaFunctionTimedOut', 'ExecutionFailed']);
  });

  it('reads TimeoutSecondsPath from the task input', async () => {
    // Prepare
    const definition = { StartAt: 'Await', States: { Await: callbackTask({ TimeoutSecondsPath: '$.slaSeconds', End: true }) } };
    const { run } = setUp({ sla: definition }, { callback: () => ({}) });

    // Act
    const result = await run('sla', { slaSeconds: 25 });

    // Assess
    expect(result).toMatchObject({ status: 'FAILED', error: 'States.Timeout' });
  });
});

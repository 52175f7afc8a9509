import { describe, expect, it } from 'vitest';
import { AwsServiceError } from '../../../../infra/local/cloud/aws-json-server';
import { callbackPayloads, closeEnginesAfterEach, createEngine, eventually, functionArn, namedError, region } from './engine-helpers';

const track = closeEnginesAfterEach();

const setUp = (...args: Parameters<typeof createEngine>) => track(createEngine(...args));

const expectAwsError = (action: () => unknown, type: string) => {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(AwsServiceError);
    expect((error as AwsServiceError).type).toBe(type);
    return;
  }
  throw new Error(`expected ${type}`);
};

const passThrough = { StartAt: 'Echo', States: { Echo: { Type: 'Pass', End: true } } };
const waitsForCallback = {
  StartAt: 'Await',
  States: {
    Await: {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
      Parameters: { FunctionName: functionArn('callback'), Payload: { 'taskToken.$': '$$.Task.Token' } },
      End: true,
    },
  },
};

describe('StartExecution naming, as on AWS', () => {
  it('names an execution with a UUID when no name is given', async () => {
    // Prepare
    const { engine, arns } = setUp({ echo: passThrough });

    // Act
    const { executionArn } = engine.startExecution({ stateMachineArn: arns.echo as string });

    // Assess
    expect(executionArn).toMatch(new RegExp(`^arn:aws:states:${region}:000000000000:execution:echo:[0-9a-f-]{36}$`));
    expect((await engine.waitForExecution(executionArn)).input).toBe('{}');
  });

  it('returns the same execution for the same name and input, and ExecutionAlreadyExists for another input, whatever its status', async () => {
    // Prepare
    const { engine, arns } = setUp({ echo: passThrough });
    const first = engine.startExecution({ stateMachineArn: arns.echo as string, name: 'order-1', input: '{"a":1}' });

    // Act
    const repeatedWhileRunning = engine.startExecution({ stateMachineArn: arns.echo as string, name: 'order-1', input: '{ "a": 1 }' });
    await engine.waitForExecution(first.executionArn);
    const repeatedAfterEnd = engine.startExecution({ stateMachineArn: arns.echo as string, name: 'order-1', input: '{"a":1}' });

    // Assess
    expect(repeatedWhileRunning).toEqual(first);
    expect(repeatedAfterEnd).toEqual(first);
    expectAwsError(() => engine.startExecution({ stateMachineArn: arns.echo as string, name: 'order-1', input: '{"a":2}' }), 'ExecutionAlreadyExists');
    expect(engine.listExecutions({ stateMachineArn: arns.echo as string }).executions).toHaveLength(1);
  });

  it('rejects bad names, input that is not JSON, unknown state machines and malformed ARNs with the AWS errors', () => {
    // Prepare
    const { engine, arns } = setUp({ echo: passThrough });
    const stateMachineArn = arns.echo as string;

    // Act & Assess
    expectAwsError(() => engine.startExecution({ stateMachineArn, name: 'has space' }), 'InvalidName');
    expectAwsError(() => engine.startExecution({ stateMachineArn, name: 'x'.repeat(81) }), 'InvalidName');
    expectAwsError(() => engine.startExecution({ stateMachineArn, name: 'a:b' }), 'InvalidName');
    expectAwsError(() => engine.startExecution({ stateMachineArn, input: '{not json' }), 'InvalidExecutionInput');
    expectAwsError(() => engine.startExecution({ stateMachineArn: stateMachineArn.replace('echo', 'missing') }), 'StateMachineDoesNotExist');
    expectAwsError(() => engine.startExecution({ stateMachineArn: 'not-an-arn' }), 'InvalidArn');
    expectAwsError(() => engine.describeExecution({ executionArn: `arn:aws:states:${region}:000000000000:execution:echo:nope` }), 'ExecutionDoesNotExist');
  });
});

describe('DescribeExecution, ListExecutions and the state machine APIs', () => {
  it('describes a running and then a succeeded execution with input and output as JSON strings', async () => {
    // Prepare
    const { engine, calls, start } = setUp({ waits: waitsForCallback }, { callback: () => ({}) });
    const executionArn = start('waits', { orderId: 'o-1' }, 'describe-me');
    const [payload] = await callbackPayloads(calls, 'callback', 1);

    // Act
    const running = engine.describeExecution({ executionArn });
    engine.sendTaskSuccess({ taskToken: String(payload!.taskToken), output: '{"done":true}' });
    const finished = await engine.waitForExecution(executionArn);

    // Assess
    expect(running).toMatchObject({ executionArn, name: 'describe-me', status: 'RUNNING', input: '{"orderId":"o-1"}', redriveCount: 0, redriveStatus: 'NOT_REDRIVABLE' });
    expect(running.stopDate).toBeUndefined();
    expect(running.startDate).toBeInstanceOf(Date);
    expect(finished).toMatchObject({ status: 'SUCCEEDED', output: '{"done":true}', outputDetails: { included: true } });
    expect(finished.stopDate!.getTime()).toBeGreaterThanOrEqual(finished.startDate.getTime());
  });

  it('lists executions newest first, filtered by status, a page at a time', async () => {
    // Prepare
    const { engine, arns, start, calls } = setUp({ waits: waitsForCallback }, { callback: () => ({}) });
    const stateMachineArn = arns.waits as string;
    const started = ['e1', 'e2', 'e3', 'e4'].map((name) => start('waits', {}, name));
    await callbackPayloads(calls, 'callback', 4);
    engine.stopExecution({ executionArn: started[1] as string });

    // Act
    const firstPage = engine.listExecutions({ stateMachineArn, maxResults: 3 });
    const secondPage = engine.listExecutions({ stateMachineArn, maxResults: 3, nextToken: firstPage.nextToken as string });
    const aborted = engine.listExecutions({ stateMachineArn, statusFilter: 'ABORTED' });

    // Assess
    expect(firstPage.executions.map((execution) => execution.name)).toEqual(['e4', 'e3', 'e2']);
    expect(secondPage.executions.map((execution) => execution.name)).toEqual(['e1']);
    expect(secondPage.nextToken).toBeUndefined();
    expect(aborted.executions).toEqual([expect.objectContaining({ name: 'e2', status: 'ABORTED', stopDate: expect.any(Date) })]);
    expectAwsError(() => engine.listExecutions({ stateMachineArn, nextToken: 'garbage' }), 'InvalidToken');
  });

  it('lists and describes registered state machines with their definition as given', () => {
    // Prepare
    const { engine, arns } = setUp({ echo: passThrough, other: passThrough });

    // Act
    const list = engine.listStateMachines();
    const description = engine.describeStateMachine({ stateMachineArn: arns.echo as string });

    // Assess
    expect(list.stateMachines.map((machine) => machine.name)).toEqual(['echo', 'other']);
    expect(list.stateMachines[0]).toMatchObject({ stateMachineArn: arns.echo, type: 'STANDARD', creationDate: expect.any(Date) });
    expect(JSON.parse(description.definition)).toEqual(passThrough);
    expect(description).toMatchObject({ name: 'echo', status: 'ACTIVE', roleArn: expect.stringMatching(/^arn:aws:iam::000000000000:role\//) });
  });

  it('refuses at registration what it cannot run, so a mistake fails at start-up', () => {
    // Prepare
    const { engine } = setUp({}, {}, { validateDefinitions: true });
    const task = (resource: string) => ({ StartAt: 'T', States: { T: { Type: 'Task', Resource: resource, End: true } } });

    // Act & Assess
    expectAwsError(() => engine.registerStateMachine({ name: 'activity', definition: task(`arn:aws:states:${region}:000000000000:activity:a`) }), 'InvalidDefinition');
    expectAwsError(() => engine.registerStateMachine({ name: 'dynamo', definition: task('arn:aws:states:::dynamodb:putItem') }), 'InvalidDefinition');
    expectAwsError(() => engine.registerStateMachine({ name: 'events', definition: task('arn:aws:states:::events:putEvents') }), 'InvalidDefinition');
    expectAwsError(() => engine.registerStateMachine({ name: 'jsonata', definition: { ...passThrough, QueryLanguage: 'JSONata' } }), 'InvalidDefinition');
    expectAwsError(() => engine.registerStateMachine({ name: 'broken', definition: { StartAt: 'Missing', States: {} } }), 'InvalidDefinition');
    expectAwsError(() => engine.registerStateMachine({ name: 'bad name', definition: passThrough }), 'InvalidName');
  });
});

describe('task results and errors', () => {
  it('answers lambda:invoke with the Lambda Invoke response (Payload, StatusCode 200), as on AWS', async () => {
    // Prepare
    const definition = {
      StartAt: 'Invoke',
      States: { Invoke: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: 'price', 'Payload.$': '$' }, End: true } },
    };
    const { run, calls } = setUp({ invoke: definition }, { price: (payload) => ({ total: Number(payload.quantity) * 5 }) });

    // Act
    const result = await run('invoke', { quantity: 3 });

    // Assess
    expect(JSON.parse(result.output!)).toMatchObject({ ExecutedVersion: '$LATEST', Payload: { total: 15 }, StatusCode: 200, SdkHttpMetadata: { HttpStatusCode: 200 } });
    expect(calls).toEqual([{ name: 'price', payload: { quantity: 3 } }]);
  });

  it('fails with the Lambda errorType as error and the Lambda error payload as cause', async () => {
    // Prepare
    const definition = { StartAt: 'Charge', States: { Charge: { Type: 'Task', Resource: functionArn('charge'), End: true } } };
    const { run, engine } = setUp({ charge: definition }, { charge: () => { throw namedError('PaymentDeclined', 'card expired'); } });

    // Act
    const result = await run('charge');

    // Assess
    expect(result).toMatchObject({ status: 'FAILED', error: 'PaymentDeclined' });
    expect(JSON.parse(result.cause!)).toMatchObject({ errorType: 'PaymentDeclined', errorMessage: 'card expired', trace: expect.any(Array) });
    const types = engine.getExecutionHistory({ executionArn: result.executionArn }).events.map((event) => event.type);
    expect(types).toEqual(['ExecutionStarted', 'TaskStateEntered', 'LambdaFunctionScheduled', 'LambdaFunctionStarted', 'LambdaFunctionFailed', 'ExecutionFailed']);
  });

  it('retries a transient error by its name with scaled intervals, and catches another into a fallback state', async () => {
    // Prepare
    let attempts = 0;
    const definition = {
      StartAt: 'Reserve',
      States: {
        Reserve: {
          Type: 'Task',
          Resource: functionArn('reserve'),
          Retry: [{ ErrorEquals: ['Throttled'], IntervalSeconds: 30, MaxAttempts: 5, BackoffRate: 2 }],
          Catch: [{ ErrorEquals: ['OutOfStock'], ResultPath: '$.error', Next: 'Backorder' }],
          End: true,
        },
        Backorder: { Type: 'Pass', Result: 'backordered', ResultPath: '$.outcome', End: true },
      },
    };
    const { run } = setUp({ reserve: definition }, {
      reserve: () => {
        attempts += 1;
        throw namedError(attempts < 3 ? 'Throttled' : 'OutOfStock');
      },
    });

    // Act
    const startedAt = Date.now();
    const result = await run('reserve', { sku: 'A' });

    // Assess
    expect(attempts).toBe(3);
    expect(Date.now() - startedAt).toBeLessThan(1000);
    expect(result.status).toBe('SUCCEEDED');
    expect(JSON.parse(result.output!)).toMatchObject({ sku: 'A', outcome: 'backordered', error: { Error: 'OutOfStock' } });
  });

  it('scales Wait durations by the time scale without changing the definition', async () => {
    // Prepare
    const definition = { StartAt: 'Pause', States: { Pause: { Type: 'Wait', Seconds: 100, End: true } } };
    const { run, engine, arns } = setUp({ pause: definition }, {}, { timeScale: 0.0005 });

    // Act
    const startedAt = Date.now();
    const result = await run('pause');

    // Assess
    const elapsed = Date.now() - startedAt;
    expect(result.status).toBe('SUCCEEDED');
    expect(elapsed).toBeGreaterThanOrEqual(45);
    expect(elapsed).toBeLessThan(1000);
    expect(JSON.parse(engine.describeStateMachine({ stateMachineArn: arns.pause as string }).definition).States.Pause.Seconds).toBe(100);
  });

  it('waits for SecondsPath and TimestampPath read from the state input', async () => {
    // Prepare
    const definition = {
      StartAt: 'BySeconds',
      States: {
        BySeconds: { Type: 'Wait', SecondsPath: '$.delay', Next: 'ByTimestamp' },
        ByTimestamp: { Type: 'Wait', TimestampPath: '$.until', End: true },
      },
    };
    const { run } = setUp({ pause: definition }, {}, { timeScale: 0.001 });

    // Act
    const startedAt = Date.now();
    const result = await run('pause', { delay: 40, until: new Date(Date.now() + 30_000).toISOString() });

    // Assess
    expect(result.status).toBe('SUCCEEDED');
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(60);
  });

  it('times out the whole execution after its TimeoutSeconds (scaled) with TIMED_OUT and States.Timeout', async () => {
    // Prepare
    const definition = { StartAt: 'Forever', TimeoutSeconds: 20, States: { Forever: { Type: 'Wait', Seconds: 100_000, End: true } } };
    const { run, engine } = setUp({ slow: definition });

    // Act
    const result = await run('slow');

    // Assess
    expect(result).toMatchObject({ status: 'TIMED_OUT', error: 'States.Timeout', redriveStatus: 'REDRIVABLE' });
    const events = engine.getExecutionHistory({ executionArn: result.executionArn }).events;
    expect(events.at(-1)).toMatchObject({ type: 'ExecutionTimedOut', executionTimedOutEventDetails: { error: 'States.Timeout' } });
  });
});

describe('StopExecution', () => {
  it('aborts a running execution with the given error and cause, and ends its task token', async () => {
    // Prepare
    const { engine, start, calls } = setUp({ waits: waitsForCallback }, { callback: () => ({}) });
    const executionArn = start('waits');
    const [payload] = await callbackPayloads(calls, 'callback', 1);

    // Act
    const { stopDate } = engine.stopExecution({ executionArn, error: 'Operator.Cancelled', cause: 'customer called' });

    // Assess
    expect(stopDate).toBeInstanceOf(Date);
    expect(engine.describeExecution({ executionArn })).toMatchObject({ status: 'ABORTED', error: 'Operator.Cancelled', cause: 'customer called' });
    expectAwsError(() => engine.sendTaskSuccess({ taskToken: String(payload!.taskToken), output: '{}' }), 'TaskTimedOut');
    const events = engine.getExecutionHistory({ executionArn }).events;
    expect(events.at(-1)).toMatchObject({ type: 'ExecutionAborted', executionAbortedEventDetails: { error: 'Operator.Cancelled', cause: 'customer called' } });
  });
});

describe('GetExecutionHistory', () => {
  it('records AWS-shaped events: ids, previousEventId, timestamps and *EventDetails', async () => {
    // Prepare
    const definition = {
      StartAt: 'Route',
      States: {
        Route: { Type: 'Choice', Choices: [{ Variable: '$.express', BooleanEquals: true, Next: 'Quote' }], Default: 'Quote' },
        Quote: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: functionArn('quote'), 'Payload.$': '$' }, OutputPath: '$.Payload', Next: 'Each' },
        Each: { Type: 'Map', ItemsPath: '$.items', ItemProcessor: { StartAt: 'Item', States: { Item: { Type: 'Pass', End: true } } }, End: true },
      },
    };
    const { run, engine } = setUp({ history: definition }, { quote: (payload) => ({ items: [payload.express, 2] }) });
    const { executionArn } = await run('history', { express: true });

    // Act
    const { events } = engine.getExecutionHistory({ executionArn });

    // Assess
    expect(events.map((event) => event.type)).toEqual([
      'ExecutionStarted',
      'ChoiceStateEntered',
      'ChoiceStateExited',
      'TaskStateEntered',
      'TaskScheduled',
      'TaskStarted',
      'TaskSucceeded',
      'TaskStateExited',
      'MapStateEntered',
      'MapStateStarted',
      'MapIterationStarted',
      'MapIterationStarted',
      'PassStateEntered',
      'PassStateEntered',
      'PassStateExited',
      'PassStateExited',
      'MapIterationSucceeded',
      'MapIterationSucceeded',
      'MapStateSucceeded',
      'MapStateExited',
      'ExecutionSucceeded',
    ]);
    events.forEach((event, index) => expect(event).toMatchObject({ id: index + 1, previousEventId: index, timestamp: expect.any(Date) }));
    expect(events[0]).toMatchObject({ executionStartedEventDetails: { input: '{"express":true}', inputDetails: { truncated: false }, roleArn: expect.any(String) } });
    expect(events[3]).toMatchObject({ stateEnteredEventDetails: { name: 'Quote', input: '{"express":true}' } });
    expect(events[4]).toMatchObject({ taskScheduledEventDetails: { resourceType: 'lambda', resource: 'invoke', region, parameters: JSON.stringify({ FunctionName: functionArn('quote'), Payload: { express: true } }) } });
    expect(events[6]).toMatchObject({ taskSucceededEventDetails: { resourceType: 'lambda', resource: 'invoke', output: expect.stringContaining('"StatusCode":200') } });
    expect(events[9]).toMatchObject({ mapStateStartedEventDetails: { length: 2 } });
    expect(events[10]).toMatchObject({ mapIterationStartedEventDetails: { name: 'Each', index: 0 } });
    expect(events.at(-1)).toMatchObject({ executionSucceededEventDetails: { output: '[true,2]' } });
  });

  it('pages through the history and returns it newest first with reverseOrder', async () => {
    // Prepare
    const definition = { StartAt: 'A', States: { A: { Type: 'Pass', Next: 'B' }, B: { Type: 'Pass', End: true } } };
    const { run, engine } = setUp({ two: definition });
    const { executionArn } = await run('two');

    // Act
    const first = engine.getExecutionHistory({ executionArn, maxResults: 4 });
    const rest = engine.getExecutionHistory({ executionArn, maxResults: 4, nextToken: first.nextToken as string });
    const reversed = engine.getExecutionHistory({ executionArn, reverseOrder: true, includeExecutionData: false });

    // Assess
    expect([...first.events, ...rest.events].map((event) => event.id)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(rest.nextToken).toBeUndefined();
    expect(reversed.events.map((event) => event.type)).toEqual(['ExecutionSucceeded', 'PassStateExited', 'PassStateEntered', 'PassStateExited', 'PassStateEntered', 'ExecutionStarted']);
    expect(reversed.events[0]).toEqual(expect.objectContaining({ executionSucceededEventDetails: { outputDetails: { truncated: false } } }));
  });

  it('writes JSON log lines naming the execution and its states', async () => {
    // Prepare
    const definition = { StartAt: 'Only', States: { Only: { Type: 'Pass', End: true } } };
    const { run, logger } = setUp({ logged: definition });

    // Act
    const { executionArn } = await run('logged');

    // Assess
    await eventually(() => expect(logger.lines).toContainEqual(expect.objectContaining({ message: 'execution succeeded', executionArn, stateMachine: 'logged' })));
    expect(logger.lines).toContainEqual(expect.objectContaining({ message: 'state entered', executionArn, state: 'Only', level: 'DEBUG' }));
  });
});

import { describe, expect, it } from 'vitest';
import { createFixtureEngine } from '../../../fixtures/stepfunctions/fixture-engine';
import { waitForCallbacks } from '../../../fixtures/stepfunctions/fixture-inbox';
import { fixtureOrder, sampleStateMachine, shipmentStateMachine } from '../../../fixtures/stepfunctions/state-machines';
import { callbackPayloads, closeEnginesAfterEach, createEngine, functionArn } from './engine-helpers';

const track = closeEnginesAfterEach();

const uniqueOrderId = (label: string) => `${label}-${crypto.randomUUID().slice(0, 8)}`;

async function fixtureEngine() {
  const fixture = await createFixtureEngine();
  track(fixture);
  return fixture;
}

describe('the fixture order flow', () => {
  it('runs Task, Choice, a callback, a Map with a token per line, Parallel with Retry and Catch, Wait, a nested .sync:2 execution and putEvents', async () => {
    // Prepare
    const { engine, arnOf, events } = await fixtureEngine();
    const orderId = uniqueOrderId('flow');

    // Act
    const { executionArn } = engine.startExecution({ stateMachineArn: arnOf(sampleStateMachine), input: JSON.stringify(fixtureOrder(orderId, { requiresApproval: true, declined: true })) });
    const [approval] = await waitForCallbacks(orderId, 'approval');
    engine.sendTaskSuccess({ taskToken: approval!.taskToken, output: JSON.stringify({ approvedBy: 'ops' }) });
    const picks = await waitForCallbacks(orderId, 'pick', 3);
    for (const pick of picks) engine.sendTaskSuccess({ taskToken: pick.taskToken, output: JSON.stringify({ picked: pick.sku }) });
    const result = await engine.waitForExecution(executionArn);

    // Assess
    expect(result.status).toBe('SUCCEEDED');
    expect(new Set(picks.map((pick) => pick.taskToken)).size).toBe(3);
    const output = JSON.parse(result.output!);
    expect(output.approval).toEqual({ approvedBy: 'ops' });
    expect(output.picks).toEqual([{ picked: 'SKU-1' }, { picked: 'SKU-2' }, { picked: 'SKU-3' }]);
    expect(output.fulfilment[0]).toMatchObject({ statusCode: 200, reservation: { attempt: 2 } });
    expect(output.fulfilment[1]).toEqual({ charged: false, reason: 'PaymentDeclined' });
    expect(output.shipment).toMatchObject({ status: 'SUCCEEDED', output: { trackingNumber: `TRK-${orderId}`, startedBy: executionArn } });
    expect(events).toEqual([{ EventBusName: 'oms-events', Source: 'oms.fixtures', DetailType: 'OrderShipped', Detail: JSON.stringify({ orderId, trackingNumber: `TRK-${orderId}` }) }]);
    const types = engine.getExecutionHistory({ executionArn, maxResults: 1000 }).events.map((event) => event.type);
    expect(types.filter((type) => type === 'TaskFailed')).toHaveLength(1);
    expect(types).toEqual(expect.arrayContaining(['ChoiceStateEntered', 'MapStateStarted', 'ParallelStateStarted', 'WaitStateEntered', 'TaskSubmitted', 'LambdaFunctionFailed', 'PassStateEntered']));
  });

  it('skips the approval for a small order and charges it', async () => {
    // Prepare
    const { engine, arnOf } = await fixtureEngine();
    const orderId = uniqueOrderId('small');

    // Act
    const { executionArn } = engine.startExecution({ stateMachineArn: arnOf(sampleStateMachine), input: JSON.stringify(fixtureOrder(orderId, { lines: 1 })) });
    const [pick] = await waitForCallbacks(orderId, 'pick');
    engine.sendTaskSuccess({ taskToken: pick!.taskToken, output: '{}' });
    const result = await engine.waitForExecution(executionArn);

    // Assess
    const output = JSON.parse(result.output!);
    expect(output.approval).toBeUndefined();
    expect(output.fulfilment[1]).toEqual({ charged: true, amount: 1000 });
  });
});

describe('the context object', () => {
  it('gives tasks $$.Execution, $$.StateMachine and $$.State as on AWS, and Map iterations the execution input', async () => {
    // Prepare
    const { engine, arnOf } = await fixtureEngine();
    const orderId = uniqueOrderId('context');
    const input = fixtureOrder(orderId, { lines: 2, requiresApproval: true });

    // Act
    const { executionArn, startDate } = engine.startExecution({ stateMachineArn: arnOf(sampleStateMachine), name: orderId, input: JSON.stringify(input) });
    const [approval] = await waitForCallbacks(orderId, 'approval');
    engine.sendTaskSuccess({ taskToken: approval!.taskToken, output: '{}' });
    const picks = await waitForCallbacks(orderId, 'pick', 2);

    // Assess
    expect(approval!.context).toEqual({
      executionId: executionArn,
      executionName: orderId,
      executionInput: input,
      executionStartTime: startDate.toISOString(),
      stateMachineId: arnOf(sampleStateMachine),
      stateMachineName: sampleStateMachine.name,
      stateName: 'AwaitApproval',
      stateEnteredTime: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
    expect(Date.parse(String((approval!.context as Record<string, unknown>).stateEnteredTime))).toBeGreaterThanOrEqual(startDate.getTime());
    expect(picks.map((pick) => ({ index: pick.index, sku: pick.sku }))).toEqual([
      { index: 0, sku: 'SKU-1' },
      { index: 1, sku: 'SKU-2' },
    ]);
    for (const pick of picks) expect(pick.executionInput).toEqual(input);
    engine.stopExecution({ executionArn });
  });
});

describe('nested executions (states:startExecution)', () => {
  const child = {
    StartAt: 'Work',
    States: { Work: { Type: 'Task', Resource: functionArn('work'), End: true } },
  };
  const parent = (resource: string) => ({
    StartAt: 'Child',
    States: { Child: { Type: 'Task', Resource: resource, Parameters: { StateMachineArn: 'CHILD_ARN', 'Input.$': '$' }, End: true } },
  });

  function setUp(work: (payload: Record<string, unknown>) => unknown) {
    const setup = createEngine({ child }, { work, callback: () => ({}) });
    track(setup);
    const childArn = setup.arns.child as string;
    const register = (name: string, resource: string) =>
      (setup.arns[name] = setup.engine.registerStateMachine({ name, definition: JSON.stringify(parent(resource)).replace('CHILD_ARN', childArn) }).stateMachineArn);
    register('sync', 'arn:aws:states:::states:startExecution.sync');
    register('sync2', 'arn:aws:states:::states:startExecution.sync:2');
    register('async', 'arn:aws:states:::states:startExecution');
    return { ...setup, childArn };
  }

  it('.sync answers with the child execution as DescribeExecution sees it, Output as a string; .sync:2 with Output as JSON', async () => {
    // Prepare
    const { run, childArn } = setUp((payload) => ({ doubled: Number(payload.value) * 2 }));

    // Act
    const sync = await run('sync', { value: 2 });
    const sync2 = await run('sync2', { value: 3 });

    // Assess
    expect(JSON.parse(sync.output!)).toMatchObject({
      ExecutionArn: expect.stringContaining(':execution:child:'),
      StateMachineArn: childArn,
      Status: 'SUCCEEDED',
      Input: '{"value":2}',
      Output: '{"doubled":4}',
      StartDate: expect.any(Number),
      StopDate: expect.any(Number),
    });
    expect(JSON.parse(sync2.output!)).toMatchObject({ Status: 'SUCCEEDED', Input: { value: 3 }, Output: { doubled: 6 } });
  });

  it('answers startExecution without .sync at once, with the child ARN and start date', async () => {
    // Prepare
    const { run, engine } = setUp(() => new Promise(() => undefined));

    // Act
    const result = await run('async', { value: 1 });

    // Assess
    const output = JSON.parse(result.output!);
    expect(output).toEqual({ ExecutionArn: expect.stringContaining(':execution:child:'), StartDate: expect.any(Number) });
    expect(engine.describeExecution({ executionArn: output.ExecutionArn }).status).toBe('RUNNING');
  });

  it('fails the parent task with States.TaskFailed and the child description as cause when the child fails', async () => {
    // Prepare
    const { run } = setUp(() => {
      throw Object.assign(new Error('no carrier'), { name: 'CarrierUnavailable' });
    });

    // Act
    const result = await run('sync2', { value: 1 });

    // Assess
    expect(result).toMatchObject({ status: 'FAILED', error: 'States.TaskFailed' });
    expect(JSON.parse(result.cause!)).toMatchObject({ Status: 'FAILED', Error: 'CarrierUnavailable' });
  });

  it('stops a running .sync child when the parent is stopped', async () => {
    // Prepare
    const { engine, start, calls } = setUp(() => new Promise(() => undefined));
    const parentArn = start('sync', { value: 1 });
    await callbackPayloads(calls, 'work', 1);
    const [childExecution] = engine.listExecutions({ stateMachineArn: engine.describeStateMachine({ stateMachineArn: engine.listStateMachines().stateMachines[0]!.stateMachineArn }).stateMachineArn }).executions;

    // Act
    engine.stopExecution({ executionArn: parentArn });

    // Assess
    expect(engine.describeExecution({ executionArn: childExecution!.executionArn })).toMatchObject({ status: 'ABORTED', error: 'States.Aborted' });
  });

  it('registers the fixture shipment machine as the child the sample starts', async () => {
    // Prepare
    const { engine, arnOf } = await fixtureEngine();

    // Act
    const description = engine.describeStateMachine({ stateMachineArn: arnOf(shipmentStateMachine) });

    // Assess
    expect(JSON.parse(description.definition).States.BookCarrier.Resource).toBe(functionArn('oms-local-sfn-fixture-ship-order'));
  });
});

import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import {
  DescribeExecutionCommand,
  DescribeStateMachineCommand,
  ExecutionAlreadyExists,
  ExecutionDoesNotExist,
  GetExecutionHistoryCommand,
  InvalidToken,
  ListExecutionsCommand,
  SendTaskSuccessCommand,
  SFNClient,
  StartExecutionCommand,
  StateMachineDoesNotExist,
  StopExecutionCommand,
  TaskTimedOut,
  type DescribeExecutionCommandOutput,
} from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAwsJsonServer } from '../../../../infra/local/cloud/aws-json-server';
import { stepFunctionsService } from '../../../../infra/local/cloud/stepfunctions/stepfunctions-service';
import { createFixtureEngine, fixtureRegion } from '../../../fixtures/stepfunctions/fixture-engine';
import { waitForCallbacks } from '../../../fixtures/stepfunctions/fixture-inbox';
import { fixtureOrder, sampleStateMachine, shipmentStateMachine } from '../../../fixtures/stepfunctions/state-machines';

const run = promisify(execFile);
const awsCliAvailable = spawnSync('aws', ['--version']).status === 0;

let fixture: Awaited<ReturnType<typeof createFixtureEngine>>;
let server: Awaited<ReturnType<typeof startAwsJsonServer>>;
let client: SFNClient;

beforeAll(async () => {
  fixture = await createFixtureEngine({ timeScale: 0.001 });
  server = await startAwsJsonServer({ services: [stepFunctionsService(fixture.engine)], port: 0 });
  client = new SFNClient({ endpoint: server.url, region: fixtureRegion, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
});

afterAll(async () => {
  client?.destroy();
  await server?.close();
  await fixture?.engine.close();
});

const uniqueOrderId = (label: string) => `${label}-${crypto.randomUUID().slice(0, 8)}`;

async function describeUntilDone(executionArn: string): Promise<DescribeExecutionCommandOutput> {
  const deadline = Date.now() + 5000;
  for (;;) {
    const description = await client.send(new DescribeExecutionCommand({ executionArn }));
    if (description.status !== 'RUNNING' || Date.now() > deadline) return description;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('the local Step Functions endpoint, through @aws-sdk/client-sfn', () => {
  it('runs the fixture order flow: StartExecution, DescribeExecution, SendTaskSuccess with the tokens the handlers received, GetExecutionHistory', async () => {
    // Prepare
    const orderId = uniqueOrderId('sdk');
    const input = JSON.stringify(fixtureOrder(orderId, { requiresApproval: true }));

    // Act
    const started = await client.send(new StartExecutionCommand({ stateMachineArn: fixture.arnOf(sampleStateMachine), name: orderId, input }));
    const running = await client.send(new DescribeExecutionCommand({ executionArn: started.executionArn }));
    const [approval] = await waitForCallbacks(orderId, 'approval');
    await client.send(new SendTaskSuccessCommand({ taskToken: approval!.taskToken, output: JSON.stringify({ approvedBy: 'sdk' }) }));
    const picks = await waitForCallbacks(orderId, 'pick', 3);
    for (const pick of picks) await client.send(new SendTaskSuccessCommand({ taskToken: pick.taskToken, output: JSON.stringify({ picked: pick.sku }) }));
    const finished = await describeUntilDone(started.executionArn as string);
    const history = await client.send(new GetExecutionHistoryCommand({ executionArn: started.executionArn, maxResults: 1000 }));

    // Assess
    expect(started.startDate).toBeInstanceOf(Date);
    expect(running).toMatchObject({ status: 'RUNNING', name: orderId, input, stateMachineArn: fixture.arnOf(sampleStateMachine) });
    expect(finished.status).toBe('SUCCEEDED');
    expect(finished.stopDate!.getTime()).toBeGreaterThanOrEqual(finished.startDate!.getTime());
    expect(JSON.parse(finished.output!)).toMatchObject({ approval: { approvedBy: 'sdk' }, shipment: { status: 'SUCCEEDED' } });
    const events = history.events ?? [];
    expect(events[0]).toMatchObject({ id: 1, previousEventId: 0, type: 'ExecutionStarted', executionStartedEventDetails: { input } });
    expect(events[0]!.timestamp).toBeInstanceOf(Date);
    expect(events.at(-1)).toMatchObject({ type: 'ExecutionSucceeded' });
    expect(events.filter((event) => event.type === 'TaskSubmitted')).toHaveLength(5);
    expect(events.find((event) => event.type === 'TaskStateEntered')).toMatchObject({ stateEnteredEventDetails: { name: 'ValidateOrder' } });
  });

  it('lists executions by status and stops one with StopExecution', async () => {
    // Prepare
    const stateMachineArn = fixture.arnOf(sampleStateMachine);
    const [toStop, toKeep] = [uniqueOrderId('stop'), uniqueOrderId('keep')];
    const stopArn = (await client.send(new StartExecutionCommand({ stateMachineArn, name: toStop, input: JSON.stringify(fixtureOrder(toStop, { requiresApproval: true })) }))).executionArn as string;
    const keepArn = (await client.send(new StartExecutionCommand({ stateMachineArn, name: toKeep, input: JSON.stringify(fixtureOrder(toKeep, { requiresApproval: true })) }))).executionArn as string;
    await waitForCallbacks(toStop, 'approval');

    // Act
    const stopped = await client.send(new StopExecutionCommand({ executionArn: stopArn, error: 'Customer.Cancelled', cause: 'changed their mind' }));
    const aborted = await client.send(new ListExecutionsCommand({ stateMachineArn, statusFilter: 'ABORTED' }));
    const running = await client.send(new ListExecutionsCommand({ stateMachineArn, statusFilter: 'RUNNING' }));

    // Assess
    expect(stopped.stopDate).toBeInstanceOf(Date);
    expect(aborted.executions?.map((execution) => execution.executionArn)).toContain(stopArn);
    expect(running.executions?.map((execution) => execution.executionArn)).toContain(keepArn);
    expect(running.executions?.map((execution) => execution.executionArn)).not.toContain(stopArn);
    expect(await client.send(new DescribeExecutionCommand({ executionArn: stopArn }))).toMatchObject({ status: 'ABORTED', error: 'Customer.Cancelled', cause: 'changed their mind' });
    await client.send(new StopExecutionCommand({ executionArn: keepArn }));
  });

  it('answers with the AWS exceptions the SDK knows', async () => {
    // Prepare
    const orderId = uniqueOrderId('errors');
    const stateMachineArn = fixture.arnOf(sampleStateMachine);
    const { executionArn } = await client.send(new StartExecutionCommand({ stateMachineArn, name: orderId, input: JSON.stringify(fixtureOrder(orderId, { requiresApproval: true })) }));
    const [approval] = await waitForCallbacks(orderId, 'approval');
    await client.send(new SendTaskSuccessCommand({ taskToken: approval!.taskToken, output: '{}' }));

    // Act
    const attempts = {
      sameNameOtherInput: client.send(new StartExecutionCommand({ stateMachineArn, name: orderId, input: '{"other":true}' })),
      unknownExecution: client.send(new DescribeExecutionCommand({ executionArn: `${executionArn}-unknown` })),
      unknownStateMachine: client.send(new DescribeStateMachineCommand({ stateMachineArn: `${stateMachineArn}-unknown` })),
      usedToken: client.send(new SendTaskSuccessCommand({ taskToken: approval!.taskToken, output: '{}' })),
      garbageToken: client.send(new SendTaskSuccessCommand({ taskToken: 'garbage!', output: '{}' })),
    };

    // Assess
    await expect(attempts.sameNameOtherInput).rejects.toBeInstanceOf(ExecutionAlreadyExists);
    await expect(attempts.unknownExecution).rejects.toBeInstanceOf(ExecutionDoesNotExist);
    await expect(attempts.unknownStateMachine).rejects.toBeInstanceOf(StateMachineDoesNotExist);
    await expect(attempts.usedToken).rejects.toBeInstanceOf(TaskTimedOut);
    await expect(attempts.garbageToken).rejects.toBeInstanceOf(InvalidToken);
    await client.send(new StopExecutionCommand({ executionArn }));
  });
});

describe('the local Step Functions endpoint, through the AWS CLI', () => {
  const aws = async (...args: string[]) => {
    // Dummy credentials only: no profile or session from the developer's environment.
    const { AWS_PROFILE: _profile, AWS_SESSION_TOKEN: _session, ...environment } = process.env;
    const { stdout } = await run('aws', ['stepfunctions', ...args, '--endpoint-url', server.url, '--region', fixtureRegion, '--output', 'json'], {
      env: { ...environment, AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local', AWS_PAGER: '' },
    });
    return JSON.parse(stdout) as Record<string, unknown>;
  };

  it('lists state machines, starts an execution and describes it', async ({ skip }) => {
    if (!awsCliAvailable) return skip('the aws CLI is not on PATH');
    // Prepare
    const orderId = uniqueOrderId('cli');

    // Act
    const machines = await aws('list-state-machines');
    const started = await aws('start-execution', '--state-machine-arn', fixture.arnOf(shipmentStateMachine), '--name', orderId, '--input', JSON.stringify({ orderId }));
    await fixture.engine.waitForExecution(String(started.executionArn));
    const described = await aws('describe-execution', '--execution-arn', String(started.executionArn));

    // Assess
    expect((machines.stateMachines as { name: string }[]).map((machine) => machine.name)).toEqual(expect.arrayContaining([sampleStateMachine.name, shipmentStateMachine.name]));
    expect(started.executionArn).toMatch(new RegExp(`:execution:${shipmentStateMachine.name}:${orderId}$`));
    expect(described).toMatchObject({ status: 'SUCCEEDED', name: orderId, input: JSON.stringify({ orderId }) });
    expect(JSON.parse(String(described.output))).toMatchObject({ trackingNumber: `TRK-${orderId}` });
    // CLI v1 prints the epoch seconds it received, v2 an ISO 8601 string: either is the start time.
    const startedAt = typeof described.startDate === 'number' ? described.startDate * 1000 : Date.parse(String(described.startDate));
    expect(Math.abs(startedAt - Date.now())).toBeLessThan(60_000);
  });
});

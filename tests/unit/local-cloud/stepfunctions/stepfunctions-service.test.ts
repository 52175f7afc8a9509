import { describe, expect, it } from 'vitest';
import { AwsServiceError } from '../../../../infra/local/cloud/aws-json-server';
import { stepFunctionsService, toWire } from '../../../../infra/local/cloud/stepfunctions/stepfunctions-service';
import { closeEnginesAfterEach, createEngine } from './engine-helpers';

const track = closeEnginesAfterEach();

describe('the Step Functions JSON-protocol service', () => {
  it('speaks awsJson1_0 under the AWSStepFunctions target prefix with the operations clients use', () => {
    // Prepare
    const { engine } = createEngine({});
    track({ engine });

    // Act
    const service = stepFunctionsService(engine);

    // Assess
    expect(service.targetPrefix).toBe('AWSStepFunctions');
    expect(service.contentType).toBe('application/x-amz-json-1.0');
    expect(Object.keys(service.operations)).toEqual(
      expect.arrayContaining(['StartExecution', 'DescribeExecution', 'ListExecutions', 'GetExecutionHistory', 'StopExecution', 'SendTaskSuccess', 'SendTaskFailure', 'SendTaskHeartbeat', 'ListStateMachines', 'DescribeStateMachine', 'RedriveExecution']),
    );
  });

  it('sends dates as epoch seconds and leaves out absent fields, as the JSON protocol does', () => {
    // Prepare
    const value = { startDate: new Date(1_700_000_000_123), stopDate: undefined, nested: [{ at: new Date(0) }] };

    // Act
    const wire = toWire(value);

    // Assess
    expect(wire).toEqual({ startDate: 1_700_000_000.123, nested: [{ at: 0 }] });
  });

  it('answers a request without a required member with ValidationException', async () => {
    // Prepare
    const { engine } = createEngine({});
    track({ engine });
    const service = stepFunctionsService(engine);

    // Act
    const attempt = service.operations.StartExecution!({});

    // Assess
    await expect(attempt).rejects.toBeInstanceOf(AwsServiceError);
    await expect(attempt).rejects.toMatchObject({ type: 'ValidationException' });
  });

  it('passes StartExecution through to the engine and answers with the ARN and start date', async () => {
    // Prepare
    const { engine, arns } = createEngine({ echo: { StartAt: 'E', States: { E: { Type: 'Pass', End: true } } } });
    track({ engine });
    const service = stepFunctionsService(engine);

    // Act
    const started = (await service.operations.StartExecution!({ stateMachineArn: arns.echo, name: 'wire', input: '{"a":1}' })) as Record<string, unknown>;

    // Assess
    expect(started).toEqual({ executionArn: expect.stringMatching(/:execution:echo:wire$/), startDate: expect.any(Number) });
  });
});

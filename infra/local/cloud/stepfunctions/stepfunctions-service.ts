/**
 * The Step Functions API (awsJson1_0, target prefix `AWSStepFunctions`) over the local engine, for
 * the AWS SDK (`SFNClient` with `endpoint`) and the AWS CLI (`--endpoint-url`). Timestamps travel
 * as epoch seconds, as in the real JSON protocol; errors carry the AWS exception names.
 */
import { AwsServiceError, type AwsJsonService, type AwsOperation } from '../aws-json-server';
import type { ExecutionStatus, LocalStepFunctions } from './local-step-functions';

/** Dates become epoch seconds (with milliseconds as the fraction); undefined fields disappear. */
export function toWire(value: unknown): unknown {
  if (value instanceof Date) return value.getTime() / 1000;
  if (Array.isArray(value)) return value.map(toWire);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, field]) => field !== undefined)
        .map(([key, field]) => [key, toWire(field)]),
    );
  }
  return value;
}

function required(input: Record<string, unknown>, field: string): string {
  const value = input[field];
  if (typeof value !== 'string' || value.length === 0) throw new AwsServiceError('ValidationException', `1 validation error detected: Value null at '${field}' failed to satisfy constraint: Member must not be null`);
  return value;
}

function optional(input: Record<string, unknown>, field: string): string | undefined {
  const value = input[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new AwsServiceError('ValidationException', `${field} must be a string`);
  return value;
}

function optionalNumber(input: Record<string, unknown>, field: string): number | undefined {
  const value = input[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number') throw new AwsServiceError('ValidationException', `${field} must be a number`);
  return value;
}

const statuses: readonly ExecutionStatus[] = ['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED'];

export function stepFunctionsService(engine: LocalStepFunctions): AwsJsonService {
  const operation =
    <Result>(handler: (input: Record<string, unknown>) => Result | Promise<Result>): AwsOperation =>
    async (input) =>
      toWire(await handler(input));

  return {
    targetPrefix: 'AWSStepFunctions',
    contentType: 'application/x-amz-json-1.0',
    operations: {
      StartExecution: operation((input) =>
        engine.startExecution({
          stateMachineArn: required(input, 'stateMachineArn'),
          name: optional(input, 'name'),
          input: optional(input, 'input'),
        }),
      ),
      StartSyncExecution: operation(async (input) => {
        const stateMachineArn = required(input, 'stateMachineArn');
        if (engine.describeStateMachine({ stateMachineArn }).type !== 'EXPRESS') throw new AwsServiceError('StateMachineTypeNotSupported', 'This operation is not supported by this type of state machine');
        const { executionArn } = engine.startExecution({
          stateMachineArn,
          name: optional(input, 'name'),
          input: optional(input, 'input'),
        });
        const { redriveCount: _redriveCount, redriveDate: _redriveDate, redriveStatus: _redriveStatus, redriveStatusReason: _reason, ...result } = await engine.waitForExecution(executionArn);
        return result;
      }),
      DescribeExecution: operation((input) => engine.describeExecution({ executionArn: required(input, 'executionArn') })),
      ListExecutions: operation((input) => {
        const statusFilter = optional(input, 'statusFilter');
        if (statusFilter !== undefined && !statuses.includes(statusFilter as ExecutionStatus)) throw new AwsServiceError('ValidationException', `Invalid statusFilter: ${statusFilter}`);
        const redriveFilter = optional(input, 'redriveFilter');
        if (redriveFilter !== undefined && redriveFilter !== 'REDRIVEN' && redriveFilter !== 'NOT_REDRIVEN') throw new AwsServiceError('ValidationException', `Invalid redriveFilter: ${redriveFilter}`);
        return engine.listExecutions({
          stateMachineArn: required(input, 'stateMachineArn'),
          statusFilter: statusFilter as ExecutionStatus | undefined,
          redriveFilter,
          maxResults: optionalNumber(input, 'maxResults'),
          nextToken: optional(input, 'nextToken'),
        });
      }),
      GetExecutionHistory: operation((input) =>
        engine.getExecutionHistory({
          executionArn: required(input, 'executionArn'),
          reverseOrder: input.reverseOrder === true,
          includeExecutionData: input.includeExecutionData !== false,
          maxResults: optionalNumber(input, 'maxResults'),
          nextToken: optional(input, 'nextToken'),
        }),
      ),
      StopExecution: operation((input) =>
        engine.stopExecution({
          executionArn: required(input, 'executionArn'),
          error: optional(input, 'error'),
          cause: optional(input, 'cause'),
        }),
      ),
      RedriveExecution: operation((input) => engine.redriveExecution({ executionArn: required(input, 'executionArn') })),
      SendTaskSuccess: operation((input) => engine.sendTaskSuccess({ taskToken: required(input, 'taskToken'), output: required(input, 'output') })),
      SendTaskFailure: operation((input) =>
        engine.sendTaskFailure({
          taskToken: required(input, 'taskToken'),
          error: optional(input, 'error'),
          cause: optional(input, 'cause'),
        }),
      ),
      SendTaskHeartbeat: operation((input) => engine.sendTaskHeartbeat({ taskToken: required(input, 'taskToken') })),
      ListStateMachines: operation((input) =>
        engine.listStateMachines({
          maxResults: optionalNumber(input, 'maxResults'),
          nextToken: optional(input, 'nextToken'),
        }),
      ),
      DescribeStateMachine: operation((input) => engine.describeStateMachine({ stateMachineArn: required(input, 'stateMachineArn') })),
    },
  };
}

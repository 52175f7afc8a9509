import { describe, expect, it } from 'vitest';
import { parseTaskResource, prepareDefinition, readReferencePath } from '../../../../infra/local/cloud/stepfunctions/asl';

describe('reference paths', () => {
  it('reads dotted, bracketed and indexed paths from the input and $$ paths from the context', () => {
    // Prepare
    const input = { order: { lines: [{ sku: 'A' }], 'odd key': 1 } };
    const context = { Execution: { Id: 'arn' } };

    // Act & Assess
    expect(readReferencePath('$', input, context)).toEqual({ found: true, value: input });
    expect(readReferencePath('$.order.lines[0].sku', input, context)).toEqual({ found: true, value: 'A' });
    expect(readReferencePath("$.order['odd key']", input, context)).toEqual({ found: true, value: 1 });
    expect(readReferencePath('$$.Execution.Id', input, context)).toEqual({ found: true, value: 'arn' });
    expect(readReferencePath('$.order.missing', input, context)).toEqual({ found: false });
    expect(readReferencePath('$.order.lines[5]', input, context)).toEqual({ found: false });
    expect(readReferencePath('$..sku', input, context)).toEqual({ found: false });
  });
});

describe('task resources', () => {
  it('recognises Lambda ARNs and the supported integrations with their patterns', () => {
    // Act & Assess
    expect(parseTaskResource('arn:aws:lambda:eu-central-1:000000000000:function:f')).toEqual({ kind: 'lambda-function', functionArn: 'arn:aws:lambda:eu-central-1:000000000000:function:f' });
    expect(parseTaskResource('arn:aws:states:::lambda:invoke.waitForTaskToken')).toMatchObject({ service: 'lambda', action: 'invoke', pattern: 'wait-for-task-token', historyResource: 'invoke.waitForTaskToken' });
    expect(parseTaskResource('arn:aws:states:::states:startExecution.sync:2')).toMatchObject({ service: 'states', pattern: 'sync:2', historyResource: 'startExecution.sync:2' });
    expect(parseTaskResource('arn:aws:states:::events:putEvents')).toMatchObject({ service: 'events', pattern: 'request-response' });
    expect(parseTaskResource('arn:aws:states:::lambda:invoke.sync')).toBeUndefined();
    expect(parseTaskResource('arn:aws:states:::sqs:sendMessage')).toBeUndefined();
  });
});

describe('the interpreter copy', () => {
  it('leaves the registered definition untouched while scaling and rewriting its copy', () => {
    // Prepare
    const definition = {
      StartAt: 'T',
      TimeoutSeconds: 60,
      States: {
        T: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: 'f', 'state.$': '$$.State.Name' }, Retry: [{ ErrorEquals: ['X'], IntervalSeconds: 10 }], Next: 'W' },
        W: { Type: 'Wait', Seconds: 5, End: true },
      },
    };
    const original = structuredClone(definition);

    // Act
    const prepared = prepareDefinition(definition, 0.01);

    // Assess
    expect(definition).toEqual(original);
    expect(prepared.timeoutSeconds).toBe(60);
    expect(prepared.states.get('W')).toMatchObject({ type: 'Wait', topLevel: true });
    expect(prepared.handledStates.map((state) => state.name)).toEqual(['T', 'W']);
    expect(prepared.stateNamesById[prepared.states.get('T')!.contextId]).toBe('T');
  });

  it('names every feature it cannot run: distributed Map, variables, unsupported integrations', () => {
    // Prepare
    const definition = {
      StartAt: 'M',
      States: {
        M: { Type: 'Map', ItemReader: { Resource: 'arn:aws:states:::s3:getObject', Parameters: { Bucket: 'b', Key: 'k' } }, ItemProcessor: { StartAt: 'Inner', States: { Inner: { Type: 'Pass', End: true } } }, Next: 'Remember' },
        Remember: { Type: 'Pass', Assign: { x: 1 }, Next: 'Send' },
        Send: { Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage', Parameters: { QueueUrl: 'q', MessageBody: 'm' }, End: true },
      },
    };

    // Act
    const prepare = () => prepareDefinition(definition, 1);

    // Assess
    expect(prepare).toThrow(/M: ItemReader \(distributed Map\)[\s\S]*Remember: Assign[\s\S]*Send: resource arn:aws:states:::sqs:sendMessage is not supported locally/);
  });

  it('relies on the interpreter\'s validation for structural errors such as duplicate state names', () => {
    // Prepare
    const definition = {
      StartAt: 'M',
      States: {
        M: { Type: 'Map', ItemProcessor: { StartAt: 'Dup', States: { Dup: { Type: 'Pass', End: true } } }, Next: 'Dup' },
        Dup: { Type: 'Pass', End: true },
      },
    };

    // Act
    const prepare = () => prepareDefinition(definition, 1);

    // Assess
    expect(prepare).toThrow(/DUPLICATE_STATE_NAMES/);
  });
});

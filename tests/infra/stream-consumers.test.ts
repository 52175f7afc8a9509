import type { Template } from 'aws-cdk-lib/assertions';
import type { CfnGlobalTable } from 'aws-cdk-lib/aws-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../infra/aws/app';
import type { OmsApp } from '../../infra/aws/app';
import { fixtureDefinitions, ordersOutbox } from '../fixtures/cdk/definitions';
import { actionsOf, logicalIdOf, newTestApp, resourcesOf, statementsOfRole, synthesizeApp } from './test-app';

let oms: OmsApp;
let stateless: Template;

beforeAll(() => {
  // Prepare + Act: the app with the fixture stream consumer, synthesized once for every test.
  ({ oms, stateless } = synthesizeApp(fixtureDefinitions));
});

const consumerFunction = () => {
  const omsFunction = oms.stateless.functions.get(ordersOutbox.function.name);
  if (!omsFunction) throw new Error(`No function ${ordersOutbox.function.name} in the stateless stack`);
  return omsFunction;
};

const failureQueueLogicalId = (): string => {
  const queue = oms.stateless.streamFailureQueue;
  if (!queue) throw new Error('No stream failure queue');
  return logicalIdOf(queue);
};

/** Whether a value names the orders table's stream, through the stateful stack's export of it. */
const isOrdersStream = (value: unknown): boolean =>
  JSON.stringify(value).includes(`FnGetAtt${logicalIdOf(oms.stateful.tables.orders.node.defaultChild as CfnGlobalTable)}StreamArn`);

describe('stream consumers from definitions', () => {
  it("maps the orders stream to the consumer's function with the definition's batch settings", () => {
    // Prepare
    const expected = {
      FunctionName: { Ref: logicalIdOf(consumerFunction().function) },
      BatchSize: ordersOutbox.batchSize,
      StartingPosition: ordersOutbox.startingPosition,
      MaximumRetryAttempts: ordersOutbox.maximumRetryAttempts,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      BisectBatchOnFunctionError: ordersOutbox.bisectBatchOnFunctionError,
    };

    // Act
    const mappings = Object.values(stateless.findResources('AWS::Lambda::EventSourceMapping')).map((mapping) => mapping.Properties);

    // Assess
    expect(mappings).toHaveLength(1);
    expect(mappings[0]).toMatchObject(expected);
    expect(isOrdersStream(mappings[0].EventSourceArn)).toBe(true);
  });

  it('describes batches that exhausted their retries in an encrypted, TLS-only queue the function may write to', () => {
    // Prepare
    const queueLogicalId = failureQueueLogicalId();
    const queueArn = { 'Fn::GetAtt': [queueLogicalId, 'Arn'] };

    // Act
    const [mapping] = Object.values(stateless.findResources('AWS::Lambda::EventSourceMapping'));
    const queue = stateless.toJSON().Resources[queueLogicalId];
    const [policy] = Object.values(stateless.findResources('AWS::SQS::QueuePolicy', { Properties: { Queues: [{ Ref: queueLogicalId }] } }));
    const sends = statementsOfRole(stateless, logicalIdOf(consumerFunction().role)).filter((statement) =>
      actionsOf(statement).includes('sqs:SendMessage'),
    );

    // Assess
    expect(mapping?.Properties.DestinationConfig).toEqual({ OnFailure: { Destination: queueArn } });
    expect(queue.Properties.SqsManagedSseEnabled).toBe(true);
    expect(policy?.Properties.PolicyDocument.Statement).toContainEqual(
      expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
    );
    expect(sends.flatMap(resourcesOf)).toEqual([queueArn]);
  });

  it('lets the consumer read the orders stream', () => {
    // Prepare
    const readActions = ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator', 'dynamodb:ListStreams'];

    // Act
    const streamStatements = statementsOfRole(stateless, logicalIdOf(consumerFunction().role)).filter((statement) =>
      resourcesOf(statement).some(isOrdersStream),
    );

    // Assess
    expect(streamStatements.flatMap(actionsOf).sort()).toEqual(readActions);
  });
});

describe('stream consumer definitions without a stream', () => {
  it('refuses a consumer of a table that has no stream', () => {
    // Prepare
    const consumer = { ...ordersOutbox, table: 'idempotency' as const };

    // Act
    const build = () => buildApp(newTestApp(), { ...fixtureDefinitions, streamConsumers: [consumer] });

    // Assess
    expect(build).toThrow(/fixture-orders-outbox reads the idempotency table, which has no stream/);
  });
});

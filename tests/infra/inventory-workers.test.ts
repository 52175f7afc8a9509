/**
 * The inventory's background functions as CDK deploys them from the real definitions: the stock
 * events consumer of the inventory stream, and the scheduled sweeper of expired reservations.
 */
import type { Template } from 'aws-cdk-lib/assertions';
import type { CfnGlobalTable } from 'aws-cdk-lib/aws-dynamodb';
import type { CfnEventBus } from 'aws-cdk-lib/aws-events';
import { beforeAll, describe, expect, it } from 'vitest';
import type { OmsApp } from '../../infra/aws/app';
import { releaseExpiredReservationsFunction, reservationExpiryRule } from '../../infra/definitions/event-bus';
import { publishStockEventsFunction, stockEventsConsumer } from '../../infra/definitions/stream-consumers';
import { tables } from '../../infra/definitions/tables';
import { actionsOf, logicalIdOf, resourcesOf, statementsOfRole, synthesizeApp } from './test-app';

let oms: OmsApp;
let stateful: Template;
let stateless: Template;

beforeAll(() => {
  // Prepare + Act: the deployed app, synthesized once for every test.
  ({ oms, stateful, stateless } = synthesizeApp());
});

const omsFunction = (name: string) => {
  const built = oms.stateless.functions.get(name);
  if (!built) throw new Error(`No function ${name} in the stateless stack`);
  return built;
};
const statementsOf = (name: string) => statementsOfRole(stateless, logicalIdOf(omsFunction(name).role));
const environmentOf = (name: string): Record<string, unknown> =>
  stateless.toJSON().Resources[logicalIdOf(omsFunction(name).function)].Properties.Environment.Variables;
/** Whether a value names a resource of the stateful stack (through its export), by that resource's logical id. */
const names = (value: unknown, logicalId: string, attribute = '') => JSON.stringify(value).includes(`${logicalId}${attribute}`);
const inventoryTableId = () => logicalIdOf(oms.stateful.tables.inventory.node.defaultChild as CfnGlobalTable);
const busId = () => logicalIdOf(oms.stateful.eventBus.node.defaultChild as CfnEventBus);

describe('stock events consumer', () => {
  it("maps the inventory table's stream to publish-stock-events with the definition's batch settings and partial batch responses", () => {
    // Prepare
    const expected = {
      FunctionName: { Ref: logicalIdOf(omsFunction(publishStockEventsFunction.name).function) },
      BatchSize: stockEventsConsumer.batchSize,
      StartingPosition: stockEventsConsumer.startingPosition,
      MaximumRetryAttempts: stockEventsConsumer.maximumRetryAttempts,
      BisectBatchOnFunctionError: true,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    };

    // Act
    const mappings = Object.values(stateless.findResources('AWS::Lambda::EventSourceMapping')).map((mapping) => mapping.Properties);
    const mapping = mappings.find((candidate) => JSON.stringify(candidate.FunctionName) === JSON.stringify(expected.FunctionName));

    // Assess
    expect(mapping).toMatchObject(expected);
    expect(names(mapping?.EventSourceArn, `FnGetAtt${inventoryTableId()}StreamArn`)).toBe(true);
  });

  it('may put events on the OMS bus and nowhere else, read only the inventory stream, and touch no table', () => {
    // Act
    const statements = statementsOf(publishStockEventsFunction.name);
    const puts = statements.filter((statement) => actionsOf(statement).some((action) => action.startsWith('events:')));
    const dynamoActions = statements.filter((statement) => actionsOf(statement).some((action) => action.startsWith('dynamodb:')));

    // Assess
    expect(puts.flatMap(actionsOf)).toEqual(['events:PutEvents']);
    expect(puts.flatMap(resourcesOf)).toHaveLength(1);
    expect(names(puts.flatMap(resourcesOf)[0], `FnGetAtt${busId()}Arn`)).toBe(true);
    expect(dynamoActions.flatMap(actionsOf).sort()).toEqual(['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator', 'dynamodb:ListStreams']);
    expect(dynamoActions.flatMap(resourcesOf).every((resource) => names(resource, `FnGetAtt${inventoryTableId()}StreamArn`))).toBe(true);
  });

  it('learns the bus name from EVENT_BUS_NAME and gets no table name', () => {
    // Act
    const environment = environmentOf(publishStockEventsFunction.name);

    // Assess
    expect(names(environment.EVENT_BUS_NAME, `Ref${busId()}`)).toBe(true);
    for (const table of Object.values(tables)) expect(environment).not.toHaveProperty(table.envVar);
  });
});

describe('expired reservations sweeper', () => {
  const ruleProperties = () => {
    const rule = oms.stateless.eventRules.get(reservationExpiryRule.name);
    if (!rule) throw new Error(`No rule ${reservationExpiryRule.name}`);
    return stateless.toJSON().Resources[logicalIdOf(rule)].Properties;
  };

  it('runs on a schedule on the default bus (the only bus EventBridge runs schedules on), with its retry policy and dead-letter queue', () => {
    // Act
    const properties = ruleProperties();

    // Assess
    expect(properties.ScheduleExpression).toBe('rate(1 minute)');
    expect(properties).not.toHaveProperty('EventBusName');
    expect(properties).not.toHaveProperty('EventPattern');
    expect(properties.Targets).toEqual([
      {
        Id: 'sweeper',
        Arn: { 'Fn::GetAtt': [logicalIdOf(omsFunction(releaseExpiredReservationsFunction.name).function), 'Arn'] },
        RetryPolicy: { MaximumRetryAttempts: 0, MaximumEventAgeInSeconds: 60 },
        DeadLetterConfig: { Arn: { 'Fn::GetAtt': [logicalIdOf(oms.stateless.eventTargetDeadLetterQueue!), 'Arn'] } },
      },
    ]);
  });

  it('may be invoked by that rule only', () => {
    // Prepare
    const functionArn = { 'Fn::GetAtt': [logicalIdOf(omsFunction(releaseExpiredReservationsFunction.name).function), 'Arn'] };

    // Act
    const permissions = Object.values(stateless.findResources('AWS::Lambda::Permission', { Properties: { FunctionName: functionArn } })).map(
      (permission) => permission.Properties,
    );

    // Assess
    expect(permissions).toEqual([
      {
        Action: 'lambda:InvokeFunction',
        FunctionName: functionArn,
        Principal: 'events.amazonaws.com',
        SourceArn: { 'Fn::GetAtt': [logicalIdOf(oms.stateless.eventRules.get(reservationExpiryRule.name)!), 'Arn'] },
      },
    ]);
  });

  it('reads and writes the inventory table (and its indexes) only, knows only its name, and publishes nothing', () => {
    // Act
    const statements = statementsOf(releaseExpiredReservationsFunction.name);
    const environment = environmentOf(releaseExpiredReservationsFunction.name);
    const dynamoResources = statements.filter((statement) => actionsOf(statement).some((action) => action.startsWith('dynamodb:'))).flatMap(resourcesOf);

    // Assess
    expect(dynamoResources.length).toBeGreaterThan(0);
    expect(dynamoResources.every((resource) => names(resource, `FnGetAtt${inventoryTableId()}Arn`))).toBe(true);
    expect(statements.flatMap(actionsOf)).not.toContain('events:PutEvents');
    expect(environment).toHaveProperty(tables.inventory.envVar);
    expect(environment).not.toHaveProperty(tables.orders.envVar);
    expect(environment).not.toHaveProperty('EVENT_BUS_NAME');
  });

  it('has a sparse index of open holds on the inventory table, keyed by shard and expiry', () => {
    // Act
    const table = stateful.toJSON().Resources[inventoryTableId()];
    const index = table.Properties.GlobalSecondaryIndexes.find((candidate: { IndexName: string }) => candidate.IndexName === 'byHoldExpiry');

    // Assess
    expect(index).toMatchObject({
      KeySchema: [
        { AttributeName: 'gsi2pk', KeyType: 'HASH' },
        { AttributeName: 'gsi2sk', KeyType: 'RANGE' },
      ],
      Projection: { ProjectionType: 'ALL' },
    });
  });
});

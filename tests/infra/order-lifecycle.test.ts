/**
 * The order lifecycle as CDK deploys it from the real definitions: the two state machines built from
 * their ASL files, the outbox consumer that starts one execution per order, least-privilege grants
 * and the alarms ops rely on.
 */
import type { Template } from 'aws-cdk-lib/assertions';
import type { CfnGlobalTable } from 'aws-cdk-lib/aws-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import type { OmsApp } from '../../infra/aws/app';
import { apiFunctions } from '../../infra/definitions/api';
import { lifecycleFunctions, orderIntake, orderLifecycle, orderOutboxConsumer } from '../../infra/definitions/lifecycle';
import { actionsOf, logicalIdOf, resourcesOf, statementsOfRole, synthesizeApp } from './test-app';

let oms: OmsApp;
let stateless: Template;

beforeAll(() => {
  // Prepare + Act: the deployed app, synthesized once for every test.
  ({ oms, stateless } = synthesizeApp());
});

const omsFunction = (name: string) => {
  const built = oms.stateless.functions.get(name);
  if (!built) throw new Error(`No function ${name} in the stateless stack`);
  return built;
};
const stateMachineResource = (name: string) => {
  const machine = oms.stateless.stateMachines.get(name);
  if (!machine) throw new Error(`No state machine ${name}`);
  return stateless.toJSON().Resources[logicalIdOf(machine)] as { Properties: Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any -- CloudFormation JSON
};
const stateActionsOf = (functionName: string) =>
  statementsOfRole(stateless, logicalIdOf(omsFunction(functionName).role))
    .filter((statement) => actionsOf(statement).some((action) => action.startsWith('states:')))
    .map((statement) => ({ actions: actionsOf(statement).sort(), resources: JSON.stringify(resourcesOf(statement)) }));

describe('order lifecycle state machines', () => {
  it('deploys order-lifecycle as STANDARD and order-intake as EXPRESS, with every placeholder substituted, logs ALL and tracing', () => {
    for (const definition of [orderLifecycle, orderIntake]) {
      // Act
      const { Properties } = stateMachineResource(definition.name);

      // Assess
      expect(Properties.StateMachineType).toBe(definition.type);
      expect(Object.keys(Properties.DefinitionSubstitutions ?? {}).sort()).toEqual(Object.keys(definition.substitutions).sort());
      expect(Properties.LoggingConfiguration.Level).toBe('ALL');
      expect(Properties.TracingConfiguration.Enabled).toBe(true);
    }
  });

  it('alarms on failed, timed-out and aborted lifecycle executions', () => {
    // Act
    const alarms = Object.values(stateless.findResources('AWS::CloudWatch::Alarm')).map((alarm) => alarm.Properties);
    const executionAlarms = alarms.filter((alarm) => JSON.stringify(alarm.Dimensions ?? []).includes(logicalIdOf(oms.stateless.stateMachines.get(orderLifecycle.name)!)));

    // Assess
    expect(executionAlarms.map((alarm) => alarm.MetricName).sort()).toEqual(['ExecutionsAborted', 'ExecutionsFailed', 'ExecutionsTimedOut']);
    expect(executionAlarms.every((alarm) => alarm.Threshold === 1)).toBe(true);
  });

  it('alarms on errors of the partner callback functions', () => {
    const alarms = Object.values(stateless.findResources('AWS::CloudWatch::Alarm')).map((alarm) => JSON.stringify(alarm.Properties));
    for (const callback of [apiFunctions.applyWmsEvent, apiFunctions.applyCarrierEvent]) {
      expect(alarms.some((alarm) => alarm.includes('"Errors"') && alarm.includes(logicalIdOf(omsFunction(callback.name).function)))).toBe(true);
    }
  });
});

describe('outbox consumer', () => {
  it("maps the orders table's stream to start-order-lifecycles, retrying until the record expires", () => {
    const mappings = Object.values(stateless.findResources('AWS::Lambda::EventSourceMapping')).map((mapping) => mapping.Properties);
    const mapping = mappings.find((candidate) => JSON.stringify(candidate.FunctionName).includes(logicalIdOf(omsFunction(lifecycleFunctions.startOrderLifecycles.name).function)));
    const ordersTableId = logicalIdOf(oms.stateful.tables.orders.node.defaultChild as CfnGlobalTable);

    expect(mapping).toMatchObject({
      BatchSize: orderOutboxConsumer.batchSize,
      MaximumRetryAttempts: orderOutboxConsumer.maximumRetryAttempts,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
    expect(JSON.stringify(mapping?.EventSourceArn)).toContain(`${ordersTableId}StreamArn`);
    // Only inserts of orders invoke it: updates, task tokens and payment records are filtered out by Lambda.
    expect(mapping?.FilterCriteria?.Filters?.map((filter: { Pattern: string }) => JSON.parse(filter.Pattern))).toEqual([
      { eventName: ['INSERT'], dynamodb: { NewImage: { entity: { S: ['Order'] } } } },
    ]);
  });

  it('may start order-lifecycle executions and nothing else in Step Functions', () => {
    expect(stateActionsOf(lifecycleFunctions.startOrderLifecycles.name)).toEqual([
      { actions: ['states:StartExecution'], resources: expect.stringContaining(':stateMachine:order-lifecycle') },
    ]);
  });
});

describe('least privilege around task tokens', () => {
  it('lets only the functions that answer tokens send task results, and only to order-lifecycle', () => {
    const answering = [apiFunctions.cancelOrder, apiFunctions.reviewOrder, apiFunctions.applyWmsEvent, apiFunctions.applyCarrierEvent, lifecycleFunctions.awaitOrderEvent];
    for (const definition of answering) {
      const statements = stateActionsOf(definition.name);
      expect(statements.flatMap((statement) => statement.actions)).toContain('states:SendTaskSuccess');
      expect(statements.every((statement) => statement.resources.includes(':order-lifecycle'))).toBe(true);
    }
    for (const definition of [lifecycleFunctions.shipShipment, lifecycleFunctions.allocateOrderStock, lifecycleFunctions.screenOrderRisk, apiFunctions.createOrder]) {
      expect(stateActionsOf(definition.name)).toEqual([]);
    }
  });

  it('gives the timeline read access to order-lifecycle executions only', () => {
    expect(stateActionsOf(apiFunctions.getOrderTimeline.name).flatMap((statement) => statement.actions)).toEqual(['states:DescribeExecution', 'states:GetExecutionHistory']);
  });
});

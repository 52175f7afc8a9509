/**
 * Analytics as CDK deploys it from the real definitions: its table, the rule that feeds the consumer
 * only the events it counts, and functions (the webhook deliverers too, which count delivery
 * outcomes) that may touch exactly the tables they declare.
 */
import type { CfnGlobalTable } from 'aws-cdk-lib/aws-dynamodb';
import { describe, expect, it } from 'vitest';
import { analyticsFunctions, analyticsRule, recordAnalyticsEventFunction } from '../../infra/definitions/analytics';
import type { FunctionDefinition } from '../../infra/definitions/api';
import { tables, type TableName } from '../../infra/definitions/tables';
import { webhookFunctions } from '../../infra/definitions/webhooks';
import { actionsOf, builtFunction, logicalIdOf, omsNagFindings, resourcesOf, statementsOfRole, synthesizeAppBeforeAll } from './test-app';

const app = synthesizeAppBeforeAll();

const built = (definition: FunctionDefinition) => builtFunction(app.oms, definition);
const tableId = (name: TableName) => logicalIdOf(app.oms.stateful.tables[name].node.defaultChild as CfnGlobalTable);
const dynamoDbStatementsOf = (definition: FunctionDefinition) =>
  statementsOfRole(app.stateless, logicalIdOf(built(definition).role)).filter((statement) => actionsOf(statement).some((action) => action.startsWith('dynamodb:')));
/** The tables a function's DynamoDB statements name, and whether any of them lets it write. */
function tableAccessOf(definition: FunctionDefinition): Record<string, 'read' | 'readWrite'> {
  const access: Record<string, 'read' | 'readWrite'> = {};
  for (const statement of dynamoDbStatementsOf(definition)) {
    const writes = actionsOf(statement).some((action) => /Put|Update|Delete|Write/.test(action));
    for (const name of Object.keys(tables) as TableName[]) {
      if (!resourcesOf(statement).some((resource) => JSON.stringify(resource).includes(tableId(name)))) continue;
      access[name] = writes || access[name] === 'readWrite' ? 'readWrite' : 'read';
    }
  }
  return access;
}

describe('analytics on AWS', () => {
  it('keeps the counters in a retained table of their own whose dedup markers and join facts expire', () => {
    // Act
    const table = app.stateful.toJSON().Resources[tableId('analytics')];

    // Assess
    expect(table.DeletionPolicy).toBe('Retain');
    expect(table.Properties.TimeToLiveSpecification).toEqual({ AttributeName: 'expiresAtEpoch', Enabled: true });
    expect(table.Properties).not.toHaveProperty('GlobalSecondaryIndexes');
  });

  it('sends the consumer only the events it counts (deliveries, not every status change), retried for a day', () => {
    // Act
    const rule = app.oms.stateless.eventRules.get(analyticsRule.name);
    const properties = app.stateless.toJSON().Resources[logicalIdOf(rule!)].Properties;

    // Assess
    expect(properties.EventPattern).toEqual({
      $or: [
        { source: ['oms.orders'], 'detail-type': ['OrderPlaced', 'OrderAllocated', 'ShipmentShipped', 'OrderCancelled', 'PaymentRefunded'] },
        { source: ['oms.returns'], 'detail-type': ['ReturnRequested', 'ReturnRefunded', 'StoreCreditIssued'] },
        { source: ['oms.inventory'], 'detail-type': ['StockLow', 'OutOfStock', 'BackInStock'] },
        { source: ['oms.orders'], 'detail-type': ['ShipmentStatusChanged'], detail: { data: { to: ['DELIVERED', 'PICKED_UP'] } } },
      ],
    });
    expect(properties.Targets).toHaveLength(1);
    expect(properties.Targets[0]).toMatchObject({
      Id: 'record-analytics',
      Arn: { 'Fn::GetAtt': [logicalIdOf(built(recordAnalyticsEventFunction).function), 'Arn'] },
      RetryPolicy: { MaximumRetryAttempts: 185, MaximumEventAgeInSeconds: 86_400 },
    });
  });

  // The webhook functions that attempt deliveries count their outcomes in the analytics table.
  it.each([recordAnalyticsEventFunction, ...Object.values(analyticsFunctions), webhookFunctions.fanOut, webhookFunctions.deliverDue].map((definition) => [definition.name, definition] as const))(
    'lets %s touch exactly the tables it declares, as it declares them',
    (_name, definition) => {
      // Act
      const access = tableAccessOf(definition);

      // Assess
      expect(access).toEqual(definition.tables);
    },
  );

  it('leaves no cdk-nag finding on the analytics table, functions, routes or rule', () => {
    // Act
    const findings = omsNagFindings(app.nagFindings).filter((finding) => /analytics|report/i.test(finding));

    // Assess
    expect(findings).toEqual([]);
  });
});

import type { CfnGlobalTable, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { CfnEventBus } from 'aws-cdk-lib/aws-events';
import { describe, expect, it } from 'vitest';
import { omsDefinitions } from '../../infra/aws/stateless-stack';
import { apiFunctions, apiRoutes } from '../../infra/definitions/api';
import type { FunctionDefinition } from '../../infra/definitions/api';
import { tables as tableDefinitions } from '../../infra/definitions/tables';
import type { TableName } from '../../infra/definitions/tables';
import { actionsOf, builtFunction, logicalIdOf, NAG_CANARY_STACK, omsNagFindings, statementsOfRole, synthesizeAppBeforeAll } from './test-app';
import type { PolicyStatement } from './test-app';

const WRITE_ACTIONS = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'];
const isWriteAction = (action: string): boolean => WRITE_ACTIONS.includes(action) || action === 'dynamodb:*' || action === '*';
const tableNames = Object.keys(tableDefinitions) as TableName[];
const uniqueFunctions = [...new Map(apiRoutes.map((route) => [route.function.name, route.function])).values()];

// Prepare + Act: the deployed app (with the real definitions), plus the helper's deliberately
// non-compliant canary stack so the nag test can prove findings reach the report (an empty
// report could also mean cdk-nag never ran), synthesized once for every test.
const app = synthesizeAppBeforeAll();

const tableResource = (name: TableName) => {
  const logicalId = app.oms.stateful.getLogicalId(app.oms.stateful.tables[name].node.defaultChild as CfnGlobalTable);
  return app.stateful.toJSON().Resources[logicalId];
};

/** Whether a CloudFormation value refers to the table, directly or through the stateful stack's export of it. */
const refersTo = (value: unknown, table: TableV2): boolean =>
  JSON.stringify(value).includes(app.oms.stateful.getLogicalId(table.node.defaultChild as CfnGlobalTable));

const functionLogicalId = (definition: FunctionDefinition): string => logicalIdOf(builtFunction(app.oms, definition).function);

const environmentOf = (definition: FunctionDefinition): Record<string, unknown> =>
  app.stateless.toJSON().Resources[functionLogicalId(definition)].Properties.Environment.Variables;

const roleLogicalIdOf = (definition: FunctionDefinition): string =>
  app.stateless.toJSON().Resources[functionLogicalId(definition)].Properties.Role['Fn::GetAtt'][0];

/** Every statement granted to the function's role. */
const statementsOf = (definition: FunctionDefinition): PolicyStatement[] =>
  statementsOfRole(app.stateless, roleLogicalIdOf(definition));

describe('stateful stack', () => {
  it('keeps orders in a retained on-demand table with a full-image stream, PITR, deletion protection and the five GSIs', () => {
    // Prepare
    const definition = tableDefinitions.orders;

    // Act
    const table = tableResource('orders');

    // Assess
    expect(table.DeletionPolicy).toBe('Retain');
    expect(table.UpdateReplacePolicy).toBe('Retain');
    expect(table.Properties).toMatchObject({
      BillingMode: 'PAY_PER_REQUEST',
      StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
      SSESpecification: { SSEEnabled: true, SSEType: 'KMS' },
      Replicas: [
        {
          PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
          DeletionProtectionEnabled: true,
        },
      ],
    });
    const indexes = table.Properties.GlobalSecondaryIndexes.map(
      (index: { IndexName: string; KeySchema: { AttributeName: string }[] }) => ({
        indexName: index.IndexName,
        keys: index.KeySchema.map((key) => key.AttributeName),
      }),
    );
    expect(indexes).toEqual(
      definition.globalSecondaryIndexes.map((index) => ({
        indexName: index.indexName,
        keys: [index.partitionKey.name, index.sortKey?.name],
      })),
    );
    expect(indexes).toHaveLength(5);
  });

  it('expires idempotency records on their `expiration` attribute', () => {
    // Prepare
    const expected = { AttributeName: 'expiration', Enabled: true };

    // Act
    const table = tableResource('idempotency');

    // Assess
    expect(table.Properties.TimeToLiveSpecification).toEqual(expected);
    expect(table.DeletionPolicy).toBe('Retain');
    expect(table.Properties.Replicas[0].PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
  });

  it('archives every event of the oms-events bus for replay', () => {
    // Prepare
    const busLogicalId = app.oms.stateful.getLogicalId(app.oms.stateful.eventBus.node.defaultChild as CfnEventBus);

    // Act
    const archives = app.stateful.findResources('AWS::Events::Archive');

    // Assess
    app.stateful.hasResourceProperties('AWS::Events::EventBus', { Name: 'oms-events' });
    expect(Object.values(archives)).toHaveLength(1);
    const [archive] = Object.values(archives);
    expect(archive?.Properties).toMatchObject({
      SourceArn: { 'Fn::GetAtt': [busLogicalId, 'Arn'] },
      EventPattern: { account: [{ Ref: 'AWS::AccountId' }] },
      RetentionDays: expect.any(Number),
    });
    expect(archive?.Properties.RetentionDays).toBeGreaterThan(0);
    expect(archive?.Properties).not.toHaveProperty('KmsKeyIdentifier');
  });
});

describe('stateless stack', () => {
  it.each(apiRoutes.map((route) => [`${route.method} ${route.path}`, route] as const))(
    'routes %s to its own Lambda function',
    (routeKey, route) => {
      // Prepare
      const expectedFunction = functionLogicalId(route.function);

      // Act
      const routes = Object.values(app.stateless.findResources('AWS::ApiGatewayV2::Route', { Properties: { RouteKey: routeKey } }));
      const integrationLogicalId: string = routes[0]?.Properties.Target['Fn::Join'][1][1].Ref;
      const integration = app.stateless.toJSON().Resources[integrationLogicalId];

      // Assess
      expect(routes).toHaveLength(1);
      expect(integration.Properties).toMatchObject({
        IntegrationType: 'AWS_PROXY',
        IntegrationUri: { 'Fn::GetAtt': [expectedFunction, 'Arn'] },
      });
    },
  );

  it('stays well under CloudFormation\'s 500 resources per stack: a function grants into its role, not into a policy resource of its own', () => {
    // Act
    const resources = Object.keys(app.stateless.toJSON().Resources).length;
    const policyResources = Object.keys(app.stateless.findResources('AWS::IAM::Policy')).length;
    const functions = Object.keys(app.stateless.findResources('AWS::Lambda::Function')).length;

    // Assess: past 470, split the stack (e.g. the HTTP API and its functions into a stack of their own) before it cannot deploy.
    expect(resources).toBeLessThan(470);
    expect(policyResources).toBeLessThan(functions / 10);
  });

  it('creates exactly one function per function definition that a route, state machine, rule or stream consumer uses', () => {
    // Prepare
    const used = [
      ...omsDefinitions.routes.map((route) => route.function),
      ...omsDefinitions.stateMachines.flatMap((machine) => Object.values(machine.substitutions).flatMap((target) => (target.kind === 'function' ? [target.function] : []))),
      ...omsDefinitions.eventRules.flatMap((rule) => rule.targets.flatMap((target) => (target.kind === 'function' ? [target.function] : []))),
      ...omsDefinitions.streamConsumers.map((consumer) => consumer.function),
    ];
    const expected = new Set(used.map((definition) => definition.name)).size;

    // Act
    const functions = app.stateless.findResources('AWS::Lambda::Function');

    // Assess
    expect(Object.keys(functions)).toHaveLength(expected);
  });

  it('runs every function on Node.js 22, arm64, with active X-Ray tracing and its own log group', () => {
    // Prepare
    const expected = {
      Runtime: 'nodejs22.x',
      Architectures: ['arm64'],
      TracingConfig: { Mode: 'Active' },
      LoggingConfig: { LogGroup: { Ref: expect.any(String) } },
    };

    // Act
    const functions = Object.values(app.stateless.findResources('AWS::Lambda::Function'));

    // Assess
    expect(functions).not.toHaveLength(0);
    for (const lambda of functions) expect(lambda.Properties).toMatchObject(expected);
  });

  it.each(uniqueFunctions.map((definition) => [definition.name, definition] as const))(
    'gives %s the env var of each table it declares, and of no other',
    (_name, definition) => {
      // Prepare
      const declared = tableNames.filter((name) => definition.tables[name] !== undefined);
      const undeclared = tableNames.filter((name) => definition.tables[name] === undefined);

      // Act
      const environment = environmentOf(definition);

      // Assess
      for (const name of declared) {
        const envVar = tableDefinitions[name].envVar;
        expect(environment, envVar).toHaveProperty(envVar);
        expect(refersTo(environment[envVar], app.oms.stateful.tables[name]), `${envVar} names the ${name} table`).toBe(true);
      }
      for (const name of undeclared) expect(environment).not.toHaveProperty(tableDefinitions[name].envVar);
    },
  );

  it('lets create-order write to the orders and idempotency tables', () => {
    // Prepare
    const { orders, idempotency } = app.oms.stateful.tables;

    // Act
    const writes = statementsOf(apiFunctions.createOrder).filter(
      (statement) => statement.Effect === 'Allow' && actionsOf(statement).includes('dynamodb:PutItem'),
    );

    // Assess
    expect(writes.some((statement) => refersTo(statement.Resource, orders))).toBe(true);
    expect(writes.some((statement) => refersTo(statement.Resource, idempotency))).toBe(true);
  });

  it.each([apiFunctions.getOrder, apiFunctions.listOrders].map((definition) => [definition.name, definition] as const))(
    'lets %s only read, and never touch the idempotency table',
    (_name, definition) => {
      // Prepare
      const { orders, idempotency } = app.oms.stateful.tables;

      // Act
      const statements = statementsOf(definition);
      const dynamoStatements = statements.filter((statement) => actionsOf(statement).some((action) => action.startsWith('dynamodb:')));

      // Assess
      expect(dynamoStatements.some((statement) => refersTo(statement.Resource, orders))).toBe(true);
      expect(statements.flatMap(actionsOf).filter(isWriteAction)).toEqual([]);
      expect(statements.filter((statement) => refersTo(statement.Resource, idempotency))).toEqual([]);
    },
  );

  it('gives get-openapi no DynamoDB permission at all', () => {
    // Prepare
    const definition = apiFunctions.getOpenApi;

    // Act
    const actions = statementsOf(definition).flatMap(actionsOf);
    const role = app.stateless.toJSON().Resources[roleLogicalIdOf(definition)];

    // Assess
    expect(actions.filter((action) => action.startsWith('dynamodb:') || action === '*')).toEqual([]);
    expect(role.Properties).not.toHaveProperty('ManagedPolicyArns');
  });

  it('builds exactly the state machines, rules and stream consumers the OMS defines, and dead-letter queues only for them', () => {
    // Prepare
    const expectedQueues = [omsDefinitions.eventRules, omsDefinitions.streamConsumers].filter((list) => list.length > 0).length;

    // Act
    const count = (type: string) => Object.keys(app.stateless.findResources(type)).length;

    // Assess
    expect(count('AWS::StepFunctions::StateMachine')).toBe(omsDefinitions.stateMachines.length);
    expect(count('AWS::Events::Rule')).toBe(omsDefinitions.eventRules.length);
    expect(count('AWS::Lambda::EventSourceMapping')).toBe(omsDefinitions.streamConsumers.length);
    expect(count('AWS::SQS::Queue')).toBe(expectedQueues);
  });

  it('logs access as JSON and throttles the default stage', () => {
    // Prepare
    const stages = Object.values(app.stateless.findResources('AWS::ApiGatewayV2::Stage'));

    // Act
    const [stage] = stages;
    const format = () => JSON.parse(stage?.Properties.AccessLogSettings.Format);

    // Assess
    expect(stages).toHaveLength(1);
    expect(stage?.Properties).toMatchObject({
      StageName: '$default',
      AccessLogSettings: { DestinationArn: { 'Fn::GetAtt': [expect.any(String), 'Arn'] } },
      DefaultRouteSettings: { ThrottlingRateLimit: expect.any(Number), ThrottlingBurstLimit: expect.any(Number) },
    });
    expect(format()).toHaveProperty('requestId', '$context.requestId');
    app.stateless.hasOutput('ApiUrl', {});
  });
});

describe('cdk-nag AwsSolutions', () => {
  it('reports unacknowledged findings (canary), so an empty result below is meaningful', () => {
    // Prepare
    const canaryPrefix = ` at ${NAG_CANARY_STACK}/`;

    // Act
    const canaryFindings = app.nagFindings.filter((finding) => finding.includes(canaryPrefix));

    // Assess
    expect(canaryFindings).toContain(
      `error AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/AdministratorAccess] at ${NAG_CANARY_STACK}/AdminRole/Resource`,
    );
  });

  it('has no unacknowledged error or warning outside the canary', () => {
    // Prepare
    const findings = app.nagFindings;

    // Act
    const omsFindings = omsNagFindings(findings);

    // Assess
    expect(omsFindings).toEqual([]);
  });
});

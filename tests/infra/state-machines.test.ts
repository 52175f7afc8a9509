import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Template } from 'aws-cdk-lib/assertions';
import type { CfnEventBus } from 'aws-cdk-lib/aws-events';
import { flattenCfnReference } from 'cdk-nag/lib/utils/flatten-cfn-reference';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../infra/aws/app';
import { omsDefinitions } from '../../infra/aws/stateless-stack';
import type { OmsApp } from '../../infra/aws/app';
import { repoRoot } from '../../infra/aws/repo-root';
import type { StateMachineDefinition } from '../../infra/definitions/state-machines';
import { fixtureDefinitions, fixtureFunctions, fulfilment, orderLifecycle } from '../fixtures/cdk/definitions';
import { actionsOf, logicalIdOf, newTestApp, resourcesOf, statementsOfRole, synthesizeApp } from './test-app';
import type { PolicyStatement } from './test-app';

let oms: OmsApp;
let stateless: Template;
let assemblyDirectory: string;

beforeAll(() => {
  // Prepare + Act: the app with fixture state machines, synthesized once for every test.
  ({ oms, stateless, assemblyDirectory } = synthesizeApp(fixtureDefinitions));
});

const stateMachineResource = (name: string) => {
  const stateMachine = oms.stateless.stateMachines.get(name);
  if (!stateMachine) throw new Error(`No state machine ${name} in the stateless stack`);
  return stateless.toJSON().Resources[logicalIdOf(stateMachine)];
};

const roleStatementsOf = (name: string): PolicyStatement[] =>
  statementsOfRole(stateless, stateMachineResource(name).Properties.RoleArn['Fn::GetAtt'][0]);

const statementsWith = (statements: PolicyStatement[], action: string): PolicyStatement[] =>
  statements.filter((statement) => statement.Effect === 'Allow' && actionsOf(statement).includes(action));

const functionLogicalId = (name: string): string => {
  const omsFunction = oms.stateless.functions.get(name);
  if (!omsFunction) throw new Error(`No function ${name} in the stateless stack`);
  return logicalIdOf(omsFunction.function);
};

const busLogicalId = (): string => logicalIdOf(oms.stateful.eventBus.node.defaultChild as CfnEventBus);

/**
 * The ASL as Step Functions will receive it: the file with the template's DefinitionSubstitutions
 * applied the way CloudFormation applies them. Values are CloudFormation expressions here, so each
 * is written as its JSON (escaped as string content, since placeholders sit inside JSON strings).
 */
const renderDefinition = (definition: StateMachineDefinition): string => {
  const substitutions: Record<string, unknown> = stateMachineResource(definition.name).Properties.DefinitionSubstitutions;
  return readFileSync(join(repoRoot, definition.definitionFile), 'utf8').replace(/\$\{([^}]*)\}/g, (placeholder, name: string) =>
    name in substitutions ? JSON.stringify(JSON.stringify(substitutions[name])).slice(1, -1) : placeholder,
  );
};

describe('state machines from definitions', () => {
  it('substitutes every placeholder: the function ARN, the child machine ARN and the bus name', () => {
    // Prepare
    const expectedFunctionArn = { 'Fn::GetAtt': [functionLogicalId(fixtureFunctions.reserveStock.name), 'Arn'] };

    // Act
    const rendered = renderDefinition(orderLifecycle);
    const { States: states } = JSON.parse(rendered);
    const valueOf = (text: string): unknown => JSON.parse(text);

    // Assess
    expect(rendered).not.toContain('${');
    expect(valueOf(states.ReserveStock.Parameters.FunctionName)).toEqual(expectedFunctionArn);
    expect(flattenCfnReference(valueOf(states.Fulfil.Parameters.StateMachineArn))).toBe(
      'arn:<AWS::Partition>:states:<AWS::Region>:<AWS::AccountId>:stateMachine:fixture-fulfilment',
    );
    expect(stateMachineResource(fulfilment.name).Properties.StateMachineName).toBe('fixture-fulfilment');
    // The bus's name (its Ref), read from the stateful stack's export of it.
    expect(JSON.stringify(states.PublishOrderFulfilled.Parameters.Entries[0].EventBusName)).toContain(`Ref${busLogicalId()}`);
  });

  it('deploys the ASL file itself as the definition', () => {
    // Prepare
    const expected = readFileSync(join(repoRoot, orderLifecycle.definitionFile), 'utf8');

    // Act
    const { Key: key } = stateMachineResource(orderLifecycle.name).Properties.DefinitionS3Location;
    const staged = join(assemblyDirectory, `asset.${key}`);

    // Assess
    expect(existsSync(staged)).toBe(true);
    expect(readFileSync(staged, 'utf8')).toBe(expected);
  });

  it('lets a state machine invoke exactly the function its ASL calls', () => {
    // Prepare
    const expectedResources = [{ 'Fn::GetAtt': [functionLogicalId(fixtureFunctions.reserveStock.name), 'Arn'] }];

    // Act
    const lambdaStatements = roleStatementsOf(orderLifecycle.name).filter((statement) =>
      actionsOf(statement).some((action) => action.startsWith('lambda:') || action === '*'),
    );

    // Assess
    expect(lambdaStatements.flatMap(actionsOf)).toEqual(['lambda:InvokeFunction']);
    expect(lambdaStatements.flatMap(resourcesOf)).toEqual(expectedResources);
  });

  it('lets a parent start, follow and stop only the child it nests, through the .sync managed rule', () => {
    // Prepare
    const statements = roleStatementsOf(orderLifecycle.name);
    const flatResources = (action: string) => statementsWith(statements, action).flatMap(resourcesOf).map(flattenCfnReference);
    const arnPrefix = 'arn:<AWS::Partition>:states:<AWS::Region>:<AWS::AccountId>';

    // Act
    const started = flatResources('states:StartExecution');
    const described = flatResources('states:DescribeExecution');
    const stopped = flatResources('states:StopExecution');
    const managedRule = ['events:PutTargets', 'events:PutRule', 'events:DescribeRule'].map(flatResources);

    // Assess
    expect(started).toEqual([`${arnPrefix}:stateMachine:fixture-fulfilment`]);
    expect(described).toEqual([`${arnPrefix}:execution:fixture-fulfilment:*`]);
    expect(stopped).toEqual(described);
    for (const resources of managedRule) {
      expect(resources).toEqual([
        'arn:<AWS::Partition>:events:<AWS::Region>:<AWS::AccountId>:rule/StepFunctionsGetEventsForStepFunctionsExecutionRule',
      ]);
    }
  });

  it('lets a state machine publish to the oms-events bus and nowhere else', () => {
    // Prepare
    const busArnExport = `FnGetAtt${busLogicalId()}Arn`;

    // Act
    const resources = statementsWith(roleStatementsOf(orderLifecycle.name), 'events:PutEvents').flatMap(resourcesOf);

    // Assess
    expect(resources).toHaveLength(1);
    expect(JSON.stringify(resources[0])).toContain(busArnExport);
  });

  it('grants a machine without placeholders nothing beyond its logging and tracing', () => {
    // Prepare
    const loggingAndTracing = (action: string) => action.startsWith('logs:') || action.startsWith('xray:');

    // Act
    const actions = roleStatementsOf(fulfilment.name).flatMap(actionsOf);

    // Assess
    expect(actions.filter((action) => !loggingAndTracing(action))).toEqual([]);
  });

  it.each([orderLifecycle, fulfilment].map((definition) => [definition.name, definition] as const))(
    'names %s after its definition, with its type, X-Ray tracing and every event logged to a log group with retention',
    (_name, definition) => {
      // Prepare
      const expected = {
        StateMachineName: definition.name,
        StateMachineType: definition.type,
        TracingConfiguration: { Enabled: true },
        LoggingConfiguration: { Level: 'ALL', IncludeExecutionData: true },
      };

      // Act
      const properties = stateMachineResource(definition.name).Properties;
      const logGroupLogicalId = properties.LoggingConfiguration.Destinations[0].CloudWatchLogsLogGroup.LogGroupArn['Fn::GetAtt'][0];
      const logGroup = stateless.toJSON().Resources[logGroupLogicalId];

      // Assess
      expect(properties).toMatchObject(expected);
      expect(logGroup.Type).toBe('AWS::Logs::LogGroup');
      expect(logGroup.Properties.RetentionInDays).toBeGreaterThan(0);
    },
  );
});

describe('state machine definitions that do not match their ASL file', () => {
  const withStateMachines = (...stateMachines: StateMachineDefinition[]) => () =>
    buildApp(newTestApp(), { ...fixtureDefinitions, stateMachines: [...omsDefinitions.stateMachines, ...stateMachines] });

  it('refuses a placeholder that has no substitution', () => {
    // Prepare
    const { EventBusName: _omitted, ...substitutions } = orderLifecycle.substitutions;

    // Act
    const build = withStateMachines({ ...orderLifecycle, substitutions }, fulfilment);

    // Assess
    expect(build).toThrow(/fixture-order-lifecycle .*order-lifecycle\.asl\.json.*no substitution for \$\{EventBusName\}/);
  });

  it('refuses a substitution the file never uses', () => {
    // Prepare
    const substitutions = { ...orderLifecycle.substitutions, AuditBusName: { kind: 'event-bus' } as const };

    // Act
    const build = withStateMachines({ ...orderLifecycle, substitutions }, fulfilment);

    // Assess
    expect(build).toThrow(/fixture-order-lifecycle .*not used in the file: AuditBusName/);
  });

  it('refuses a nested state machine that is not defined', () => {
    // Prepare
    const missingChild = orderLifecycle;

    // Act
    const build = withStateMachines(missingChild);

    // Assess
    expect(build).toThrow(/FulfilmentStateMachineArn names state machine fixture-fulfilment, which is not defined/);
  });
});

import type { Template } from 'aws-cdk-lib/assertions';
import type { CfnEventBus } from 'aws-cdk-lib/aws-events';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../infra/aws/app';
import type { OmsApp } from '../../infra/aws/app';
import type { RuleDefinition, RuleTarget } from '../../infra/definitions/event-bus';
import { fixtureDefinitions, fixtureFunctions, orderLifecycle, orderPlacedRule } from '../fixtures/cdk/definitions';
import { actionsOf, logicalIdOf, newTestApp, resourcesOf, statementsOfRole, synthesizeApp } from './test-app';

/** A target as CloudFormation renders it. */
interface CfnTarget {
  readonly Id: string;
  readonly Arn: unknown;
  readonly RoleArn?: { 'Fn::GetAtt': [string, string] };
  readonly [property: string]: unknown;
}

let oms: OmsApp;
let stateless: Template;

beforeAll(() => {
  // Prepare + Act: the app with the fixture rule, synthesized once for every test.
  ({ oms, stateless } = synthesizeApp(fixtureDefinitions));
});

const ruleLogicalId = (): string => {
  const rule = oms.stateless.eventRules.get(orderPlacedRule.name);
  if (!rule) throw new Error(`No rule ${orderPlacedRule.name} in the stateless stack`);
  return logicalIdOf(rule);
};

const ruleProperties = () => stateless.toJSON().Resources[ruleLogicalId()].Properties;

const targetOf = (id: string): CfnTarget => {
  const target = (ruleProperties().Targets as CfnTarget[]).find((candidate) => candidate.Id === id);
  if (!target) throw new Error(`No target ${id} on rule ${orderPlacedRule.name}`);
  return target;
};

const definedTarget = <K extends RuleTarget['kind']>(kind: K): Extract<RuleTarget, { kind: K }> =>
  orderPlacedRule.targets.find((target): target is Extract<RuleTarget, { kind: K }> => target.kind === kind)!;

const roleOf = (target: CfnTarget) => {
  const roleLogicalId = target.RoleArn?.['Fn::GetAtt'][0];
  if (!roleLogicalId) throw new Error(`Target ${target.Id} has no role`);
  return { role: stateless.toJSON().Resources[roleLogicalId], statements: statementsOfRole(stateless, roleLogicalId) };
};

const deadLetterQueueLogicalId = (): string => {
  const queue = oms.stateless.eventTargetDeadLetterQueue;
  if (!queue) throw new Error('No dead-letter queue for event targets');
  return logicalIdOf(queue);
};

const ruleArn = () => ({ 'Fn::GetAtt': [ruleLogicalId(), 'Arn'] });
const eventsPrincipal = { Service: 'events.amazonaws.com' };

describe('event rules from definitions', () => {
  it("puts the rule on the oms-events bus with the definition's event pattern, verbatim", () => {
    // Prepare
    const busLogicalId = logicalIdOf(oms.stateful.eventBus.node.defaultChild as CfnEventBus);

    // Act
    const properties = ruleProperties();

    // Assess
    expect(properties.EventPattern).toEqual(orderPlacedRule.eventPattern);
    expect(properties.Name).toBe(orderPlacedRule.name);
    expect(properties.State).toBe('ENABLED');
    expect(JSON.stringify(properties.EventBusName)).toContain(`Ref${busLogicalId}`);
    expect(properties.Targets.map((target: CfnTarget) => target.Id)).toEqual(orderPlacedRule.targets.map((target) => target.id));
  });

  it('gives every target the shared dead-letter queue', () => {
    // Prepare
    const expected = { Arn: { 'Fn::GetAtt': [deadLetterQueueLogicalId(), 'Arn'] } };

    // Act
    const deadLetterConfigs = (ruleProperties().Targets as CfnTarget[]).map((target) => target.DeadLetterConfig);

    // Assess
    expect(deadLetterConfigs).toEqual(orderPlacedRule.targets.map(() => expected));
  });

  it('sends the function target its transformed input with its retry policy', () => {
    // Prepare
    const definition = definedTarget('function');

    // Act
    const target = targetOf(definition.id);

    // Assess
    expect(target.Arn).toEqual({ 'Fn::GetAtt': [logicalIdOf(oms.stateless.functions.get(fixtureFunctions.reserveStock.name)!.function), 'Arn'] });
    expect(target.InputTransformer).toEqual({
      InputPathsMap: definition.inputTransformer?.inputPathsMap,
      InputTemplate: definition.inputTransformer?.inputTemplate,
    });
    expect(target.RetryPolicy).toEqual({
      MaximumRetryAttempts: definition.retryPolicy?.maximumRetryAttempts,
      MaximumEventAgeInSeconds: definition.retryPolicy?.maximumEventAgeSeconds,
    });
    expect(target).not.toHaveProperty('InputPath');
  });

  it('lets only this rule invoke the function target', () => {
    // Prepare
    const functionArn = targetOf(definedTarget('function').id).Arn;

    // Act
    const permissions = Object.values(
      stateless.findResources('AWS::Lambda::Permission', { Properties: { Principal: 'events.amazonaws.com' } }),
    ).map((permission) => permission.Properties);

    // Assess
    expect(permissions).toEqual([
      { Action: 'lambda:InvokeFunction', FunctionName: functionArn, Principal: 'events.amazonaws.com', SourceArn: ruleArn() },
    ]);
  });

  it("sends the state machine target the event's detail, with AWS's default retries", () => {
    // Prepare
    const definition = definedTarget('state-machine');

    // Act
    const target = targetOf(definition.id);

    // Assess
    expect(target.Arn).toEqual({ Ref: logicalIdOf(oms.stateless.stateMachines.get(orderLifecycle.name)!) });
    expect(target.InputPath).toBe(definition.inputPath);
    expect(target).not.toHaveProperty('RetryPolicy');
    expect(target).not.toHaveProperty('InputTransformer');
  });

  it('starts the state machine through a role EventBridge assumes that may only start that machine', () => {
    // Prepare
    const target = targetOf(definedTarget('state-machine').id);

    // Act
    const { role, statements } = roleOf(target);

    // Assess
    expect(role.Properties.AssumeRolePolicyDocument.Statement).toEqual([
      { Action: 'sts:AssumeRole', Effect: 'Allow', Principal: eventsPrincipal },
    ]);
    expect(statements.flatMap(actionsOf)).toEqual(['states:StartExecution']);
    expect(statements.flatMap(resourcesOf)).toEqual([target.Arn]);
  });

  it('calls the partner through an API destination whose API key comes from a secret of its own', () => {
    // Prepare
    const definition = definedTarget('api-destination');
    const target = targetOf(definition.id);
    const destinationLogicalId = (target.Arn as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];

    // Act
    const destination = stateless.toJSON().Resources[destinationLogicalId];
    const connection = stateless.toJSON().Resources[destination.Properties.ConnectionArn['Fn::GetAtt'][0]];
    const apiKey = connection.Properties.AuthParameters.ApiKeyAuthParameters;
    const secretLogicalId: string = apiKey.ApiKeyValue['Fn::Join'][1][1].Ref;
    const { statements } = roleOf(target);

    // Assess
    expect(destination.Type).toBe('AWS::Events::ApiDestination');
    expect(destination.Properties).toMatchObject({ InvocationEndpoint: definition.endpointUrl, HttpMethod: definition.httpMethod });
    expect(connection.Properties.AuthorizationType).toBe('API_KEY');
    expect(apiKey.ApiKeyValue['Fn::Join'][1]).toEqual(['{{resolve:secretsmanager:', { Ref: secretLogicalId }, ':SecretString:::}}']);
    expect(stateless.toJSON().Resources[secretLogicalId].Type).toBe('AWS::SecretsManager::Secret');
    expect(statements.flatMap(actionsOf)).toEqual(['events:InvokeApiDestination']);
    expect(statements.flatMap(resourcesOf)).toEqual([target.Arn]);
    expect(target.RetryPolicy).toEqual({
      MaximumRetryAttempts: definition.retryPolicy?.maximumRetryAttempts,
      MaximumEventAgeInSeconds: definition.retryPolicy?.maximumEventAgeSeconds,
    });
  });

  it('keeps undeliverable events in an encrypted, TLS-only queue that only the rule may write to', () => {
    // Prepare
    const queueLogicalId = deadLetterQueueLogicalId();
    const queueArn = { 'Fn::GetAtt': [queueLogicalId, 'Arn'] };

    // Act
    const queue = stateless.toJSON().Resources[queueLogicalId];
    const [policy] = Object.values(
      stateless.findResources('AWS::SQS::QueuePolicy', { Properties: { Queues: [{ Ref: queueLogicalId }] } }),
    );

    // Assess
    expect(queue.Properties.SqsManagedSseEnabled).toBe(true);
    expect(policy?.Properties.PolicyDocument.Statement).toEqual([
      {
        Effect: 'Deny',
        Action: 'sqs:*',
        Principal: { AWS: '*' },
        Resource: queueArn,
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      },
      {
        Effect: 'Allow',
        Action: 'sqs:SendMessage',
        Principal: eventsPrincipal,
        Resource: queueArn,
        Condition: { ArnEquals: { 'aws:SourceArn': ruleArn() } },
      },
    ]);
  });
});

describe('event rule definitions EventBridge would reject', () => {
  const withRule = (rule: RuleDefinition) => () => buildApp(newTestApp(), { ...fixtureDefinitions, eventRules: [rule] });

  it('refuses a target with both an input path and an input transformer', () => {
    // Prepare
    const [functionTarget, ...others] = orderPlacedRule.targets;
    const both = { ...functionTarget!, inputPath: '$.detail' };

    // Act
    const build = withRule({ ...orderPlacedRule, targets: [both, ...others] });

    // Assess
    expect(build).toThrow(/fixture-order-placed, target reserve-stock: inputPath and inputTransformer/);
  });

  it('refuses a state machine target that is not defined', () => {
    // Prepare
    const target = { ...definedTarget('state-machine'), stateMachineName: 'fixture-missing' };

    // Act
    const build = withRule({ ...orderPlacedRule, targets: [target] });

    // Assess
    expect(build).toThrow(/targets state machine fixture-missing, which is not defined/);
  });
});

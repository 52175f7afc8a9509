/**
 * The Ops API as CDK deploys it from the real definitions: each function may do exactly what its
 * list or action needs (tables, state machines, the rule targets' dead-letter queue, the bus), with
 * the env var of each grant; the ops queues' index on the orders table; no cdk-nag finding.
 */
import type { CfnGlobalTable } from 'aws-cdk-lib/aws-dynamodb';
import { Template } from 'aws-cdk-lib/assertions';
import type { OmsFunction } from '../../infra/aws/constructs/oms-function';
import { describe, expect, it } from 'vitest';
import { eventBusEnvVar, eventDeadLetterQueueEnvVar, type FunctionDefinition } from '../../infra/definitions/api';
import { opsFunctions, opsRoutes } from '../../infra/definitions/ops';
import { tables, type TableName } from '../../infra/definitions/tables';
import { actionsOf, builtFunction, logicalIdOf, omsNagFindings, resourcesOf, statementsOfRole, synthesizeAppBeforeAll, type PolicyStatement } from './test-app';

const app = synthesizeAppBeforeAll();

const built = (definition: FunctionDefinition) => builtFunction(app.oms, definition);
const statementsOf = (definition: FunctionDefinition) => statementsOfRole(app.stateless, logicalIdOf(built(definition).role));
const environmentOf = (definition: FunctionDefinition): Record<string, unknown> =>
  app.stateless.toJSON().Resources[logicalIdOf(built(definition).function)].Properties.Environment.Variables;
const withActionsOf = (definition: FunctionDefinition, prefix: string): PolicyStatement[] =>
  statementsOf(definition).filter((statement) => actionsOf(statement).some((action) => action.startsWith(prefix)));
const tableId = (name: TableName) => logicalIdOf(app.oms.stateful.tables[name].node.defaultChild as CfnGlobalTable);
const queueId = () => logicalIdOf(app.oms.stateless.eventTargetDeadLetterQueue!);
const allOpsFunctions = Object.values(opsFunctions) as FunctionDefinition[];

/** The tables a function's DynamoDB statements name, and whether any of them lets it write. */
function tableAccessOf(definition: FunctionDefinition): Record<string, 'read' | 'readWrite'> {
  const access: Record<string, 'read' | 'readWrite'> = {};
  for (const statement of withActionsOf(definition, 'dynamodb:')) {
    const writes = actionsOf(statement).some((action) => /Put|Update|Delete|Write/.test(action));
    for (const name of Object.keys(tables) as TableName[]) {
      if (!resourcesOf(statement).some((resource) => JSON.stringify(resource).includes(tableId(name)))) continue;
      access[name] = writes || access[name] === 'readWrite' ? 'readWrite' : 'read';
    }
  }
  return access;
}

/** Each Step Functions action the function holds, with the state machine or executions it is on. */
function stateMachineGrantsOf(definition: FunctionDefinition): string[] {
  return withActionsOf(definition, 'states:')
    .flatMap((statement) =>
      actionsOf(statement).flatMap((action) =>
        resourcesOf(statement).map((resource) => `${action} ${JSON.stringify(resource).match(/:(stateMachine|execution):([a-z-]+)(:\*)?/)?.slice(1).join('').replace(/^(stateMachine|execution)/, '$1:') ?? '?'}`),
      ),
    )
    .sort();
}

describe('the Ops API on AWS', () => {
  it('serves every ops route with its own function', () => {
    for (const route of opsRoutes) {
      const routes = Object.values(app.stateless.findResources('AWS::ApiGatewayV2::Route', { Properties: { RouteKey: `${route.method} ${route.path}` } }));
      expect(routes, `${route.method} ${route.path}`).toHaveLength(1);
    }
  });

  it.each(allOpsFunctions.map((definition) => [definition.name, definition] as const))('lets %s touch exactly the tables it declares, as it declares them', (_name, definition) => {
    expect(tableAccessOf(definition)).toEqual(definition.tables);
    for (const name of Object.keys(definition.tables) as TableName[]) expect(environmentOf(definition)).toHaveProperty(tables[name].envVar);
  });

  it('lets the execution functions list and read, or redrive, exactly the lifecycle’s and returns’ executions, with each machine’s ARN', () => {
    expect(stateMachineGrantsOf(opsFunctions.listExecutions)).toEqual([
      'states:DescribeExecution execution:order-lifecycle:*',
      'states:DescribeExecution execution:order-return:*',
      'states:GetExecutionHistory execution:order-lifecycle:*',
      'states:GetExecutionHistory execution:order-return:*',
      'states:ListExecutions stateMachine:order-lifecycle',
      'states:ListExecutions stateMachine:order-return',
    ]);
    expect(stateMachineGrantsOf(opsFunctions.redriveExecution)).toEqual(['states:RedriveExecution execution:order-lifecycle:*', 'states:RedriveExecution execution:order-return:*']);
    expect(stateMachineGrantsOf(opsFunctions.listStuckOrders)).toEqual(['states:DescribeExecution execution:order-lifecycle:*', 'states:GetExecutionHistory execution:order-lifecycle:*']);
    for (const definition of [opsFunctions.listExecutions, opsFunctions.redriveExecution]) {
      expect(environmentOf(definition)).toHaveProperty('ORDER_LIFECYCLE_STATE_MACHINE_ARN');
      expect(environmentOf(definition)).toHaveProperty('ORDER_RETURN_STATE_MACHINE_ARN');
    }
    expect(environmentOf(opsFunctions.listStuckOrders)).not.toHaveProperty('ORDER_RETURN_STATE_MACHINE_ARN');
    for (const definition of [opsFunctions.listHoldQueue, opsFunctions.listEscalations, opsFunctions.listDeadLetters, opsFunctions.redriveDeadLetters]) {
      expect(withActionsOf(definition, 'states:')).toEqual([]);
    }
  });

  it('lets the dead-letter functions receive from (and the redrive also delete from) the rule targets’ dead-letter queue only, with its URL', () => {
    // Act
    const sqsOf = (definition: FunctionDefinition) => withActionsOf(definition, 'sqs:');
    const queueArn = { 'Fn::GetAtt': [queueId(), 'Arn'] };

    // Assess
    expect(sqsOf(opsFunctions.listDeadLetters)).toEqual([
      expect.objectContaining({ Effect: 'Allow', Action: ['sqs:ReceiveMessage', 'sqs:ChangeMessageVisibility', 'sqs:GetQueueAttributes'], Resource: queueArn }),
    ]);
    expect(sqsOf(opsFunctions.redriveDeadLetters)).toEqual([
      expect.objectContaining({ Effect: 'Allow', Action: ['sqs:ReceiveMessage', 'sqs:ChangeMessageVisibility', 'sqs:GetQueueAttributes', 'sqs:DeleteMessage'], Resource: queueArn }),
    ]);
    for (const definition of [opsFunctions.listDeadLetters, opsFunctions.redriveDeadLetters]) {
      expect(environmentOf(definition)[eventDeadLetterQueueEnvVar]).toEqual({ Ref: queueId() });
    }
    for (const definition of [opsFunctions.listStuckOrders, opsFunctions.listHoldQueue, opsFunctions.listEscalations, opsFunctions.listExecutions, opsFunctions.redriveExecution]) {
      expect(sqsOf(definition)).toEqual([]);
      expect(environmentOf(definition)).not.toHaveProperty(eventDeadLetterQueueEnvVar);
    }
  });

  it('lets only the dead-letter redrive put events on the bus, with its name', () => {
    expect(withActionsOf(opsFunctions.redriveDeadLetters, 'events:').flatMap(actionsOf)).toEqual(['events:PutEvents']);
    expect(environmentOf(opsFunctions.redriveDeadLetters)[eventBusEnvVar]).toBeDefined();
    for (const definition of allOpsFunctions.filter((candidate) => candidate !== opsFunctions.redriveDeadLetters)) {
      expect(withActionsOf(definition, 'events:')).toEqual([]);
      expect(environmentOf(definition)).not.toHaveProperty(eventBusEnvVar);
    }
  });

  it('indexes the ops queues on the orders table (sparse, keys only) and the webhook dead letters on the webhooks table', () => {
    const indexOf = (name: TableName, indexName: string) =>
      app.stateful.toJSON().Resources[tableId(name)].Properties.GlobalSecondaryIndexes.find((index: { IndexName: string }) => index.IndexName === indexName);

    expect(indexOf('orders', 'byOpsQueue')).toEqual({
      IndexName: 'byOpsQueue',
      KeySchema: [
        { AttributeName: 'gsi4pk', KeyType: 'HASH' },
        { AttributeName: 'gsi4sk', KeyType: 'RANGE' },
      ],
      Projection: { ProjectionType: 'KEYS_ONLY' },
    });
    expect(indexOf('webhooks', 'byDeadLetter')).toMatchObject({ Projection: { ProjectionType: 'KEYS_ONLY' } });
  });

  it('leaves no cdk-nag finding on the ops functions', () => {
    const names = allOpsFunctions.map((definition) => definition.name);

    const findings = omsNagFindings(app.nagFindings).filter((finding) => names.some((name) => finding.includes(`/${name}/`)));

    expect(findings).toEqual([]);
  });

  it('makes the console’s signing key at deploy time: private key in its own secret, public key in the key group the console trusts', () => {
    // Prepare
    const signingKey = app.oms.stateful.opsConsoleSigningKey;
    const secretId = logicalIdOf(signingKey.secret.node.defaultChild as never);
    const keyPair = Object.entries(app.stateful.findResources('Custom::OmsConsoleSigningKey'));
    const publicKeys = Object.values(app.stateful.findResources('AWS::CloudFront::PublicKey'));
    const keyGroups = Object.values(app.stateful.findResources('AWS::CloudFront::KeyGroup'));

    // Assess: the key pair's custom resource writes the secret and answers the public key
    expect(keyPair).toHaveLength(1);
    expect(keyPair[0]?.[1].Properties).toMatchObject({ SecretArn: { Ref: secretId }, Generation: '1' });
    expect(publicKeys).toHaveLength(1);
    expect(publicKeys[0]?.Properties.PublicKeyConfig.EncodedKey).toEqual({ 'Fn::GetAtt': [keyPair[0]?.[0], 'PublicKeyPem'] });
    expect(keyGroups[0]?.Properties.KeyGroupConfig.Items).toEqual([{ Ref: logicalIdOf(signingKey.publicKey.node.defaultChild as never) }]);
    const generator = statementsOfRole(app.stateful, logicalIdOf((signingKey.node.findChild('Generate') as OmsFunction).role));
    expect(generator).toContainEqual(expect.objectContaining({ Action: ['secretsmanager:PutSecretValue', 'secretsmanager:GetSecretValue'], Resource: { Ref: secretId } }));
    // The console's folder trusts that key group.
    const distribution = Object.values(Template.fromStack(app.oms.opsConsole).findResources('AWS::CloudFront::Distribution'))[0]?.Properties.DistributionConfig;
    const restricted = (distribution.CacheBehaviors as { PathPattern: string; TrustedKeyGroups?: unknown[] }[]).find((behavior) => behavior.TrustedKeyGroups);
    expect(restricted?.PathPattern).toBe('/console/*');
    expect(JSON.stringify(restricted?.TrustedKeyGroups)).toContain('Fn::ImportValue');
  });

  it('lets only open-console-session read the signing key (GetSecretValue), with the secret ARN and the public key id', () => {
    const secretId = logicalIdOf(app.oms.stateful.opsConsoleSigningKey.secret.node.defaultChild as never);
    const readers = [...new Set(opsRoutes.map((route) => route.function))].filter((definition) =>
      withActionsOf(definition, 'secretsmanager:').some((statement) => JSON.stringify(resourcesOf(statement)).includes(secretId)),
    );

    expect(readers.map((definition) => definition.name)).toEqual([opsFunctions.openConsoleSession.name]);
    expect(withActionsOf(opsFunctions.openConsoleSession, 'secretsmanager:').flatMap(actionsOf)).toEqual(['secretsmanager:GetSecretValue']);
    const environment = environmentOf(opsFunctions.openConsoleSession);
    expect(JSON.stringify(environment.OPS_CONSOLE_SIGNING_KEY_SECRET_ARN)).toContain(secretId);
    expect(JSON.stringify(environment.OPS_CONSOLE_KEY_PAIR_ID)).toContain('Fn::ImportValue');
  });
});

/**
 * Partner webhooks as CDK deploys them from the real definitions: the webhooks table with its sparse
 * retry-schedule index, the sealing key secret and who may read it, the fan-out rule on the domain
 * bus and the sweeper's schedule.
 */
import type { CfnGlobalTable } from 'aws-cdk-lib/aws-dynamodb';
import type { CfnEventBus } from 'aws-cdk-lib/aws-events';
import type { CfnSecret } from 'aws-cdk-lib/aws-secretsmanager';
import { describe, expect, it } from 'vitest';
import type { FunctionDefinition } from '../../infra/definitions/api';
import { secrets } from '../../infra/definitions/secrets';
import { tables } from '../../infra/definitions/tables';
import { webhookFanOutRule, webhookFunctions, webhookRetryRule } from '../../infra/definitions/webhooks';
import { actionsOf, builtFunction, logicalIdOf, omsNagFindings, resourcesOf, statementsOfRole, synthesizeAppBeforeAll } from './test-app';

const app = synthesizeAppBeforeAll();

const built = (definition: FunctionDefinition) => builtFunction(app.oms, definition);
const statementsOf = (definition: FunctionDefinition) => statementsOfRole(app.stateless, logicalIdOf(built(definition).role));
const environmentOf = (definition: FunctionDefinition): Record<string, unknown> =>
  app.stateless.toJSON().Resources[logicalIdOf(built(definition).function)].Properties.Environment.Variables;
const secretId = () => logicalIdOf(app.oms.stateful.secrets.webhookSigningKey.node.defaultChild as CfnSecret);
const webhooksTableId = () => logicalIdOf(app.oms.stateful.tables.webhooks.node.defaultChild as CfnGlobalTable);
const ruleProperties = (name: string) => {
  const rule = app.oms.stateless.eventRules.get(name);
  if (!rule) throw new Error(`No rule ${name}`);
  return app.stateless.toJSON().Resources[logicalIdOf(rule)].Properties;
};
const functionArn = (definition: FunctionDefinition) => ({ 'Fn::GetAtt': [logicalIdOf(built(definition).function), 'Arn'] });
const allWebhookFunctions = Object.values(webhookFunctions) as FunctionDefinition[];

describe('partner webhooks on AWS', () => {
  it('keeps subscriptions and deliveries in a retained table of their own, with keys-only sparse indexes (the schedule, the dead letters) and TTL', () => {
    // Act
    const table = app.stateful.toJSON().Resources[webhooksTableId()];

    // Assess
    expect(table.DeletionPolicy).toBe('Retain');
    expect(table.Properties.GlobalSecondaryIndexes).toEqual([
      {
        IndexName: 'byNextAttempt',
        KeySchema: [
          { AttributeName: 'gsi1pk', KeyType: 'HASH' },
          { AttributeName: 'gsi1sk', KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'KEYS_ONLY' },
      },
      {
        IndexName: 'byDeadLetter',
        KeySchema: [
          { AttributeName: 'gsi2pk', KeyType: 'HASH' },
          { AttributeName: 'gsi2sk', KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'KEYS_ONLY' },
      },
    ]);
    expect(table.Properties.TimeToLiveSpecification).toEqual({ AttributeName: 'expiresAtEpoch', Enabled: true });
    expect(table.Properties).not.toHaveProperty('StreamSpecification');
  });

  it('creates the sealing key secret with a generated key that works as it is', () => {
    // Act
    const secret = app.stateful.toJSON().Resources[secretId()];

    // Assess
    expect(secret.DeletionPolicy).toBe('Retain');
    expect(secret.Properties.GenerateSecretString).toMatchObject({ SecretStringTemplate: '{}', GenerateStringKey: 'encryptionKey', PasswordLength: 48 });
  });

  it.each(allWebhookFunctions.map((definition) => [definition.name, definition] as const))('lets %s read the sealing key only if it seals or signs', (_name, definition) => {
    // Act
    const secretStatements = statementsOf(definition).filter((statement) => actionsOf(statement).some((action) => action.startsWith('secretsmanager:')));
    const environment = environmentOf(definition);

    // Assess
    if (definition.secrets?.includes('webhookSigningKey')) {
      expect(secretStatements.flatMap(actionsOf)).toEqual(['secretsmanager:GetSecretValue']);
      expect(secretStatements.flatMap(resourcesOf).every((resource) => JSON.stringify(resource).includes(secretId()))).toBe(true);
      expect(JSON.stringify(environment[secrets.webhookSigningKey.envVar])).toContain(secretId());
    } else {
      expect(secretStatements).toEqual([]);
      expect(environment).not.toHaveProperty(secrets.webhookSigningKey.envVar);
    }
    expect(environment).toHaveProperty(tables.webhooks.envVar);
    expect(environment).not.toHaveProperty('OMS_WEBHOOK_ALLOW_LOCALHOST');
  });

  it('gives the key to exactly the functions that create or rotate a secret, fan out and sweep', () => {
    expect(allWebhookFunctions.filter((definition) => definition.secrets?.includes('webhookSigningKey')).map((definition) => definition.name).sort()).toEqual([
      'create-webhook-subscription',
      'deliver-due-webhooks',
      'fan-out-webhook-event',
      'rotate-webhook-secret',
    ]);
  });

  it('fans every channel event of the domain bus out to the fan-out function, retried for a day with a dead-letter queue', () => {
    // Act
    const properties = ruleProperties(webhookFanOutRule.name);

    // Assess
    expect(JSON.stringify(properties.EventBusName)).toContain(logicalIdOf(app.oms.stateful.eventBus.node.defaultChild as CfnEventBus));
    expect(properties.EventPattern).toEqual({ source: [{ prefix: 'oms.' }], detail: { metadata: { correlation: { channelId: [{ exists: true }] } } } });
    expect(properties.Targets).toEqual([
      {
        Id: 'fan-out',
        Arn: functionArn(webhookFunctions.fanOut),
        RetryPolicy: { MaximumRetryAttempts: 185, MaximumEventAgeInSeconds: 86_400 },
        DeadLetterConfig: { Arn: { 'Fn::GetAtt': [logicalIdOf(app.oms.stateless.eventTargetDeadLetterQueue!), 'Arn'] } },
      },
    ]);
  });

  it('sweeps due deliveries every minute from the default bus', () => {
    // Act
    const properties = ruleProperties(webhookRetryRule.name);

    // Assess
    expect(properties.ScheduleExpression).toBe('rate(1 minute)');
    expect(properties).not.toHaveProperty('EventBusName');
    expect(properties.Targets).toMatchObject([{ Id: 'sweeper', Arn: functionArn(webhookFunctions.deliverDue), RetryPolicy: { MaximumRetryAttempts: 0, MaximumEventAgeInSeconds: 60 } }]);
  });

  it('leaves no cdk-nag finding on the webhook table, secret, functions, routes or rules', () => {
    // Act
    const findings = omsNagFindings(app.nagFindings).filter((finding) => /webhook/i.test(finding));

    // Assess
    expect(findings).toEqual([]);
  });
});

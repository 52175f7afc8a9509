import type { CfnSecret } from 'aws-cdk-lib/aws-secretsmanager';
import { describe, expect, it } from 'vitest';
import { apiFunctions, apiRoutes } from '../../infra/definitions/api';
import type { FunctionDefinition } from '../../infra/definitions/api';
import { secrets as secretDefinitions } from '../../infra/definitions/secrets';
import type { SecretName } from '../../infra/definitions/secrets';
import { forwardFulfilmentMessageFunction, warehouseFulfilmentRule } from '../../infra/definitions/warehouses';
import { actionsOf, builtFunction, logicalIdOf, omsNagFindings, resourcesOf, statementsOfRole, synthesizeAppBeforeAll } from './test-app';

const secretNames = Object.keys(secretDefinitions) as SecretName[];
const receivers: readonly [SecretName, FunctionDefinition][] = [
  ['shopify', apiFunctions.receiveShopifyOrder],
  ['woocommerce', apiFunctions.receiveWooCommerceOrder],
  ['bigcommerce', apiFunctions.receiveBigCommerceOrder],
  ['warehouse', forwardFulfilmentMessageFunction],
];

const app = synthesizeAppBeforeAll();

const secretLogicalId = (name: SecretName) => app.oms.stateful.getLogicalId(app.oms.stateful.secrets[name].node.defaultChild as CfnSecret);
const refersToSecret = (value: unknown, name: SecretName) => JSON.stringify(value).includes(secretLogicalId(name));
const functionResource = (definition: FunctionDefinition) => app.stateless.toJSON().Resources[logicalIdOf(builtFunction(app.oms, definition).function)];
const secretStatementsOf = (definition: FunctionDefinition) =>
  statementsOfRole(app.stateless, functionResource(definition).Properties.Role['Fn::GetAtt'][0]).filter((statement) =>
    actionsOf(statement).some((action) => action.startsWith('secretsmanager:')),
  );

describe('connection secrets (channels and warehouses)', () => {
  it('creates one retained secret per platform in the stateful stack, as a JSON document with a generated secret field', () => {
    // Act
    const signingKey = app.oms.stateful.getLogicalId(app.oms.stateful.opsConsoleSigningKey.secret.node.defaultChild as CfnSecret);
    const secrets = Object.fromEntries(Object.entries(app.stateful.findResources('AWS::SecretsManager::Secret')).filter(([id]) => id !== signingKey));

    // Assess: besides the ops console's signing key (ops.test.ts)
    expect(Object.keys(secrets)).toHaveLength(secretNames.length);
    for (const name of secretNames) {
      const secret = secrets[secretLogicalId(name)];
      expect(secret?.DeletionPolicy).toBe('Retain');
      expect(secret?.Properties.GenerateSecretString).toMatchObject({
        SecretStringTemplate: JSON.stringify(secretDefinitions[name].template),
        GenerateStringKey: secretDefinitions[name].generatedKey,
      });
    }
    expect(app.stateless.findResources('AWS::SecretsManager::Secret')).toEqual({});
  });

  it.each(receivers.map(([name, definition]) => [definition.name, name, definition] as const))(
    'lets %s read only the %s secret (GetSecretValue), and gives it the ARN in its env var',
    (_functionName, name, definition) => {
      // Act
      const statements = secretStatementsOf(definition);
      const environment = functionResource(definition).Properties.Environment.Variables;

      // Assess
      expect(statements).toHaveLength(1);
      expect(actionsOf(statements[0] as never)).toEqual(['secretsmanager:GetSecretValue']);
      expect(resourcesOf(statements[0] as never).every((resource) => refersToSecret(resource, name))).toBe(true);
      expect(refersToSecret(environment[secretDefinitions[name].envVar], name)).toBe(true);
      for (const other of secretNames.filter((candidate) => candidate !== name)) {
        expect(environment).not.toHaveProperty(secretDefinitions[other].envVar);
      }
    },
  );

  it('gives no other function access to any secret', () => {
    // Prepare: the functions that declare no secret (the webhook functions' signing key is covered by webhooks.test.ts)
    const others = [...new Map(apiRoutes.map((route) => [route.function.name, route.function])).values()].filter(
      (definition) => !receivers.some(([, receiver]) => receiver.name === definition.name) && definition.secrets === undefined && definition.opsConsoleSigningKey === undefined,
    );

    // Act
    const granted = others.filter((definition) => secretStatementsOf(definition).length > 0).map((definition) => definition.name);

    // Assess
    expect(granted).toEqual([]);
  });

  it('sends fulfilment requests and cancellations to the warehouse forwarder through a rule with retries', () => {
    // Act
    const rule = app.oms.stateless.eventRules.get(warehouseFulfilmentRule.name);
    const properties = app.stateless.toJSON().Resources[logicalIdOf(rule!)].Properties;

    // Assess
    expect(properties.EventPattern).toEqual({ source: ['oms.orders'], 'detail-type': ['FulfilmentRequested', 'FulfilmentCancelled'] });
    expect(properties.Targets).toEqual([
      expect.objectContaining({
        Arn: { 'Fn::GetAtt': [logicalIdOf(builtFunction(app.oms, forwardFulfilmentMessageFunction).function), 'Arn'] },
        RetryPolicy: { MaximumRetryAttempts: 20, MaximumEventAgeInSeconds: 3600 },
        DeadLetterConfig: expect.anything(),
      }),
    ]);
  });

  it('retries what the forwarder throws with Lambda’s async retries, then keeps the event in the dead-letter queue', () => {
    // Act
    const configs = Object.values(app.stateless.findResources('AWS::Lambda::EventInvokeConfig')).filter(
      (resource) => JSON.stringify(resource.Properties.FunctionName).includes(logicalIdOf(builtFunction(app.oms, forwardFulfilmentMessageFunction).function)),
    );

    // Assess: an error of the function is not covered by the rule's retry policy, only by these settings.
    expect(configs).toHaveLength(1);
    expect(configs[0]?.Properties).toMatchObject({
      MaximumRetryAttempts: 2,
      MaximumEventAgeInSeconds: 3600,
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [expect.stringContaining('EventTargetDeadLetters'), 'Arn'] } } },
    });
  });

  it('leaves no cdk-nag finding on the secrets, their grants or the webhook routes', () => {
    // Act
    const findings = omsNagFindings(app.nagFindings).filter((finding) => /Connection|receive-|channels/i.test(finding));

    // Assess
    expect(findings).toEqual([]);
  });
});

import type { CfnSecret } from 'aws-cdk-lib/aws-secretsmanager';
import { describe, expect, it } from 'vitest';
import { apiFunctions, apiRoutes } from '../../infra/definitions/api';
import type { FunctionDefinition } from '../../infra/definitions/api';
import { secrets as secretDefinitions } from '../../infra/definitions/secrets';
import type { SecretName } from '../../infra/definitions/secrets';
import { actionsOf, builtFunction, logicalIdOf, omsNagFindings, resourcesOf, statementsOfRole, synthesizeAppBeforeAll } from './test-app';

const secretNames = Object.keys(secretDefinitions) as SecretName[];
const receivers: readonly [SecretName, FunctionDefinition][] = [
  ['shopify', apiFunctions.receiveShopifyOrder],
  ['woocommerce', apiFunctions.receiveWooCommerceOrder],
  ['bigcommerce', apiFunctions.receiveBigCommerceOrder],
];

const app = synthesizeAppBeforeAll();

const secretLogicalId = (name: SecretName) => app.oms.stateful.getLogicalId(app.oms.stateful.secrets[name].node.defaultChild as CfnSecret);
const refersToSecret = (value: unknown, name: SecretName) => JSON.stringify(value).includes(secretLogicalId(name));
const functionResource = (definition: FunctionDefinition) => app.stateless.toJSON().Resources[logicalIdOf(builtFunction(app.oms, definition).function)];
const secretStatementsOf = (definition: FunctionDefinition) =>
  statementsOfRole(app.stateless, functionResource(definition).Properties.Role['Fn::GetAtt'][0]).filter((statement) =>
    actionsOf(statement).some((action) => action.startsWith('secretsmanager:')),
  );

describe('channel connection secrets', () => {
  it('creates one retained secret per platform in the stateful stack, as a JSON document with a generated secret field', () => {
    // Act
    const secrets = app.stateful.findResources('AWS::SecretsManager::Secret');

    // Assess
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
      (definition) => !receivers.some(([, receiver]) => receiver.name === definition.name) && definition.secrets === undefined,
    );

    // Act
    const granted = others.filter((definition) => secretStatementsOf(definition).length > 0).map((definition) => definition.name);

    // Assess
    expect(granted).toEqual([]);
  });

  it('leaves no cdk-nag finding on the secrets, their grants or the webhook routes', () => {
    // Act
    const findings = omsNagFindings(app.nagFindings).filter((finding) => /Connection|receive-|channels/i.test(finding));

    // Assess
    expect(findings).toEqual([]);
  });
});

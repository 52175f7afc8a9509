import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { connectionDocument, fetchFromSecretsManager } from '../../../shared/adapters/secrets/connection-document';
import { WebhookConnectionSchema } from '../../../shared/channels/channel-connection';
import { ConfigError } from '../../../shared/config/load-config';

const source = {
  schema: WebhookConnectionSchema,
  secretArnEnvVar: 'SHOPIFY_CONNECTION_SECRET_ARN',
  fromEnvironment: (env: Readonly<Record<string, string | undefined>>) => ({ channelId: env.OMS_SHOPIFY_CHANNEL_ID, webhookSecret: env.OMS_SHOPIFY_WEBHOOK_SECRET }),
};
const arn = 'arn:aws:secretsmanager:eu-central-1:000000000000:secret:oms-shopify-AbCdEf';

describe('connectionDocument', () => {
  it('reads the connection from the environment when there is no secret ARN (local runtime)', async () => {
    const read = connectionDocument(source, { env: { OMS_SHOPIFY_CHANNEL_ID: 'demo-shopify', OMS_SHOPIFY_WEBHOOK_SECRET: 'local-secret' } });

    await expect(read()).resolves.toEqual({ channelId: 'demo-shopify', webhookSecret: 'local-secret' });
  });

  it('fails at once, at cold start, when the local environment lacks the secret', () => {
    expect(() => connectionDocument(source, { env: { OMS_SHOPIFY_CHANNEL_ID: 'demo-shopify' } })).toThrow(ConfigError);
  });

  it('reads the secret once per container on AWS and keeps it', async () => {
    let fetches = 0;
    const read = connectionDocument(source, {
      env: { SHOPIFY_CONNECTION_SECRET_ARN: arn },
      fetchSecret: async (secretArn) => {
        fetches += 1;
        expect(secretArn).toBe(arn);
        return JSON.stringify({ channelId: 'shop-eu', webhookSecret: 's3cret' });
      },
    });

    const [first, second] = await Promise.all([read(), read()]);
    const third = await read();

    expect(first).toEqual({ channelId: 'shop-eu', webhookSecret: 's3cret' });
    expect([second, third]).toEqual([first, first]);
    expect(fetches).toBe(1);
  });

  it('does not keep a failed read: the next request tries again', async () => {
    let fetches = 0;
    const read = connectionDocument(source, {
      env: { SHOPIFY_CONNECTION_SECRET_ARN: arn },
      fetchSecret: async () => {
        fetches += 1;
        if (fetches === 1) throw new Error('throttled');
        return JSON.stringify({ channelId: 'shop-eu', webhookSecret: 's3cret' });
      },
    });

    await expect(read()).rejects.toThrow('throttled');
    await expect(read()).resolves.toMatchObject({ channelId: 'shop-eu' });
  });

  it('refuses a secret that is not a connection document, without repeating its value', async () => {
    const read = connectionDocument(source, { env: { SHOPIFY_CONNECTION_SECRET_ARN: arn }, fetchSecret: async () => 'plain-s3cret-value' });

    const error = await read().then(() => undefined, (thrown: unknown) => thrown as Error);

    expect(error).toBeInstanceOf(ConfigError);
    expect(error?.message).not.toContain('plain-s3cret-value');
  });
});

describe('fetchFromSecretsManager', () => {
  const secretsManager = mockClient(SecretsManagerClient);
  afterEach(() => secretsManager.reset());

  it('gets the secret string with GetSecretValue (Powertools Parameters)', async () => {
    secretsManager.on(GetSecretValueCommand, { SecretId: arn }).resolves({ SecretString: '{"channelId":"shop-eu","webhookSecret":"s3cret"}' });

    const value = await fetchFromSecretsManager(arn);

    expect(JSON.parse(value)).toEqual({ channelId: 'shop-eu', webhookSecret: 's3cret' });
    expect(secretsManager.commandCalls(GetSecretValueCommand)).toHaveLength(1);
  });
});

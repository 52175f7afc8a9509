import { createPrivateKey, createPublicKey, generateKeyPairSync, verify } from 'node:crypto';
import { GetSecretValueCommand, PutSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { onEvent } from '../../../infra/aws/custom-resources/console-signing-key';
import { cloudFrontConsoleCookieSigner } from '../../../shared/adapters/cloudfront/cloudfront-console-cookie-signer';
import { consoleSessionScope } from '../../../shared/domain/ops/console-session';
import { openConsoleSession } from '../../../shared/use-cases/ops/open-console-session';

const keys = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
const fromCloudFrontBase64 = (value: string) => Buffer.from(value.replace(/-/g, '+').replace(/_/g, '=').replace(/~/g, '/'), 'base64');
const now = new Date('2026-03-10T09:00:00.000Z');

describe('consoleSessionScope', () => {
  it('covers the console folder on its own origin, Secure over https', () => {
    expect(consoleSessionScope('https://d111.cloudfront.net/console/', 'https://d111.cloudfront.net')).toEqual({ resource: 'https://d111.cloudfront.net/console/*', path: '/console/', secure: true });
    expect(consoleSessionScope('http://127.0.0.1:3000/ops/console/', 'http://127.0.0.1:3000')).toMatchObject({ path: '/ops/console/', secure: false });
  });

  it.each([
    ['http://d111.cloudfront.net/console/', 'http://d111.cloudfront.net', 'CONSOLE_URL_INVALID'],
    ['https://d111.cloudfront.net/console', 'https://d111.cloudfront.net', 'CONSOLE_URL_INVALID'],
    ['https://d111.cloudfront.net/console/?x=1', 'https://d111.cloudfront.net', 'CONSOLE_URL_INVALID'],
    ['not a url', 'https://d111.cloudfront.net', 'CONSOLE_URL_INVALID'],
    ['https://d111.cloudfront.net/console/', 'https://evil.example', 'ORIGIN_MISMATCH'],
    ['https://d111.cloudfront.net/console/', undefined, 'ORIGIN_MISMATCH'],
  ])('refuses %s from origin %s: %s, naming consoleUrl', (consoleUrl, origin, code) => {
    expect(() => consoleSessionScope(consoleUrl, origin)).toThrow(expect.objectContaining({ kind: 'bad-request', code, errors: [expect.objectContaining({ path: 'consoleUrl' })] }));
  });
});

describe('openConsoleSession with the CloudFront signer', () => {
  it('answers the three CloudFront cookies, HttpOnly and same-site, whose policy covers the folder for 8 hours and verifies with the public key', async () => {
    // Prepare
    const signer = cloudFrontConsoleCookieSigner({ env: { OPS_CONSOLE_KEY_PAIR_ID: 'K2JCJMDEHXQW5F', OMS_OPS_CONSOLE_PRIVATE_KEY: keys.privateKey } });

    // Act
    const session = await openConsoleSession({ consoleUrl: 'https://d111.cloudfront.net/console/', origin: 'https://d111.cloudfront.net' }, { signer, now: () => now });

    // Assess
    expect(session.expiresAt).toBe('2026-03-10T17:00:00.000Z');
    const cookies = Object.fromEntries(session.cookies.map((cookie) => [cookie.slice(0, cookie.indexOf('=')), cookie]));
    expect(Object.keys(cookies).sort()).toEqual(['CloudFront-Key-Pair-Id', 'CloudFront-Policy', 'CloudFront-Signature']);
    for (const cookie of session.cookies) expect(cookie).toMatch(/; Path=\/console\/; HttpOnly; SameSite=Strict; Secure$/);
    const value = (name: string) => (cookies[name] as string).slice(name.length + 1, (cookies[name] as string).indexOf(';'));
    expect(value('CloudFront-Key-Pair-Id')).toBe('K2JCJMDEHXQW5F');
    const policy = fromCloudFrontBase64(value('CloudFront-Policy'));
    expect(JSON.parse(policy.toString('utf8'))).toEqual({ Statement: [{ Resource: 'https://d111.cloudfront.net/console/*', Condition: { DateLessThan: { 'AWS:EpochTime': Date.parse('2026-03-10T17:00:00Z') / 1000 } } }] });
    expect(verify('sha1', policy, keys.publicKey, fromCloudFrontBase64(value('CloudFront-Signature')))).toBe(true);
  });

  it('reads the private key from its secret on AWS, once per container', async () => {
    let reads = 0;
    const signer = cloudFrontConsoleCookieSigner({
      env: { OPS_CONSOLE_KEY_PAIR_ID: 'K1', OPS_CONSOLE_SIGNING_KEY_SECRET_ARN: 'arn:aws:secretsmanager:eu-central-1:1:secret:k' },
      fetchSecret: async () => {
        reads++;
        return JSON.stringify({ privateKey: keys.privateKey });
      },
    });

    await signer.cookiesFor({ resource: 'https://d1.cloudfront.net/console/*', expiresAt: now });
    await signer.cookiesFor({ resource: 'https://d1.cloudfront.net/console/*', expiresAt: now });

    expect(reads).toBe(1);
  });

  it('fails at start without a key pair id: the function was not granted the key', () => {
    expect(() => cloudFrontConsoleCookieSigner({ env: {} })).toThrow(/OPS_CONSOLE_KEY_PAIR_ID/);
  });
});

describe('the signing key custom resource', () => {
  const secretsManager = mockClient(SecretsManagerClient);
  beforeEach(() => secretsManager.reset());
  const properties = { SecretArn: 'arn:aws:secretsmanager:eu-central-1:1:secret:console-key', Generation: '1' };

  it('makes a key pair on create: the private key into the secret, the public key answered for the key group', async () => {
    secretsManager.on(PutSecretValueCommand).resolves({});

    const response = await onEvent({ RequestType: 'Create', ResourceProperties: properties }, new SecretsManagerClient({ region: 'eu-central-1' }));

    const stored = JSON.parse(secretsManager.commandCalls(PutSecretValueCommand)[0]?.args[0].input.SecretString as string) as { privateKey: string };
    expect(secretsManager.commandCalls(PutSecretValueCommand)[0]?.args[0].input.SecretId).toBe(properties.SecretArn);
    expect(response.PhysicalResourceId).toBe(`${properties.SecretArn}#1`);
    expect(response.Data?.PublicKeyPem).toBe(createPublicKey(createPrivateKey(stored.privateKey)).export({ type: 'spki', format: 'pem' }).toString());
    expect(response.Data?.PublicKeyPem).not.toContain('PRIVATE');
  });

  it('keeps the key on an update that does not change the generation, and makes a new one when it does', async () => {
    secretsManager.on(GetSecretValueCommand).resolves({ SecretString: JSON.stringify({ privateKey: keys.privateKey }) });
    secretsManager.on(PutSecretValueCommand).resolves({});
    const client = new SecretsManagerClient({ region: 'eu-central-1' });

    const kept = await onEvent({ RequestType: 'Update', PhysicalResourceId: `${properties.SecretArn}#1`, ResourceProperties: properties, OldResourceProperties: properties }, client);
    const rotated = await onEvent({ RequestType: 'Update', PhysicalResourceId: `${properties.SecretArn}#1`, ResourceProperties: { ...properties, Generation: '2' }, OldResourceProperties: properties }, client);

    expect(kept.Data?.PublicKeyPem).toBe(keys.publicKey);
    expect(secretsManager.commandCalls(PutSecretValueCommand)).toHaveLength(1);
    expect(rotated).toMatchObject({ PhysicalResourceId: `${properties.SecretArn}#2` });
    expect(rotated.Data?.PublicKeyPem).not.toBe(keys.publicKey);
  });

  it('changes nothing on delete', async () => {
    const response = await onEvent({ RequestType: 'Delete', PhysicalResourceId: `${properties.SecretArn}#1`, ResourceProperties: properties }, new SecretsManagerClient({ region: 'eu-central-1' }));

    expect(response).toEqual({ PhysicalResourceId: `${properties.SecretArn}#1` });
    expect(secretsManager.calls()).toHaveLength(0);
  });
});

import { describe, expect, it } from 'vitest';
import { aesGcmSecretSealer, SealedSecretError } from '../../../shared/adapters/crypto/aes-gcm-secret-sealer';
import { webhookSealingKeyring } from '../../../shared/adapters/secrets/webhook-sealing-key';
import { ConfigError } from '../../../shared/config/load-config';

const oldKey = 'old-key-material-0123456789abcdefghijklmnopqrstuv';
const newKey = 'new-key-material-0123456789abcdefghijklmnopqrstuv';
const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';

describe('the sealer of webhook signing secrets', () => {
  it('seals into a versioned envelope that opens to the secret, and differs every time', async () => {
    // Prepare
    const sealer = aesGcmSecretSealer(async () => ({ current: newKey }));

    // Act
    const [first, second] = [await sealer.seal(secret, 'webhook-subscription:a'), await sealer.seal(secret, 'webhook-subscription:a')];

    // Assess
    expect(first).toMatch(/^v1\.[A-Za-z0-9_-]{8}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(first).not.toBe(second);
    expect(first).not.toContain('MfKQ9r8G');
    expect(await sealer.open(first, 'webhook-subscription:a')).toBe(secret);
  });

  it('does not open under another owner, nor when altered', async () => {
    // Prepare
    const sealer = aesGcmSecretSealer(async () => ({ current: newKey }));
    const sealed = await sealer.seal(secret, 'webhook-subscription:a');
    const parts = sealed.split('.');
    const altered = [...parts.slice(0, 3), `${parts[3]?.startsWith('A') ? 'B' : 'A'}${parts[3]?.slice(1)}`, parts[4]].join('.');

    // Act + Assess
    await expect(sealer.open(sealed, 'webhook-subscription:b')).rejects.toThrow(SealedSecretError);
    await expect(sealer.open(altered, 'webhook-subscription:a')).rejects.toThrow(SealedSecretError);
    await expect(sealer.open('whsec_plain', 'webhook-subscription:a')).rejects.toThrow(SealedSecretError);
  });

  it('opens what a previous key sealed after the key is rotated, and names a key it does not have', async () => {
    // Prepare
    const sealedWithOld = await aesGcmSecretSealer(async () => ({ current: oldKey })).seal(secret, 'owner');

    // Act + Assess
    expect(await aesGcmSecretSealer(async () => ({ current: newKey, previous: [oldKey] })).open(sealedWithOld, 'owner')).toBe(secret);
    await expect(aesGcmSecretSealer(async () => ({ current: newKey })).open(sealedWithOld, 'owner')).rejects.toThrow(/neither the current key nor a previous one/);
  });

  it('reads the key from Secrets Manager when its ARN is set, from OMS_WEBHOOK_ENCRYPTION_KEY otherwise, and fails clearly without either', async () => {
    // Prepare
    const arn = 'arn:aws:secretsmanager:eu-central-1:123456789012:secret:WebhookSigningKey';
    const fetched: string[] = [];
    const fetchSecret = async (secretArn: string) => {
      fetched.push(secretArn);
      return JSON.stringify({ encryptionKey: newKey, previousEncryptionKeys: [oldKey] });
    };

    // Act + Assess
    expect(await webhookSealingKeyring({ env: { WEBHOOK_SIGNING_KEY_SECRET_ARN: arn }, fetchSecret })()).toEqual({ current: newKey, previous: [oldKey] });
    expect(fetched).toEqual([arn]);
    expect(await webhookSealingKeyring({ env: { OMS_WEBHOOK_ENCRYPTION_KEY: oldKey } })()).toEqual({ current: oldKey, previous: [] });
    await expect(webhookSealingKeyring({ env: {} })()).rejects.toThrow(ConfigError);
    await expect(webhookSealingKeyring({ env: { OMS_WEBHOOK_ENCRYPTION_KEY: 'short' } })()).rejects.toThrow(/at least 32 characters/);
  });
});

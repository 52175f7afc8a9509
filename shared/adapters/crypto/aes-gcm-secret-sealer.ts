/**
 * Seals webhook signing secrets with AES-256-GCM under a key that is itself kept in Secrets
 * Manager (encrypted there with KMS), read once per container: envelope encryption with one data
 * key, so a copy of the table (a backup, a PITR restore, an export) reveals no secret, and only the
 * functions granted the key secret can sign. The sealed form names the key it was sealed with, so
 * the key can be rotated: the new one seals, the previous ones listed beside it still open.
 *
 * Format: `v1.<key id>.<iv>.<ciphertext>.<tag>` (base64url), with the owner's context (the
 * subscription id) as additional authenticated data: a sealed secret copied onto another record
 * does not open.
 */
import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';
import type { SecretSealer } from '../../ports/secret-sealer';

/** The key material: the current key seals; previous ones only open what they sealed. */
export interface SealingKeyring {
  readonly current: string;
  readonly previous?: readonly string[];
}

export class SealedSecretError extends Error {
  override name = 'SealedSecretError';
}

interface DerivedKey {
  readonly id: string;
  readonly key: Buffer;
}

/** A 256-bit AES key from the stored material (any text of enough entropy, e.g. the 48 characters CDK generates). */
function derive(material: string): DerivedKey {
  const key = Buffer.from(hkdfSync('sha256', Buffer.from(material, 'utf8'), Buffer.alloc(0), 'oms/webhook-signing-secrets/v1', 32));
  return { id: createHash('sha256').update(key).digest('base64url').slice(0, 8), key };
}

export function aesGcmSecretSealer(keyring: () => Promise<SealingKeyring>): SecretSealer {
  let derived: Promise<{ current: DerivedKey; byId: Map<string, DerivedKey> }> | undefined;
  const keys = () => {
    derived ??= keyring().then(
      ({ current, previous = [] }) => {
        const all = [current, ...previous].map(derive);
        return { current: all[0] as DerivedKey, byId: new Map(all.map((key) => [key.id, key])) };
      },
      (error: unknown) => {
        // Not kept: the next call reads the key again.
        derived = undefined;
        throw error;
      },
    );
    return derived;
  };

  return {
    async seal(plaintext, context) {
      const { current } = await keys();
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', current.key, iv);
      cipher.setAAD(Buffer.from(context, 'utf8'));
      const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return ['v1', current.id, iv.toString('base64url'), ciphertext.toString('base64url'), cipher.getAuthTag().toString('base64url')].join('.');
    },
    async open(sealed, context) {
      const [version, keyId, iv, ciphertext, tag, ...rest] = sealed.split('.');
      if (version !== 'v1' || !keyId || !iv || ciphertext === undefined || !tag || rest.length > 0) throw new SealedSecretError('Not a sealed secret');
      const key = (await keys()).byId.get(keyId);
      if (!key) throw new SealedSecretError(`Sealed with key ${keyId}, which is neither the current key nor a previous one`);
      try {
        const decipher = createDecipheriv('aes-256-gcm', key.key, Buffer.from(iv, 'base64url'));
        decipher.setAAD(Buffer.from(context, 'utf8'));
        decipher.setAuthTag(Buffer.from(tag, 'base64url'));
        return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
      } catch {
        throw new SealedSecretError('The sealed secret does not open: altered, or sealed for another owner');
      }
    },
  };
}

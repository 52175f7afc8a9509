/**
 * Where the key that seals webhook signing secrets comes from: on AWS a Secrets Manager secret
 * (infra/definitions/secrets.ts `webhookSigningKey`; CDK sets its ARN with the GetSecretValue grant),
 * locally the OMS_WEBHOOK_ENCRYPTION_KEY variable the local runtime sets. Read on first use, so a
 * function that never seals or opens (listing subscriptions) needs neither.
 */
import * as z from 'zod';
import type { SealingKeyring } from '../crypto/aes-gcm-secret-sealer';
import { ConfigError } from '../../config/load-config';
import { fetchFromSecretsManager, type SecretFetcher } from './connection-document';
import { webhookSealingKeySettings } from './webhook-sealing-key-settings';

const keyMaterial = z.string().min(32, 'at least 32 characters of random text');

/** The secret's JSON document: the current key, and the previous ones while records sealed with them remain. */
export const WebhookSealingKeyDocumentSchema = z.object({
  encryptionKey: keyMaterial,
  previousEncryptionKeys: z.array(keyMaterial).optional(),
});

export function webhookSealingKeyring({
  env = process.env,
  fetchSecret = fetchFromSecretsManager,
}: { env?: Readonly<Record<string, string | undefined>>; fetchSecret?: SecretFetcher } = {}): () => Promise<SealingKeyring> {
  return async () => {
    const secretArn = env[webhookSealingKeySettings.secretArnEnvVar];
    let document: unknown;
    if (secretArn) {
      try {
        document = JSON.parse(await fetchSecret(secretArn));
      } catch (error) {
        if (error instanceof SyntaxError) throw new ConfigError(`Secret ${secretArn} is not a JSON document`);
        throw error;
      }
    } else {
      const local = env[webhookSealingKeySettings.localEnvVar];
      if (!local) {
        throw new ConfigError(
          `Neither ${webhookSealingKeySettings.secretArnEnvVar} nor ${webhookSealingKeySettings.localEnvVar} is set: this function is not granted the webhook signing key (see infra/definitions/webhooks.ts)`,
        );
      }
      document = { encryptionKey: local };
    }
    const parsed = WebhookSealingKeyDocumentSchema.safeParse(document);
    if (!parsed.success) throw new ConfigError(`Invalid webhook signing key: ${parsed.error.issues.map((issue) => `${issue.path.join('.') || '(document)'}: ${issue.message}`).join('; ')}`);
    return { current: parsed.data.encryptionKey, previous: parsed.data.previousEncryptionKeys ?? [] };
  };
}

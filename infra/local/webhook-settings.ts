/**
 * What the webhook functions read locally in place of AWS: the key that seals signing secrets
 * (OMS_WEBHOOK_ENCRYPTION_KEY; generated when unset and kept with the data, like the demo API key,
 * so subscriptions made before a restart can still sign), and OMS_WEBHOOK_ALLOW_LOCALHOST=true, so
 * a receiver on this machine (http://localhost, 127.0.0.1 or [::1]) can be subscribed. On AWS
 * neither is set: the key comes from Secrets Manager, and localhost would be the Lambda runtime API.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { webhookSealingKeySettings } from '../../shared/adapters/secrets/webhook-sealing-key-settings';

function sealingKey(dataDirectory: string | undefined): string {
  const generate = () => randomBytes(36).toString('base64url');
  if (!dataDirectory) return generate();
  const file = join(dataDirectory, 'webhook-encryption-key');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const key = generate();
  mkdirSync(dataDirectory, { recursive: true });
  writeFileSync(file, `${key}\n`, { mode: 0o600 });
  return key;
}

/** The variables to set (those already set are kept). */
export function localWebhookEnvironment(dataDirectory: string | undefined, env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  return {
    [webhookSealingKeySettings.localEnvVar]: env[webhookSealingKeySettings.localEnvVar] || sealingKey(dataDirectory),
    OMS_WEBHOOK_ALLOW_LOCALHOST: env.OMS_WEBHOOK_ALLOW_LOCALHOST || 'true',
  };
}

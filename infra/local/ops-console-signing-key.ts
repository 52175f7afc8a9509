/**
 * The local runtime's ops console signing key, in place of the deployed one (infra/aws/constructs/
 * ops-console-signing-key.ts): an RSA key pair generated on first start and kept with the data
 * (like the demo API key), so a browser stays signed in across restarts. The session function reads
 * the private key from OMS_OPS_CONSOLE_PRIVATE_KEY; the runtime checks the cookies with the public key.
 */
import type { KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { newConsoleSigningKey, publicKeyOf } from '../../shared/adapters/cloudfront/console-signing-key-pair';
import { consoleSigningKeySettings } from '../../shared/adapters/cloudfront/console-signing-key-settings';

export const localConsoleKeyPairId = 'LOCAL-OPS-CONSOLE-KEY';

export interface LocalConsoleSigningKey {
  readonly keyPairId: string;
  readonly publicKey: KeyObject;
  /** The variables the session function reads (those already set are kept). */
  readonly environment: Record<string, string>;
}

function privateKeyPem(dataDirectory: string | undefined, env: NodeJS.ProcessEnv): string {
  const configured = env[consoleSigningKeySettings.localPrivateKeyEnvVar];
  if (configured) return configured;
  if (!dataDirectory) return newConsoleSigningKey();
  const file = join(dataDirectory, 'ops-console-signing-key.pem');
  if (existsSync(file)) return readFileSync(file, 'utf8');
  const pem = newConsoleSigningKey();
  mkdirSync(dataDirectory, { recursive: true });
  writeFileSync(file, pem, { mode: 0o600 });
  return pem;
}

export function localConsoleSigningKey(dataDirectory: string | undefined, env: NodeJS.ProcessEnv = process.env): LocalConsoleSigningKey {
  const pem = privateKeyPem(dataDirectory, env);
  const keyPairId = env[consoleSigningKeySettings.keyPairIdEnvVar] || localConsoleKeyPairId;
  return {
    keyPairId,
    publicKey: publicKeyOf(pem),
    environment: { [consoleSigningKeySettings.localPrivateKeyEnvVar]: pem, [consoleSigningKeySettings.keyPairIdEnvVar]: keyPairId },
  };
}

/**
 * CloudFront signed cookies for the ops console, with AWS's own signer (@aws-sdk/cloudfront-signer):
 * a custom policy over the console's folder, signed with the private key of the public key the
 * distribution's trusted key group holds.
 */
import { getSignedCookies } from '@aws-sdk/cloudfront-signer';
import * as z from 'zod';
import { ConfigError } from '../../config/load-config';
import type { ConsoleCookieSigner } from '../../ports/console-cookie-signer';
import { connectionDocument, type SecretFetcher } from '../secrets/connection-document';
import { consoleSigningKeySettings as settings } from './console-signing-key-settings';

const SigningKeyDocumentSchema = z.object({ [settings.privateKeyField]: z.string().includes('PRIVATE KEY', { message: 'a PEM private key' }) });

export function cloudFrontConsoleCookieSigner({
  env = process.env,
  fetchSecret,
}: { env?: Readonly<Record<string, string | undefined>>; fetchSecret?: SecretFetcher } = {}): ConsoleCookieSigner {
  const keyPairId = env[settings.keyPairIdEnvVar];
  if (!keyPairId) throw new ConfigError(`${settings.keyPairIdEnvVar} is not set: this function is not granted the ops console signing key (see infra/definitions/ops.ts)`);
  const signingKey = connectionDocument(
    { schema: SigningKeyDocumentSchema, secretArnEnvVar: settings.secretArnEnvVar, fromEnvironment: (variables) => ({ [settings.privateKeyField]: variables[settings.localPrivateKeyEnvVar] }) },
    { env, ...(fetchSecret && { fetchSecret }) },
  );
  return {
    async cookiesFor({ resource, expiresAt }) {
      const document = await signingKey();
      const policy = JSON.stringify({ Statement: [{ Resource: resource, Condition: { DateLessThan: { 'AWS:EpochTime': Math.floor(expiresAt.getTime() / 1000) } } }] });
      const cookies = getSignedCookies({ keyPairId, privateKey: document[settings.privateKeyField] as string, policy });
      return Object.fromEntries(Object.entries(cookies).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
    },
  };
}

/**
 * Custom resource handler (CDK Provider framework, onEvent): the ops console's cookie signing key.
 * On create, and whenever the `Generation` property changes (a rotation), it makes a new RSA key
 * pair, keeps the private key in the secret, and answers the public key for CloudFront's key group.
 * Any other update answers the public key of the key already kept, so nothing rotates by accident.
 * The private key never leaves Secrets Manager and this function.
 */
import { GetSecretValueCommand, PutSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { newConsoleSigningKey, publicKeyOf } from '../../../shared/adapters/cloudfront/console-signing-key-pair';
import { consoleSigningKeySettings } from '../../../shared/adapters/cloudfront/console-signing-key-settings';

export interface SigningKeyProperties {
  readonly SecretArn: string;
  readonly Generation: string;
}

export type SigningKeyEvent =
  | { readonly RequestType: 'Create'; readonly ResourceProperties: SigningKeyProperties }
  | { readonly RequestType: 'Update'; readonly PhysicalResourceId: string; readonly ResourceProperties: SigningKeyProperties; readonly OldResourceProperties: SigningKeyProperties }
  | { readonly RequestType: 'Delete'; readonly PhysicalResourceId: string; readonly ResourceProperties: SigningKeyProperties };

export interface SigningKeyResponse {
  readonly PhysicalResourceId: string;
  readonly Data?: { readonly PublicKeyPem: string };
}

const physicalIdOf = ({ SecretArn, Generation }: SigningKeyProperties) => `${SecretArn}#${Generation}`;

export async function onEvent(event: SigningKeyEvent, client = new SecretsManagerClient({})): Promise<SigningKeyResponse> {
  // The secret goes with its stack; the public key with the key group that trusts it.
  if (event.RequestType === 'Delete') return { PhysicalResourceId: event.PhysicalResourceId };
  const properties = event.ResourceProperties;
  const rotate = event.RequestType === 'Create' || physicalIdOf(event.OldResourceProperties) !== physicalIdOf(properties);
  const privateKey = rotate ? await storeNewKey(client, properties.SecretArn) : await keptKey(client, properties.SecretArn);
  const publicKeyPem = publicKeyOf(privateKey).export({ type: 'spki', format: 'pem' }).toString();
  return { PhysicalResourceId: physicalIdOf(properties), Data: { PublicKeyPem: publicKeyPem } };
}

async function storeNewKey(client: SecretsManagerClient, secretArn: string): Promise<string> {
  const privateKey = newConsoleSigningKey();
  await client.send(new PutSecretValueCommand({ SecretId: secretArn, SecretString: JSON.stringify({ [consoleSigningKeySettings.privateKeyField]: privateKey }) }));
  return privateKey;
}

async function keptKey(client: SecretsManagerClient, secretArn: string): Promise<string> {
  const { SecretString } = await client.send(new GetSecretValueCommand({ SecretId: secretArn }));
  const privateKey = (JSON.parse(SecretString ?? '{}') as Record<string, unknown>)[consoleSigningKeySettings.privateKeyField];
  if (typeof privateKey !== 'string') throw new Error(`Secret ${secretArn} holds no ${consoleSigningKeySettings.privateKeyField}: change the Generation to make a new key`);
  return privateKey;
}

export const handler = (event: SigningKeyEvent) => onEvent(event);

/**
 * The ops console's cookie signing key pair: RSA 2048, the private key as PKCS#8 PEM (what
 * CloudFront's signer takes), made by the deployment on AWS and by the local runtime on a laptop.
 */
import { createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';

export const newConsoleSigningKey = (): string =>
  generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } }).privateKey;

/** The public half of a PEM private key: the key CloudFront's key group (or the local check) verifies with. */
export const publicKeyOf = (privateKeyPem: string): KeyObject => createPublicKey(privateKeyPem);

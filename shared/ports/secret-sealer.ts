/**
 * Encrypts secrets that must be used again later (webhook signing secrets: an HMAC needs the secret
 * itself, so a hash cannot stand in for it) before they are stored. `context` binds a sealed value
 * to its owner (e.g. the subscription id): opened under another context, it fails.
 */
export interface SecretSealer {
  seal(plaintext: string, context: string): Promise<string>;
  open(sealed: string, context: string): Promise<string>;
}

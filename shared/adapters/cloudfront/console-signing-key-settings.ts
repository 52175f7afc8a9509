/**
 * Where the ops console's cookie signing key is configured, by name only (so the CDK definitions can
 * name it without loading the adapter): on AWS the private key is a Secrets Manager secret whose ARN
 * CDK sets with the GetSecretValue grant, and the CloudFront public key's id; locally the runtime
 * sets the key itself (generated and kept with the data) and a local id.
 */
export const consoleSigningKeySettings = {
  secretArnEnvVar: 'OPS_CONSOLE_SIGNING_KEY_SECRET_ARN',
  keyPairIdEnvVar: 'OPS_CONSOLE_KEY_PAIR_ID',
  localPrivateKeyEnvVar: 'OMS_OPS_CONSOLE_PRIVATE_KEY',
  /** The secret document's field holding the PEM private key. */
  privateKeyField: 'privateKey',
} as const;

/**
 * Where the webhook sealing key is configured, by name only (so the CDK definitions can name it
 * without loading the adapter): `secretArnEnvVar` is set by CDK on AWS with the GetSecretValue
 * grant; `localEnvVar` is read when it is absent (the local runtime sets it).
 */
export const webhookSealingKeySettings = {
  secretArnEnvVar: 'WEBHOOK_SIGNING_KEY_SECRET_ARN',
  generatedKey: 'encryptionKey',
  localEnvVar: 'OMS_WEBHOOK_ENCRYPTION_KEY',
} as const;

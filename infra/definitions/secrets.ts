/**
 * The secrets of the OMS, declared once: one per commerce platform connection (see
 * shared/channels/channel-connection.ts), each a JSON document naming the OMS channel the platform's
 * orders belong to and the credentials to trust (and call) the platform; and the key that seals
 * partner webhook signing secrets.
 *
 * The CDK stateful stack creates them with a generated placeholder secret, which webhooks fail
 * against (401) until the operator stores the platform's real value. A function that declares one
 * gets GetSecretValue on it and its ARN in `envVar`, together. The local runtime reads the same
 * documents from environment variables instead.
 */
import { channelConnectionSettings, type ChannelPlatformName } from '../../shared/channels/channel-connection';
import { webhookSealingKeySettings } from '../../shared/adapters/secrets/webhook-sealing-key-settings';
import { warehouseConnectionSettings } from '../../shared/warehouses/warehouse-connection';

export interface SecretDefinition {
  /** Stable id: the CDK construct id. */
  readonly id: string;
  readonly description: string;
  /** The environment variable a function reads to learn the secret's ARN. */
  readonly envVar: string;
  /** The initial document CDK stores; `generatedKey` is added to it with a random value. */
  readonly template: Readonly<Record<string, string>>;
  readonly generatedKey: string;
  /** Why the secret has no Secrets Manager rotation (cdk-nag SMG4); default: the platform issues the value. */
  readonly withoutAutomaticRotationBecause?: string;
}

const connectionSecret = (platform: ChannelPlatformName, id: string, description: string): SecretDefinition => ({
  id,
  description,
  envVar: channelConnectionSettings[platform].secretArnEnvVar,
  template: { channelId: platform },
  generatedKey: channelConnectionSettings[platform].generatedKey,
});

export const secrets = {
  shopify: connectionSecret(
    'shopify',
    'ShopifyConnection',
    'OMS Shopify connection: {"channelId", "webhookSecret" (the app client secret that signs X-Shopify-Hmac-Sha256)}',
  ),
  woocommerce: connectionSecret(
    'woocommerce',
    'WooCommerceConnection',
    'OMS WooCommerce connection: {"channelId", "webhookSecret" (the secret of the order.created webhook)}',
  ),
  bigcommerce: connectionSecret(
    'bigcommerce',
    'BigCommerceConnection',
    'OMS BigCommerce connection: {"channelId", "clientSecret" (the app client secret), "storeHash", "accessToken" (reads orders)}',
  ),
  /**
   * The key that seals partner webhook signing secrets in the webhooks table (AES-256-GCM, see
   * shared/adapters/crypto/aes-gcm-secret-sealer.ts): Secrets Manager keeps it encrypted with KMS,
   * and only the functions that create, rotate or sign with a subscription's secret may read it. The
   * generated value works as it is.
   */
  webhookSigningKey: {
    id: 'WebhookSigningKey',
    description: 'OMS partner webhooks: {"encryptionKey" (seals the subscriptions\' signing secrets), "previousEncryptionKeys"? (still open older ones)}',
    envVar: webhookSealingKeySettings.secretArnEnvVar,
    template: {},
    generatedKey: webhookSealingKeySettings.generatedKey,
    withoutAutomaticRotationBecause:
      'Rotating this key means re-sealing every stored signing secret, which a Secrets Manager rotation Lambda cannot do alone: an operator adds a new encryptionKey and keeps the old one in previousEncryptionKeys, which still opens what it sealed.',
  },
  /**
   * Where warehouse and store systems take fulfilment messages, and the secret the messages are
   * signed with (shared/warehouses/warehouse-connection.ts). Created without endpoints: until the
   * operator adds them, requests are logged as not delivered and the fulfilment timeout re-sources.
   */
  warehouse: {
    id: 'WarehouseConnection',
    description: 'OMS warehouse connection: {"endpoints": {"<locationId>" or "*": "https://…"}, "signingSecret" (whsec_…, shared with the WMS)}',
    envVar: warehouseConnectionSettings.secretArnEnvVar,
    template: {},
    generatedKey: warehouseConnectionSettings.generatedKey,
    withoutAutomaticRotationBecause: 'The signing secret is shared with the warehouse systems, which must take the new one at the same time; an operator rotates it with them.',
  },
} as const satisfies Record<ChannelPlatformName | 'webhookSigningKey' | 'warehouse', SecretDefinition>;
export type SecretName = keyof typeof secrets;

/**
 * The channel connections of the local runtime: one demo channel per commerce platform, so each
 * platform's order ids live in their own channel (as each shop does on AWS). Secrets come from
 * OMS_SHOPIFY_WEBHOOK_SECRET, OMS_WOOCOMMERCE_WEBHOOK_SECRET and OMS_BIGCOMMERCE_CLIENT_SECRET;
 * unset ones get a generated demo value, kept with the data (like the demo API key) so a configured
 * webhook keeps working across restarts. Each demo channel gets an API key to read its orders.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { bigCommerceHeaders, bigCommerceWebhookToken } from '../../shared/channels/bigcommerce/verify-bigcommerce-webhook';
import { channelConnectionSettings, type ChannelPlatformName } from '../../shared/channels/channel-connection';
import { shopifyHeaders } from '../../shared/channels/shopify/verify-shopify-webhook';
import { wooCommerceHeaders } from '../../shared/channels/woocommerce/verify-woocommerce-webhook';
import { generateApiKey } from '../../shared/domain/api-key';
import { seedChannel } from './seed';

export interface LocalChannelConnection {
  readonly platform: ChannelPlatformName;
  readonly channelId: string;
  readonly webhookPath: string;
  /** The env var the secret is read from, and its value (configured or the demo one). */
  readonly secretEnvVar: string;
  readonly secret: string;
  /** The header the platform authenticates with, and how. */
  readonly credential: { readonly header: string; readonly kind: 'hmac-sha256-of-body' | 'token'; readonly token?: string };
  /** An API key of the channel (scope orders), to read what its webhooks captured. */
  readonly apiKey: string;
}

const platforms: readonly { platform: ChannelPlatformName; name: string }[] = [
  { platform: 'shopify', name: 'Demo Shopify shop' },
  { platform: 'bigcommerce', name: 'Demo BigCommerce store' },
  { platform: 'woocommerce', name: 'Demo WooCommerce shop' },
];

type Generated = Partial<Record<ChannelPlatformName, { secret: string; apiKey: string }>>;

/** Generated values, kept in the data directory when there is one, so they survive restarts. */
function generatedValues(dataDirectory: string | undefined): Generated {
  const fresh = (): Generated =>
    Object.fromEntries(platforms.map(({ platform }) => [platform, { secret: `demo_${randomBytes(24).toString('base64url')}`, apiKey: generateApiKey() }]));
  if (!dataDirectory) return fresh();
  const file = join(dataDirectory, 'channel-connections.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as Generated;
  const values = fresh();
  mkdirSync(dataDirectory, { recursive: true });
  writeFileSync(file, `${JSON.stringify(values, null, 2)}\n`, { mode: 0o600 });
  return values;
}

export function resolveLocalChannelConnections(dataDirectory: string | undefined, env: NodeJS.ProcessEnv = process.env): LocalChannelConnection[] {
  const generated = generatedValues(dataDirectory);
  return platforms.map(({ platform }) => {
    const settings = channelConnectionSettings[platform];
    const demo = generated[platform] ?? { secret: `demo_${randomBytes(24).toString('base64url')}`, apiKey: generateApiKey() };
    const secret = env[settings.local.secret] || demo.secret;
    return {
      platform,
      channelId: `demo-${platform}`,
      webhookPath: `/channels/${platform}/orders`,
      secretEnvVar: settings.local.secret,
      secret,
      credential:
        platform === 'bigcommerce'
          ? { header: bigCommerceHeaders.token, kind: 'token', token: bigCommerceWebhookToken(secret) }
          : { header: platform === 'shopify' ? shopifyHeaders.signature : wooCommerceHeaders.signature, kind: 'hmac-sha256-of-body' },
      apiKey: demo.apiKey,
    };
  });
}

/** What the receiving functions read locally: each connection's channel and secret. */
export function channelConnectionEnvironment(connections: readonly LocalChannelConnection[]): Record<string, string> {
  return Object.fromEntries(
    connections.flatMap(({ platform, channelId, secret }) => [
      [channelConnectionSettings[platform].local.channelId, channelId],
      [channelConnectionSettings[platform].local.secret, secret],
    ]),
  );
}

/** The demo channels and their API keys, through the production adapter like the demo channel. */
export async function seedChannelConnections(client: DynamoDBDocumentClient, tableName: string, connections: readonly LocalChannelConnection[]): Promise<void> {
  for (const connection of connections) {
    const name = platforms.find(({ platform }) => platform === connection.platform)?.name ?? connection.channelId;
    await seedChannel(client, tableName, { id: connection.channelId, name, defaultCurrency: 'EUR' }, connection.apiKey, ['orders']);
  }
}

/** The banner lines `npm start` prints for the webhook channels. */
export function describeChannelConnections(connections: readonly LocalChannelConnection[]): string {
  return connections
    .map((connection) =>
      [
        `    POST ${connection.webhookPath}   channel ${connection.channelId}, API key ${connection.apiKey}`,
        `      ${connection.secretEnvVar}=${connection.secret}`,
        connection.credential.kind === 'token'
          ? `      send header ${connection.credential.header}: ${connection.credential.token}`
          : `      sign: ${connection.credential.header} = base64 HMAC-SHA256 of the raw body with that secret`,
      ].join('\n'),
    )
    .join('\n');
}

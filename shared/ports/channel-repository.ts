export interface Channel {
  readonly id: string;
  readonly name: string;
  readonly defaultCurrency: string;
}

/**
 * What an API key may do: `orders` works with the channel's orders, `inventory:read` reads locations
 * and stock, `inventory:write` changes them. `ops` reviews held orders of every channel;
 * `integrations:wms`, `integrations:carrier` and `integrations:payments` are the partners' callback
 * keys, also across channels. `webhooks` manages the channel's partner webhook subscriptions.
 * `customer-service` acts on orders of every channel for a person named per request (notes,
 * escalations, appeasements, resent messages); `customer-service:lead` raises the appeasement limit.
 * Every route names the one scope it needs.
 */
export const apiScopes = [
  'orders',
  'inventory:read',
  'inventory:write',
  'ops',
  'customer-service',
  'customer-service:lead',
  'integrations:wms',
  'integrations:carrier',
  'integrations:payments',
  'webhooks',
] as const;
export type ApiScope = (typeof apiScopes)[number];

/** Keys issued before scopes existed carry none: they keep exactly what they could do then. */
export const defaultApiKeyScopes: readonly ApiScope[] = ['orders'];

export interface ApiKeyRecord {
  readonly channelId: string;
  readonly status: 'active' | 'revoked';
  /** Absent on keys issued before scopes existed, which then hold defaultApiKeyScopes. */
  readonly scopes?: readonly string[];
}

export interface ChannelRepository {
  findApiKey(apiKeyHash: string): Promise<ApiKeyRecord | undefined>;
  saveChannel(channel: Channel): Promise<void>;
  saveApiKey(apiKeyHash: string, record: ApiKeyRecord): Promise<void>;
}

export interface Channel {
  readonly id: string;
  readonly name: string;
  readonly defaultCurrency: string;
}

export interface ApiKeyRecord {
  readonly channelId: string;
  readonly status: 'active' | 'revoked';
}

export interface ChannelRepository {
  findApiKey(apiKeyHash: string): Promise<ApiKeyRecord | undefined>;
  saveChannel(channel: Channel): Promise<void>;
  saveApiKey(apiKeyHash: string, record: ApiKeyRecord): Promise<void>;
}

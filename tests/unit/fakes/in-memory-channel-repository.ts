import type { ApiKeyRecord, Channel, ChannelRepository } from '../../../shared/ports/channel-repository';

/** The ChannelRepository port in memory; records every API key look-up so tests can count them. */
export class InMemoryChannelRepository implements ChannelRepository {
  readonly channels = new Map<string, Channel>();
  readonly apiKeys = new Map<string, ApiKeyRecord>();
  /** The hashes findApiKey was asked for, in order. */
  readonly lookups: string[] = [];

  async findApiKey(apiKeyHash: string): Promise<ApiKeyRecord | undefined> {
    this.lookups.push(apiKeyHash);
    const record = this.apiKeys.get(apiKeyHash);
    return record && { ...record };
  }

  async saveChannel(channel: Channel): Promise<void> {
    this.channels.set(channel.id, { ...channel });
  }

  async saveApiKey(apiKeyHash: string, record: ApiKeyRecord): Promise<void> {
    this.apiKeys.set(apiKeyHash, { ...record });
  }
}

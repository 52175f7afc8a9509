import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ApiKeyRecord, Channel, ChannelRepository } from '../../ports/channel-repository';
import { apiKeyKey, channelKey } from './order-keys';

export class DynamoDbChannelRepository implements ChannelRepository {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async findApiKey(apiKeyHash: string): Promise<ApiKeyRecord | undefined> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: apiKeyKey(apiKeyHash) }));
    if (!Item) return undefined;
    const scopes = storedScopes(Item.scopes);
    return { channelId: String(Item.channelId), status: Item.status === 'active' ? 'active' : 'revoked', ...(scopes && { scopes }) };
  }

  async saveChannel(channel: Channel): Promise<void> {
    await this.client.send(
      new PutCommand({ TableName: this.tableName, Item: { ...channelKey(channel.id), entity: 'Channel', ...channel } }),
    );
  }

  async saveApiKey(apiKeyHash: string, record: ApiKeyRecord): Promise<void> {
    const { scopes, ...rest } = record;
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        // Scopes are a list, not a string set: an empty list is storable, an empty set is not.
        Item: { ...apiKeyKey(apiKeyHash), entity: 'ApiKey', ...rest, ...(scopes && { scopes: [...scopes] }) },
      }),
    );
  }
}

/** Scopes as stored: a list (or a string set, if written by hand); anything else means none were stored. */
function storedScopes(value: unknown): string[] | undefined {
  if (Array.isArray(value)) return value.map(String);
  if (value instanceof Set) return [...value].map(String);
  return undefined;
}

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
    return { channelId: String(Item.channelId), status: Item.status === 'active' ? 'active' : 'revoked' };
  }

  async saveChannel(channel: Channel): Promise<void> {
    await this.client.send(
      new PutCommand({ TableName: this.tableName, Item: { ...channelKey(channel.id), entity: 'Channel', ...channel } }),
    );
  }

  async saveApiKey(apiKeyHash: string, record: ApiKeyRecord): Promise<void> {
    await this.client.send(
      new PutCommand({ TableName: this.tableName, Item: { ...apiKeyKey(apiKeyHash), entity: 'ApiKey', ...record } }),
    );
  }
}

/**
 * Seed data of the local runtime: the demo channel and its API key. Goes through the same
 * repository adapter that production uses, so seeded records look exactly like real ones.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoDbChannelRepository } from '../../shared/adapters/dynamodb/channel-repository';
import { demoCatalog } from '../../shared/contracts/demo-catalog';
import { hashApiKey } from '../../shared/domain/api-key';

export async function seedChannel(
  client: DynamoDBDocumentClient,
  tableName: string,
  channel: { id: string; name: string; defaultCurrency: string },
  apiKey: string,
): Promise<void> {
  const channels = new DynamoDbChannelRepository(client, tableName);
  await channels.saveChannel(channel);
  await channels.saveApiKey(hashApiKey(apiKey), { channelId: channel.id, status: 'active' });
}

export const seedDemoChannel = (client: DynamoDBDocumentClient, tableName: string, apiKey: string) =>
  seedChannel(client, tableName, demoCatalog.channel, apiKey);

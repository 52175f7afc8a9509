/**
 * Seed data of the local runtime: the demo channel and its API key. Goes through the same
 * repository adapter that production uses, so seeded records look exactly like real ones.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoDbChannelRepository } from '../../shared/adapters/dynamodb/channel-repository';
import { DynamoDbInventoryRepository } from '../../shared/adapters/dynamodb/inventory-repository';
import { demoCatalog, demoLocations, demoStock } from '../../shared/contracts/demo-catalog';
import { LocationInputSchema } from '../../shared/contracts/inventory';
import { hashApiKey } from '../../shared/domain/api-key';
import { apiScopes, type ApiScope } from '../../shared/ports/channel-repository';

export async function seedChannel(
  client: DynamoDBDocumentClient,
  tableName: string,
  channel: { id: string; name: string; defaultCurrency: string },
  apiKey: string,
  scopes: readonly ApiScope[],
): Promise<void> {
  const channels = new DynamoDbChannelRepository(client, tableName);
  await channels.saveChannel(channel);
  await channels.saveApiKey(hashApiKey(apiKey), { channelId: channel.id, status: 'active', scopes });
}

/** The demo key can do everything, so every documented example works with it. */
export const seedDemoChannel = (client: DynamoDBDocumentClient, tableName: string, apiKey: string) =>
  seedChannel(client, tableName, demoCatalog.channel, apiKey, apiScopes);

/**
 * Seeds the demo network once: on a persistent restart the locations exist and their stock has
 * moved on (reservations, adjustments), which a re-seed must not overwrite.
 */
export async function seedDemoNetwork(client: DynamoDBDocumentClient, tableName: string, now = new Date()): Promise<void> {
  const inventory = new DynamoDbInventoryRepository(client, tableName);
  if (await inventory.getLocation(demoLocations[0]?.id ?? '')) return;
  for (const { id, ...input } of demoLocations) {
    await inventory.saveLocation({ id, ...LocationInputSchema.parse(input), version: 1, updatedAt: now.toISOString() });
  }
  for (const stock of demoStock) await inventory.initializeStock({ ...stock, incoming: [] });
}

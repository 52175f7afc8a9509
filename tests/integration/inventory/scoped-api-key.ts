/**
 * API keys with chosen scopes, written straight to the orders table through the production adapter
 * (as the seed writes the demo key), so tests state exactly what their caller may do.
 */
import { randomBytes } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { inject } from 'vitest';
import { DynamoDbChannelRepository } from '../../../shared/adapters/dynamodb/channel-repository';
import { hashApiKey } from '../../../shared/domain/api-key';
import { apiScopes, type ApiScope } from '../../../shared/ports/channel-repository';

export const allScopes: readonly ApiScope[] = apiScopes;

/** A new active key of the demo channel holding exactly `scopes`. */
export async function issueApiKey(scopes: readonly ApiScope[], channelId = 'demo-web'): Promise<string> {
  const client = new DynamoDBClient({
    endpoint: inject('dynamoDbEndpoint'),
    region: 'eu-central-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  try {
    const apiKey = `oms_test-${randomBytes(18).toString('base64url')}`;
    const channels = new DynamoDbChannelRepository(DynamoDBDocumentClient.from(client), inject('ordersTableName'));
    await channels.saveApiKey(hashApiKey(apiKey), { channelId, status: 'active', scopes });
    return apiKey;
  } finally {
    client.destroy();
  }
}

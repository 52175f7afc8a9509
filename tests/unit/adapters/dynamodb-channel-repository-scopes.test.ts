import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { DynamoDbChannelRepository } from '../../../shared/adapters/dynamodb/channel-repository';

const tableName = 'oms-orders-test';
const documentClientMock = mockClient(DynamoDBDocumentClient);
const repository = () => new DynamoDbChannelRepository(DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'eu-central-1' })), tableName);
const key = { pk: 'APIKEY#hash-1', sk: 'APIKEY' };

beforeEach(() => {
  documentClientMock.reset();
});

describe('DynamoDbChannelRepository: API key scopes', () => {
  it('stores the scopes of a key as a list', async () => {
    // Prepare
    documentClientMock.on(PutCommand).resolves({});

    // Act
    await repository().saveApiKey('hash-1', { channelId: 'demo-web', status: 'active', scopes: ['inventory:read'] });

    // Assess
    expect(documentClientMock.commandCalls(PutCommand)[0]?.args[0].input).toEqual({
      TableName: tableName,
      Item: { ...key, entity: 'ApiKey', channelId: 'demo-web', status: 'active', scopes: ['inventory:read'] },
    });
  });

  it('stores a key without scopes as before, with no scopes attribute', async () => {
    documentClientMock.on(PutCommand).resolves({});
    await repository().saveApiKey('hash-1', { channelId: 'demo-web', status: 'active' });
    expect(documentClientMock.commandCalls(PutCommand)[0]?.args[0].input.Item).not.toHaveProperty('scopes');
  });

  it.each([
    ['a list', ['orders', 'inventory:write'], ['orders', 'inventory:write']],
    ['a string set', new Set(['inventory:read']), ['inventory:read']],
    ['an empty list', [], []],
  ])('reads scopes stored as %s', async (_case, stored, expected) => {
    // Prepare
    documentClientMock.on(GetCommand).resolves({ Item: { ...key, channelId: 'demo-web', status: 'active', scopes: stored } });

    // Act
    const record = await repository().findApiKey('hash-1');

    // Assess
    expect(record).toEqual({ channelId: 'demo-web', status: 'active', scopes: expected });
  });

  it('reads a key stored before scopes existed without scopes, so the default applies', async () => {
    documentClientMock.on(GetCommand).resolves({ Item: { ...key, channelId: 'demo-web', status: 'active' } });
    expect(await repository().findApiKey('hash-1')).toEqual({ channelId: 'demo-web', status: 'active' });
  });
});

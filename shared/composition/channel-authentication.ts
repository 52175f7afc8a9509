/**
 * API key authentication for every authenticated function: the keys live in the orders table, behind
 * a per-container cache. Reads ORDERS_TABLE_NAME once, at cold start.
 */
import { cachingChannelRepository } from '../adapters/caching-channel-repository';
import { DynamoDbChannelRepository } from '../adapters/dynamodb/channel-repository';
import { dynamoDbDocumentClient } from '../adapters/dynamodb/document-client';
import { loadConfig, tableNameSetting } from '../config/load-config';
import { authenticateChannel } from '../use-cases/authenticate-channel';

const config = loadConfig({ ORDERS_TABLE_NAME: tableNameSetting });

const channels = cachingChannelRepository(new DynamoDbChannelRepository(dynamoDbDocumentClient(), config.ORDERS_TABLE_NAME));

export const authenticateApiKey = (apiKey: string | undefined) => authenticateChannel(apiKey, { channels });

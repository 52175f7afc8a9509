/**
 * Composition root for functions that work on orders: reads their configuration once at cold
 * start and builds the production adapters behind the ports.
 */
import { monotonicFactory } from 'ulid';
import { cachingChannelRepository } from '../adapters/caching-channel-repository';
import { DynamoDbChannelRepository } from '../adapters/dynamodb/channel-repository';
import { dynamoDbDocumentClient } from '../adapters/dynamodb/document-client';
import { DynamoDbOrderRepository } from '../adapters/dynamodb/order-repository';
import { loadConfig, tableNameSetting } from '../config/load-config';
import { authenticateChannel } from '../use-cases/authenticate-channel';

const config = loadConfig({ ORDERS_TABLE_NAME: tableNameSetting });

export const orders = new DynamoDbOrderRepository(dynamoDbDocumentClient(), config.ORDERS_TABLE_NAME);

const channels = cachingChannelRepository(new DynamoDbChannelRepository(dynamoDbDocumentClient(), config.ORDERS_TABLE_NAME));

export const authenticateApiKey = (apiKey: string | undefined) => authenticateChannel(apiKey, { channels });

const ulid = monotonicFactory();
/** Order ids sort by creation time, which keeps ids readable and index-friendly. */
export const newOrderId = () => `ord_${ulid()}`;

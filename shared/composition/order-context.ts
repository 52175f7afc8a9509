/**
 * Composition root for functions that work on orders: reads their configuration once at cold
 * start and builds the production adapters behind the ports.
 */
import { monotonicFactory } from 'ulid';
import { dynamoDbDocumentClient } from '../adapters/dynamodb/document-client';
import { DynamoDbOrderRepository } from '../adapters/dynamodb/order-repository';
import { loadConfig, tableNameSetting } from '../config/load-config';

export { authenticateApiKey } from './channel-authentication';

const config = loadConfig({ ORDERS_TABLE_NAME: tableNameSetting });

export const orders = new DynamoDbOrderRepository(dynamoDbDocumentClient(), config.ORDERS_TABLE_NAME);

const ulid = monotonicFactory();
/** Order ids sort by creation time, which keeps ids readable and index-friendly. */
export const newOrderId = () => `ord_${ulid()}`;

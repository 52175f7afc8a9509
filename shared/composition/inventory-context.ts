/**
 * Composition root for the functions of the inventory API (locations, stock, adjustments, imports):
 * reads their configuration once at cold start and builds the production adapters. API keys are
 * read from the orders table (see channel-authentication).
 */
import { DynamoDbInventoryRepository } from '../adapters/dynamodb/inventory-repository';
import { dynamoDbDocumentClient } from '../adapters/dynamodb/document-client';
import { loadConfig, tableNameSetting } from '../config/load-config';

export { authenticateApiKey } from './channel-authentication';

const config = loadConfig({ INVENTORY_TABLE_NAME: tableNameSetting });

export const inventory = new DynamoDbInventoryRepository(dynamoDbDocumentClient(), config.INVENTORY_TABLE_NAME);

export const now = () => new Date();

/**
 * Composition root for the inventory table alone: functions that are not behind the HTTP API (the
 * reservation sweeper) have no API keys to check, so they are not given the orders table either.
 * Reads INVENTORY_TABLE_NAME once, at cold start.
 */
import { dynamoDbDocumentClient } from '../adapters/dynamodb/document-client';
import { DynamoDbInventoryRepository } from '../adapters/dynamodb/inventory-repository';
import { loadConfig, tableNameSetting } from '../config/load-config';

const config = loadConfig({ INVENTORY_TABLE_NAME: tableNameSetting });

export const inventory = new DynamoDbInventoryRepository(dynamoDbDocumentClient(), config.INVENTORY_TABLE_NAME);

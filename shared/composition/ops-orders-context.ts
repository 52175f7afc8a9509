/**
 * Composition root of the ops functions that read orders across channels (stuck orders, hold queue,
 * escalations): the orders table, its ops queues and the lifecycle waits, and the service levels of
 * OMS_OPS_SERVICE_LEVELS, all read once at cold start.
 */
import { dynamoDbDocumentClient } from '../adapters/dynamodb/document-client';
import { DynamoDbLifecycleWaits } from '../adapters/dynamodb/lifecycle-waits';
import { DynamoDbOrderOpsQueues } from '../adapters/dynamodb/order-ops-queues';
import { DynamoDbOrderRepository } from '../adapters/dynamodb/order-repository';
import { jsonSetting, loadConfig, tableNameSetting } from '../config/load-config';
import { ServiceLevelsSchema } from '../domain/ops/service-levels';

export { authenticateApiKey } from './channel-authentication';

const config = loadConfig({
  ORDERS_TABLE_NAME: tableNameSetting,
  // JSON, e.g. {"PLACED": 600, "SHIPPED": 432000}: seconds per open status; absent or left out: the defaults.
  OMS_OPS_SERVICE_LEVELS: jsonSetting(ServiceLevelsSchema.prefault({})),
});

const documentClient = dynamoDbDocumentClient();

export const orders = new DynamoDbOrderRepository(documentClient, config.ORDERS_TABLE_NAME);
export const queues = new DynamoDbOrderOpsQueues(documentClient, config.ORDERS_TABLE_NAME);
export const waits = new DynamoDbLifecycleWaits(documentClient, config.ORDERS_TABLE_NAME);
export const serviceLevels = config.OMS_OPS_SERVICE_LEVELS;
export const now = () => new Date();

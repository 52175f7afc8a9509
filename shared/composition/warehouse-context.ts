/**
 * Composition root of the function that forwards fulfilment messages to warehouse and store
 * systems: the warehouse connection (Secrets Manager on AWS, environment locally) behind the HTTP
 * gateway.
 */
import { nodeWebhookSender } from '../adapters/http/node-webhook-sender';
import { httpWarehouseGateway } from '../adapters/http/http-warehouse-gateway';
import { connectionDocument } from '../adapters/secrets/connection-document';
import { allowLocalhostSetting, loadConfig } from '../config/load-config';
import { logger } from '../observability/powertools';
import type { ForwardToWarehouseDependencies } from '../use-cases/integrations/forward-to-warehouse';
import { WarehouseConnectionSchema, warehouseConnectionFromEnvironment, warehouseConnectionSettings } from '../warehouses/warehouse-connection';

const config = loadConfig({ OMS_WEBHOOK_ALLOW_LOCALHOST: allowLocalhostSetting });

const connection = connectionDocument({
  schema: WarehouseConnectionSchema,
  secretArnEnvVar: warehouseConnectionSettings.secretArnEnvVar,
  fromEnvironment: warehouseConnectionFromEnvironment,
});

export const warehouseForwarding: ForwardToWarehouseDependencies = {
  warehouses: httpWarehouseGateway({ connection, sender: nodeWebhookSender({ allowLocalhost: config.OMS_WEBHOOK_ALLOW_LOCALHOST }) }),
  logError: (message, details) => logger.error(message, details),
};

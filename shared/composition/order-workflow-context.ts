/**
 * Composition root of functions that only read orders and talk to their executions (timeline,
 * review, restock): the orders table and the order-lifecycle state machine, nothing more, so they
 * need no grant on inventory. Functions that also hold stock or read policies use lifecycle-context.
 */
import * as z from 'zod';
import { dynamoDbDocumentClient } from '../adapters/dynamodb/document-client';
import { DynamoDbLifecycleWaits } from '../adapters/dynamodb/lifecycle-waits';
import { DynamoDbOrderRepository } from '../adapters/dynamodb/order-repository';
import { stepFunctionsOrderWorkflow } from '../adapters/stepfunctions/step-functions-order-workflow';
import { loadConfig, tableNameSetting } from '../config/load-config';

export { authenticateApiKey } from './channel-authentication';

const config = loadConfig({
  ORDERS_TABLE_NAME: tableNameSetting,
  ORDER_LIFECYCLE_STATE_MACHINE_ARN: z.string().startsWith('arn:', 'must be the order-lifecycle state machine ARN'),
});

const documentClient = dynamoDbDocumentClient();

export const orders = new DynamoDbOrderRepository(documentClient, config.ORDERS_TABLE_NAME);
export const waits = new DynamoDbLifecycleWaits(documentClient, config.ORDERS_TABLE_NAME);
export const workflow = stepFunctionsOrderWorkflow(config.ORDER_LIFECYCLE_STATE_MACHINE_ARN);
export const now = () => new Date();

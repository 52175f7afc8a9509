/**
 * Composition root of the ops dead-letter functions: the rule targets' dead-letter queue
 * (EVENT_DEAD_LETTER_QUEUE_URL, set with its grant), the webhooks table, and, for the redrive, the
 * bus the events go back to; read once at cold start.
 */
import * as z from 'zod';
import { dynamoDbDocumentClient } from '../adapters/dynamodb/document-client';
import { DynamoDbWebhookDeadLetterIndex } from '../adapters/dynamodb/webhook-dead-letter-index';
import { DynamoDbWebhookStore } from '../adapters/dynamodb/webhook-store';
import { eventBridgeTransport } from '../adapters/eventbridge/eventbridge-transport';
import { sqsIntegrationDeadLetters } from '../adapters/sqs/sqs-integration-dead-letters';
import { loadConfig, tableNameSetting } from '../config/load-config';
import type { EventTransport } from '../ports/event-transport';

export { authenticateApiKey } from './channel-authentication';

const config = loadConfig({
  WEBHOOKS_TABLE_NAME: tableNameSetting,
  EVENT_DEAD_LETTER_QUEUE_URL: z.url('must be the URL of the rule targets’ dead-letter queue'),
  // Set only for the function that redrives (CDK sets it with the PutEvents grant).
  EVENT_BUS_NAME: z.string().min(1).optional(),
});

const documentClient = dynamoDbDocumentClient();
const webhookStore = new DynamoDbWebhookStore(documentClient, config.WEBHOOKS_TABLE_NAME);

export const integrationDeadLetters = sqsIntegrationDeadLetters(config.EVENT_DEAD_LETTER_QUEUE_URL);
export const webhookDeadLetters = new DynamoDbWebhookDeadLetterIndex(documentClient, config.WEBHOOKS_TABLE_NAME);
export const subscriptions = webhookStore;
export const deliveries = webhookStore;
export const bus: EventTransport = config.EVENT_BUS_NAME
  ? eventBridgeTransport(config.EVENT_BUS_NAME)
  : {
      send: () => {
        throw new Error('EVENT_BUS_NAME is not set: this function may not put events on the bus (see infra/definitions/ops.ts)');
      },
    };
export const now = () => new Date();

/**
 * Composition root of the customer notification function: settings read once at cold start, and the
 * sender the configuration names (SES and SNS on AWS, the sandbox outbox locally).
 */
import { dynamoDbDocumentClient } from '../adapters/dynamodb/document-client';
import { DynamoDbNotificationLog } from '../adapters/dynamodb/notification-log';
import { DynamoDbSandboxOutbox } from '../adapters/dynamodb/sandbox-outbox';
import { SesSnsNotificationSender } from '../adapters/ses-sns/notification-sender';
import { ConfigError, loadConfig, tableNameSetting } from '../config/load-config';
import { notificationConfigShape, notificationEnvVars as env } from '../notifications/notification-config';
import { logger } from '../observability/powertools';
import type { NotificationSender } from '../ports/notification-sender';
import type { NotificationDependencies } from '../use-cases/send-customer-notification';

const config = loadConfig({ ORDERS_TABLE_NAME: tableNameSetting, ...notificationConfigShape });

const documentClient = dynamoDbDocumentClient();

function sender(): NotificationSender {
  if (config[env.sender] === 'outbox') return new DynamoDbSandboxOutbox(documentClient, config.ORDERS_TABLE_NAME);
  const fromAddress = config[env.fromAddress];
  if (!fromAddress) throw new ConfigError(`${env.fromAddress} must name the SES sender address when ${env.sender} is ses-sns`);
  return new SesSnsNotificationSender({
    fromAddress,
    ...(config[env.configurationSet] && { configurationSetName: config[env.configurationSet] }),
    ...(config[env.smsSenderId] && { smsSenderId: config[env.smsSenderId] }),
  });
}

export const notifications: NotificationDependencies = {
  sender: sender(),
  log: new DynamoDbNotificationLog(documentClient, config.ORDERS_TABLE_NAME),
  settings: {
    channelLocales: config[env.channelLocales],
    ...(config[env.trackingUrlTemplate] && { trackingUrlTemplate: config[env.trackingUrlTemplate] }),
  },
  now: () => new Date(),
  logger,
};

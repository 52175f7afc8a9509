/**
 * Composition root of the partner webhook functions: configuration read once at cold start and the
 * production adapters behind the webhook ports. The signing key is read on first use only, so the
 * functions that never seal or open a secret are not granted it.
 */
import { monotonicFactory } from 'ulid';
import { aesGcmSecretSealer } from '../adapters/crypto/aes-gcm-secret-sealer';
import { DynamoDbAnalyticsStore } from '../adapters/dynamodb/analytics-store';
import { dynamoDbDocumentClient } from '../adapters/dynamodb/document-client';
import { DynamoDbWebhookStore } from '../adapters/dynamodb/webhook-store';
import { nodeWebhookSender } from '../adapters/http/node-webhook-sender';
import { webhookSealingKeyring } from '../adapters/secrets/webhook-sealing-key';
import { allowLocalhostSetting, jsonSetting, loadConfig, tableNameSetting } from '../config/load-config';
import { WebhookRetryPolicySchema } from '../domain/webhooks/retry-schedule';
import { logger } from '../observability/powertools';
import { recordWebhookDelivery } from '../use-cases/analytics/record-webhook-delivery';
import { defaultRequestTimeoutMs, type WebhookDependencies } from '../use-cases/webhooks/webhook-dependencies';

export { authenticateApiKey } from './channel-authentication';

const config = loadConfig({
  WEBHOOKS_TABLE_NAME: tableNameSetting,
  // Only the functions that attempt deliveries (fan-out, sweeper) are given the analytics table, to count outcomes.
  ANALYTICS_TABLE_NAME: tableNameSetting.optional(),
  // JSON, e.g. {"baseDelaySeconds":60,"maxDelaySeconds":3600,"retryWindowSeconds":86400}; absent: those defaults.
  // Tests shorten it to see retries and dead letters in seconds.
  OMS_WEBHOOK_RETRY_POLICY: jsonSetting(WebhookRetryPolicySchema.prefault({})),
  OMS_WEBHOOK_ALLOW_LOCALHOST: allowLocalhostSetting,
});

const store = new DynamoDbWebhookStore(dynamoDbDocumentClient(), config.WEBHOOKS_TABLE_NAME);
const allowLocalhost = config.OMS_WEBHOOK_ALLOW_LOCALHOST;
const ulid = monotonicFactory();
const analyticsStore = config.ANALYTICS_TABLE_NAME ? new DynamoDbAnalyticsStore(dynamoDbDocumentClient(), config.ANALYTICS_TABLE_NAME) : undefined;

export const webhooks: WebhookDependencies = {
  subscriptions: store,
  deliveries: store,
  sealer: aesGcmSecretSealer(webhookSealingKeyring()),
  sender: nodeWebhookSender({ allowLocalhost }),
  settings: { retryPolicy: config.OMS_WEBHOOK_RETRY_POLICY, allowLocalhost, requestTimeoutMs: defaultRequestTimeoutMs },
  now: () => new Date(),
  random: Math.random,
  newId: () => ulid(),
  ...(analyticsStore && {
    // A count that fails is logged and lost: the delivery it counts was written and must not be attempted again for it.
    outcomes: (outcome) =>
      recordWebhookDelivery(outcome, { store: analyticsStore }).then(
        () => undefined,
        (error: unknown) => logger.warn('Webhook delivery outcome not counted', { deliveryId: outcome.deliveryId, error }),
      ),
  }),
};

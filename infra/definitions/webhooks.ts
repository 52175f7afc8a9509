/**
 * Partner webhooks, declared once for CDK and the local runtime: the subscriptions API, the rule
 * that fans every channel event out to its subscribers, and the scheduled retry sweeper.
 *
 * Why a DynamoDB retry schedule swept every minute, and not EventBridge → SQS → deliverer or API
 * destinations:
 * - Retries span 24 h and more, with exponential backoff and the partner's Retry-After. SQS delays
 *   a message 15 minutes at most (and a visibility timeout 12 h), so long waits become chains of
 *   re-sent messages, and a redrive of a dead letter is a queue-to-queue move that has lost the
 *   delivery's history. A delivery record already has to exist for the delivery log, the dead
 *   letters and redrive; its next-attempt time in a sparse index *is* the schedule.
 * - API destinations sign nothing per subscription (a connection adds a static API key, Basic or
 *   OAuth header, never an HMAC of the body), are resources deployed ahead of time rather than
 *   rows a partner creates through the API, retry for 24 h at most without Retry-After, and have no
 *   delivery log or 410 handling.
 * - The same code runs on both targets: the local bus runs the scheduled rule on its timer.
 * The cost: a retry waits for the next sweep (up to a minute, irrelevant against a backoff of
 * minutes to an hour); first attempts are made at once by the fan-out, without waiting for a sweep.
 */
import { omsEventsPattern } from './event-lake';
import type { FunctionDefinition, RouteDefinition } from './api';
import type { EventPatternRule, ScheduledRule } from './event-bus';

/** An API function of the webhooks area: reads API keys (orders table), the webhooks table as `access` says. */
const webhookApiFunction = (name: string, access: 'read' | 'readWrite', options: { sealsSecrets?: boolean } = {}) =>
  ({
    name,
    entry: `functions/webhooks/${name}.ts`,
    tables: { orders: 'read', webhooks: access },
    // Only the functions that create or rotate a secret may read the key that seals it.
    ...(options.sealsSecrets && { secrets: ['webhookSigningKey'] as const }),
  }) as const satisfies FunctionDefinition;

export const webhookFunctions = {
  createSubscription: webhookApiFunction('create-webhook-subscription', 'readWrite', { sealsSecrets: true }),
  listSubscriptions: webhookApiFunction('list-webhook-subscriptions', 'read'),
  getSubscription: webhookApiFunction('get-webhook-subscription', 'read'),
  updateSubscription: webhookApiFunction('update-webhook-subscription', 'readWrite'),
  deleteSubscription: webhookApiFunction('delete-webhook-subscription', 'readWrite'),
  rotateSecret: webhookApiFunction('rotate-webhook-secret', 'readWrite', { sealsSecrets: true }),
  listDeliveries: webhookApiFunction('list-webhook-deliveries', 'read'),
  redriveDelivery: webhookApiFunction('redrive-webhook-delivery', 'readWrite'),
  redriveDeadLetters: webhookApiFunction('redrive-webhook-dead-letters', 'readWrite'),
  /**
   * Creates an event's deliveries and attempts them at once: up to 20 partners in parallel, each
   * bounded by the 10 s HTTP timeout. Counts each attempt's outcome in the analytics table.
   */
  fanOut: {
    name: 'fan-out-webhook-event',
    entry: 'functions/webhooks/fan-out-webhook-event.ts',
    tables: { webhooks: 'readWrite', analytics: 'readWrite' },
    secrets: ['webhookSigningKey'],
    timeoutSeconds: 30,
  },
  /** Attempts due deliveries, 16 at a time; it stops taking more 15 s before its timeout and the next sweep goes on. Counts outcomes like the fan-out. */
  deliverDue: {
    name: 'deliver-due-webhooks',
    entry: 'functions/webhooks/deliver-due-webhooks.ts',
    tables: { webhooks: 'readWrite', analytics: 'readWrite' },
    secrets: ['webhookSigningKey'],
    timeoutSeconds: 60,
  },
} as const satisfies Record<string, FunctionDefinition>;

export const webhookRoutes: readonly RouteDefinition[] = [
  { method: 'POST', path: '/webhooks/subscriptions', function: webhookFunctions.createSubscription },
  { method: 'GET', path: '/webhooks/subscriptions', function: webhookFunctions.listSubscriptions },
  { method: 'GET', path: '/webhooks/subscriptions/{id}', function: webhookFunctions.getSubscription },
  { method: 'PATCH', path: '/webhooks/subscriptions/{id}', function: webhookFunctions.updateSubscription },
  { method: 'DELETE', path: '/webhooks/subscriptions/{id}', function: webhookFunctions.deleteSubscription },
  { method: 'POST', path: '/webhooks/subscriptions/{id}/rotate-secret', function: webhookFunctions.rotateSecret },
  { method: 'GET', path: '/webhooks/subscriptions/{id}/deliveries', function: webhookFunctions.listDeliveries },
  { method: 'POST', path: '/webhooks/subscriptions/{id}/deliveries/redrive', function: webhookFunctions.redriveDeadLetters },
  { method: 'POST', path: '/webhooks/subscriptions/{id}/deliveries/{deliveryId}/redrive', function: webhookFunctions.redriveDelivery },
];

/**
 * Every OMS event that belongs to a channel goes to the fan-out (events of no channel, such as stock
 * events, cannot have subscribers and are filtered out by the pattern, not by an invocation). The
 * target is the function itself: the fan-out only writes an event's deliveries, once per event id,
 * so the rule's own retries (for a day) are enough and safe, and a queue in between would add
 * nothing but latency to the first attempt. What the partner does is not the rule's concern: a
 * failed delivery is recorded and retried by the sweeper below, never by EventBridge.
 */
export const webhookFanOutRule: EventPatternRule = {
  name: 'fan-out-partner-webhooks',
  description: 'Every channel event of the OMS: one delivery per matching webhook subscription, attempted at once',
  eventPattern: { ...omsEventsPattern, detail: { metadata: { correlation: { channelId: [{ exists: true }] } } } },
  targets: [
    {
      id: 'fan-out',
      kind: 'function',
      function: webhookFunctions.fanOut,
      retryPolicy: { maximumRetryAttempts: 185, maximumEventAgeSeconds: 86_400 },
    },
  ],
};

export const webhookRetryRule: ScheduledRule = {
  name: 'retry-partner-webhooks',
  description: 'Every minute: webhook deliveries whose next attempt is due are attempted again',
  schedule: { rateMinutes: 1 },
  targets: [
    {
      id: 'sweeper',
      kind: 'function',
      function: webhookFunctions.deliverDue,
      // A missed tick is not worth retrying: the next one, a minute later, finds the same deliveries.
      retryPolicy: { maximumRetryAttempts: 0, maximumEventAgeSeconds: 60 },
    },
  ],
};

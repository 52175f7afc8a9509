/**
 * The partner webhooks part of the OpenAPI document: the subscription and delivery-log operations,
 * and (under OpenAPI 3.1 `webhooks`) the request partners receive. Built with the document's own
 * helpers, passed in by shared/contracts/openapi.ts.
 */
import type * as z from 'zod';
import {
  CreateWebhookSubscriptionRequestSchema,
  createWebhookSubscriptionExample,
  ListWebhookDeliveriesQuerySchema,
  RedriveResultSchema,
  UpdateWebhookSubscriptionRequestSchema,
  updateWebhookSubscriptionExample,
  WebhookDeliveryPageSchema,
  WebhookDeliveryPathSchema,
  WebhookDeliverySchema,
  WebhookPayloadSchema,
  WebhookSubscriptionListSchema,
  WebhookSubscriptionPathSchema,
  WebhookSubscriptionSchema,
  WebhookSubscriptionWithSecretSchema,
} from './webhooks';

interface OpenApiHelpers {
  readonly ref: (schema: z.ZodType) => { $ref: string };
  readonly json: (schema: z.ZodType, example?: unknown) => unknown;
  readonly problem: (description: string) => unknown;
  readonly commonProblems: Record<string, unknown>;
  readonly requiresScope: (scope: 'webhooks') => unknown;
  readonly exampleAnsweredWith: (status: number) => unknown;
  readonly parametersOf: (schema: z.ZodObject, location: 'query' | 'path') => { name: string }[];
}

/** A subscription id no fresh runtime has: operations on it document the 404 their example gets. */
const exampleIds = { id: 'whsub_01JQ0000000000000000000000', deliveryId: 'dlv_01JQ0000000000000000000000' };

export function webhookOpenApi({ ref, json, problem, commonProblems, requiresScope, exampleAnsweredWith, parametersOf }: OpenApiHelpers) {
  const withIds = (schema: z.ZodObject) =>
    parametersOf(schema, 'path').map((parameter) => ({ ...parameter, example: exampleIds[parameter.name as keyof typeof exampleIds] }));
  const notFound = { '404': problem('No such subscription for this channel (WEBHOOK_SUBSCRIPTION_NOT_FOUND); another channel’s is also reported as not found') };
  const scope = requiresScope('webhooks') as object;
  const secretAnswer = { ...(json(WebhookSubscriptionWithSecretSchema) as object), headers: { 'Cache-Control': { schema: { type: 'string' }, description: 'no-store: the answer holds a secret' } } };

  const paths = {
    '/webhooks/subscriptions': {
      post: {
        operationId: 'createWebhookSubscription',
        ...scope,
        summary: 'Subscribe an HTTPS endpoint to the channel’s events',
        description:
          'Deliveries are signed per Standard Webhooks (webhook-id, webhook-timestamp, webhook-signature) with the secret in this answer, which is shown only here. ' +
          'Only events of the API key’s channel are delivered. 2xx is delivered; other answers are retried with exponential backoff for at least 24 h ' +
          '(Retry-After is honoured), then dead-lettered; 410 Gone turns the subscription off. A channel has at most 20 subscriptions.',
        requestBody: { required: true, ...(json(CreateWebhookSubscriptionRequestSchema, createWebhookSubscriptionExample) as object) },
        responses: {
          '201': {
            description: 'Subscribed; the signing secret is in this answer only',
            ...secretAnswer,
            headers: { ...secretAnswer.headers, Location: { schema: { type: 'string' }, description: 'URL of the new subscription' } },
          },
          ...commonProblems,
          '413': problem('Body larger than 16 KB'),
          '415': problem('Body is not application/json'),
          '422': problem('A URL deliveries may not call: not https, credentials, a private or loopback address (WEBHOOK_URL_NOT_ALLOWED); or 20 subscriptions already (WEBHOOK_SUBSCRIPTION_LIMIT)'),
        },
      },
      get: {
        operationId: 'listWebhookSubscriptions',
        ...scope,
        summary: 'The channel’s webhook subscriptions, oldest first (never their secrets)',
        responses: { '200': { description: 'Every subscription of the channel', ...(json(WebhookSubscriptionListSchema) as object) }, ...commonProblems },
      },
    },
    '/webhooks/subscriptions/{id}': {
      get: {
        operationId: 'getWebhookSubscription',
        ...scope,
        summary: 'Read one subscription',
        parameters: withIds(WebhookSubscriptionPathSchema),
        responses: { '200': { description: 'The subscription', ...(json(WebhookSubscriptionSchema) as object) }, ...commonProblems, ...notFound },
      },
      patch: {
        operationId: 'updateWebhookSubscription',
        ...scope,
        summary: 'Change the URL, event types, description, or turn it off or on',
        description:
          'Turning it off cancels its pending deliveries (redrive them once it is on again); turning it on clears disabledReason and delivers new events.',
        ...(exampleAnsweredWith(404) as object),
        parameters: withIds(WebhookSubscriptionPathSchema),
        requestBody: { required: true, ...(json(UpdateWebhookSubscriptionRequestSchema, updateWebhookSubscriptionExample) as object) },
        responses: {
          '200': { description: 'The subscription as changed', ...(json(WebhookSubscriptionSchema) as object) },
          ...commonProblems,
          ...notFound,
          '409': problem('Changed by another request meanwhile (SUBSCRIPTION_CHANGED_CONCURRENTLY); read it and try again'),
          '413': problem('Body larger than 16 KB'),
          '415': problem('Body is not application/json'),
          '422': problem('A URL deliveries may not call (WEBHOOK_URL_NOT_ALLOWED)'),
        },
      },
      delete: {
        operationId: 'deleteWebhookSubscription',
        ...scope,
        summary: 'Unsubscribe: nothing more is sent, pending deliveries are cancelled',
        parameters: withIds(WebhookSubscriptionPathSchema),
        responses: { '204': { description: 'Deleted' }, ...commonProblems, ...notFound },
      },
    },
    '/webhooks/subscriptions/{id}/rotate-secret': {
      post: {
        operationId: 'rotateWebhookSecret',
        ...scope,
        summary: 'Issue a new signing secret; the old one keeps signing beside it for 24 h',
        description:
          'For 24 h every delivery carries two signatures (space-separated in webhook-signature), so the receiver can switch to the new secret without missing one. ' +
          'Only the last two secrets are ever valid: rotating again within 24 h drops the oldest at once.',
        parameters: withIds(WebhookSubscriptionPathSchema),
        responses: {
          '200': { description: 'The subscription with its new secret, shown only here', ...secretAnswer },
          ...commonProblems,
          ...notFound,
          '409': problem('Changed by another request meanwhile (SUBSCRIPTION_CHANGED_CONCURRENTLY)'),
        },
      },
    },
    '/webhooks/subscriptions/{id}/deliveries': {
      get: {
        operationId: 'listWebhookDeliveries',
        ...scope,
        summary: 'The delivery log: each delivery’s status, attempts, last answer and next attempt, newest first',
        description: 'Kept 30 days (a redrive keeps a delivery 30 more). status=DEAD_LETTERED lists the dead letters.',
        parameters: [...withIds(WebhookSubscriptionPathSchema), ...parametersOf(ListWebhookDeliveriesQuerySchema, 'query')],
        responses: { '200': { description: 'A page of deliveries', ...(json(WebhookDeliveryPageSchema) as object) }, ...commonProblems, ...notFound },
      },
    },
    '/webhooks/subscriptions/{id}/deliveries/redrive': {
      post: {
        operationId: 'redriveWebhookDeadLetters',
        ...scope,
        summary: 'Put every dead letter of the subscription back on the schedule (up to 500 a call)',
        description: 'They are due at once, with a new 24 h retry window; the retry sweeper sends them within a minute.',
        parameters: withIds(WebhookSubscriptionPathSchema),
        responses: {
          '202': { description: 'How many were redriven, and whether more are left', ...(json(RedriveResultSchema) as object) },
          ...commonProblems,
          ...notFound,
          '409': problem('The subscription is turned off (WEBHOOK_SUBSCRIPTION_INACTIVE)'),
        },
      },
    },
    '/webhooks/subscriptions/{id}/deliveries/{deliveryId}/redrive': {
      post: {
        operationId: 'redriveWebhookDelivery',
        ...scope,
        summary: 'Put one dead-lettered or cancelled delivery back on the schedule',
        description: 'Due at once, with a new 24 h retry window; the retry sweeper sends it within a minute, with the same webhook-id and body.',
        parameters: withIds(WebhookDeliveryPathSchema),
        responses: {
          '202': { description: 'The delivery, pending again', ...(json(WebhookDeliverySchema) as object) },
          ...commonProblems,
          '404': problem('No such subscription (WEBHOOK_SUBSCRIPTION_NOT_FOUND) or delivery (WEBHOOK_DELIVERY_NOT_FOUND)'),
          '409': problem('Pending or delivered (DELIVERY_NOT_REDRIVABLE), the subscription is off (WEBHOOK_SUBSCRIPTION_INACTIVE), or changed meanwhile (DELIVERY_CHANGED_CONCURRENTLY)'),
        },
      },
    },
  };

  const header = (name: string, description: string, pattern?: string) => ({ name, in: 'header', required: true, description, schema: { type: 'string', ...(pattern && { pattern }) } });
  const webhooks = {
    omsEvent: {
      post: {
        operationId: 'receiveOmsEvent',
        summary: 'What a subscribed endpoint receives: one event of its channel',
        description:
          'Verify with any Standard Webhooks library (e.g. npm standardwebhooks: new Webhook(secret).verify(rawBody, headers)) on the raw body, before parsing it. ' +
          'Use webhook-id to drop duplicates (retries and redrives repeat it). Answer 2xx within 10 s; answer 410 to turn the subscription off.',
        parameters: [
          header('webhook-id', 'The event id: the same on every retry of this event'),
          header('webhook-timestamp', 'Unix seconds of this attempt; refuse old ones (the libraries allow 5 minutes)', '^[0-9]+$'),
          header('webhook-signature', 'Space-separated v1,<base64 HMAC-SHA256 of "id.timestamp.body">, one per valid secret (two during a rotation)'),
        ],
        requestBody: { required: true, content: { 'application/json': { schema: ref(WebhookPayloadSchema) } } },
        responses: {
          '2XX': { description: 'Delivered' },
          '410': { description: 'Gone: the subscription is turned off and its pending deliveries cancelled' },
          default: { description: 'Any other answer, or none within 10 s: retried with backoff for at least 24 h (Retry-After honoured), then dead-lettered' },
        },
      },
    },
  };
  return { paths, webhooks };
}

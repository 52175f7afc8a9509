/**
 * Contracts of the partner webhooks API: subscriptions, their secrets, the delivery log and redrive,
 * and the payload partners receive. One source of truth for validation, types and the OpenAPI document.
 */
import * as z from 'zod';
import { deliveryStatuses } from '../domain/webhooks/delivery';
import { maxWebhookUrlLength } from '../domain/webhooks/endpoint-url';
import { allEventTypes, maxSubscriptionsPerChannel } from '../domain/webhooks/subscription';
import { EventCorrelationSchema } from '../events/define-event';
import { eventCatalog } from '../events/catalog';

/**
 * Sources whose events belong to one channel (detail.metadata.correlation.channelId). Stock events
 * describe the network every channel shares and name no channel, so no subscription could ever
 * receive them: they are not offered.
 */
const channelSources: readonly string[] = ['oms.orders'];

/** The detail-types a subscription may name: every channel event of the event catalog. */
export const webhookEventTypes = eventCatalog.filter((event) => channelSources.includes(event.source)).map((event) => event.detailType);

export const webhookApiLimits = { maxBodyBytes: 16 * 1024 } as const;

const eventTypes = z
  .array(z.enum([allEventTypes, ...webhookEventTypes] as [string, ...string[]]))
  .min(1)
  .max(webhookEventTypes.length + 1)
  .refine((types) => new Set(types).size === types.length, 'Each event type once')
  .refine((types) => !types.includes(allEventTypes) || types.length === 1, `"${allEventTypes}" stands alone: it already means every event type`)
  .describe(`Detail-types of the event catalog (${webhookEventTypes.join(', ')}), or ["*"] for every event of the channel, those added later included`);

const url = z
  .string()
  .min(1)
  .max(maxWebhookUrlLength)
  .describe('Where deliveries are POSTed: https only (on the local runtime also http://localhost, 127.0.0.1 or [::1]); private and loopback addresses are refused');

const description = z.string().min(1).max(500);

export const createWebhookSubscriptionExample = {
  url: 'https://erp.example.com/oms/webhooks',
  eventTypes: ['OrderPlaced', 'ShipmentShipped', 'OrderCancelled'],
  description: 'ERP order sync',
  // Created paused: the ERP is set up (and verifies with the secret) before deliveries start.
  active: false,
} as const;

export const CreateWebhookSubscriptionRequestSchema = z
  .strictObject({
    url,
    eventTypes,
    description: description.optional(),
    active: z.boolean().default(true).describe('Deliver from now on; false creates it paused'),
  })
  .meta({ id: 'CreateWebhookSubscriptionRequest', examples: [createWebhookSubscriptionExample] });
export type CreateWebhookSubscriptionRequest = z.infer<typeof CreateWebhookSubscriptionRequestSchema>;

export const updateWebhookSubscriptionExample = { active: true } as const;

export const UpdateWebhookSubscriptionRequestSchema = z
  .strictObject({ url: url.optional(), eventTypes: eventTypes.optional(), description: description.optional(), active: z.boolean().optional() })
  .refine((change) => Object.keys(change).length > 0, 'Name at least one of url, eventTypes, description, active')
  .meta({ id: 'UpdateWebhookSubscriptionRequest', examples: [updateWebhookSubscriptionExample, { eventTypes: ['*'] }] });
export type UpdateWebhookSubscriptionRequest = z.infer<typeof UpdateWebhookSubscriptionRequestSchema>;

export const WebhookSubscriptionPathSchema = z.strictObject({ id: z.string().min(1).max(64) });
export const WebhookDeliveryPathSchema = z.strictObject({ id: z.string().min(1).max(64), deliveryId: z.string().min(1).max(64) });

export const WebhookSubscriptionSchema = z
  .object({
    id: z.string(),
    url: z.string(),
    eventTypes: z.array(z.string()),
    description: z.string().optional(),
    active: z.boolean(),
    disabledReason: z.enum(['ENDPOINT_GONE']).optional().describe('Set when the OMS turned it off: the endpoint answered 410 Gone'),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    previousSecretValidUntil: z.iso.datetime().optional().describe('After a rotation: until then deliveries are signed with the previous secret too'),
  })
  .meta({ id: 'WebhookSubscription' });
export type WebhookSubscriptionView = z.infer<typeof WebhookSubscriptionSchema>;

export const WebhookSubscriptionWithSecretSchema = WebhookSubscriptionSchema.extend({
  secret: z
    .string()
    .regex(/^whsec_[A-Za-z0-9+/]+=*$/)
    .describe('The signing secret (whsec_ + base64 of 32 random bytes), shown only in this answer: verify deliveries with it'),
}).meta({ id: 'WebhookSubscriptionWithSecret' });
export type WebhookSubscriptionWithSecret = z.infer<typeof WebhookSubscriptionWithSecretSchema>;

export const WebhookSubscriptionListSchema = z
  .object({ items: z.array(WebhookSubscriptionSchema).describe(`Oldest first; a channel has at most ${maxSubscriptionsPerChannel}`) })
  .meta({ id: 'WebhookSubscriptionList' });

export const DeliveryAttemptSchema = z
  .object({
    at: z.iso.datetime(),
    durationMs: z.int().min(0),
    responseStatus: z.int().optional(),
    responseBody: z.string().optional().describe('The start of the answer (1,024 characters at most)'),
    error: z.string().optional().describe('Why there was no answer: timeout, connection refused, address refused, ...'),
  })
  .meta({ id: 'WebhookDeliveryAttempt' });

export const WebhookDeliverySchema = z
  .object({
    id: z.string(),
    subscriptionId: z.string(),
    eventId: z.string(),
    eventType: z.string(),
    webhookId: z.string().describe('The webhook-id header of every attempt'),
    status: z.enum(deliveryStatuses),
    attempts: z.int().min(0),
    redrives: z.int().min(0),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    nextAttemptAt: z.iso.datetime().optional().describe('While PENDING: the next attempt (or, during one, when it is given up as lost)'),
    lastAttempt: DeliveryAttemptSchema.optional(),
    deliveredAt: z.iso.datetime().optional(),
    deadLetteredAt: z.iso.datetime().optional(),
    cancelledAt: z.iso.datetime().optional(),
    cancelReason: z.enum(['ENDPOINT_GONE', 'SUBSCRIPTION_DISABLED', 'SUBSCRIPTION_DELETED']).optional(),
  })
  .meta({ id: 'WebhookDelivery' });
export type WebhookDeliveryView = z.infer<typeof WebhookDeliverySchema>;

export const ListWebhookDeliveriesQuerySchema = z.strictObject({
  status: z.enum(deliveryStatuses).optional().describe('Only deliveries in this state, e.g. DEAD_LETTERED'),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().max(2048).optional().describe('nextCursor from the previous page'),
});
export type ListWebhookDeliveriesQuery = z.infer<typeof ListWebhookDeliveriesQuerySchema>;

export const WebhookDeliveryPageSchema = z
  .object({ items: z.array(WebhookDeliverySchema), nextCursor: z.string().optional().describe('Absent on the last page') })
  .meta({ id: 'WebhookDeliveryPage' });

export const RedriveResultSchema = z
  .object({
    redriven: z.int().min(0).describe('Dead letters put back on the schedule, due now'),
    more: z.boolean().describe('More dead letters are left: call again'),
  })
  .meta({ id: 'WebhookRedriveResult' });

export const WebhookPayloadSchema = z
  .object({
    id: z.string().describe('The event id; also the webhook-id header (unless it contains characters the header cannot carry)'),
    type: z.string().describe('The event’s detail-type, e.g. OrderPlaced'),
    source: z.string(),
    version: z.int().min(1),
    timestamp: z.iso.datetime().describe('When the event happened; the attempt’s own time is webhook-timestamp'),
    correlation: EventCorrelationSchema,
    data: z.unknown().describe('The event’s data, as in the event catalog'),
  })
  .meta({ id: 'WebhookPayload' });

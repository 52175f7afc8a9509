/**
 * The OpenAPI 3.1 document, generated from the zod contracts: nothing here restates a field.
 * Request examples are real, working requests against a freshly started local runtime.
 */
import { CreateReturnRequestSchema, createReturnExample, ReturnReceiptResultSchema, ReturnReceiptSchema, returnReceiptExample, ReturnSchema } from './returns';
import { AddNoteRequestSchema, AppeasementRequestSchema, EditOrderRequestSchema, editOrderExample, EscalationRequestSchema, ResendNotificationRequestSchema, ResendResultSchema } from './order-care';
import * as z from 'zod';
import {
  CreateLocationRequestSchema,
  createLocationExample,
  LocationIdPathSchema,
  LocationInputSchema,
  LocationListSchema,
  LocationSchema,
  replaceLocationExample,
  SetStockLevelRequestSchema,
  setStockLevelExample,
  StockAdjustmentRequestSchema,
  stockAdjustmentExample,
  stockImportCsvExample,
  stockImportJsonExample,
  stockImportLimits,
  StockImportRequestSchema,
  StockImportResultSchema,
  StockLevelPathSchema,
  StockLevelSchema,
  StockListSchema,
  StockQuerySchema,
} from './inventory';
import {
  ListOrdersQuerySchema,
  OrderIdPathSchema,
  OrderPageSchema,
  OrderSchema,
  PlaceOrderRequestSchema,
  placeOrderExample,
} from './order';
import { AvailabilityQuerySchema, AvailabilitySchema, CartAvailabilityRequestSchema, cartAvailabilityExample } from './availability';
import {
  CancelOrderRequestSchema,
  cancelOrderExample,
  CarrierEventSchema,
  carrierEventExample,
  OrderTimelineSchema,
  PartnerEventResultSchema,
  PaymentEventResultSchema,
  PaymentEventSchema,
  paymentEventExample,
  ReviewOrderRequestSchema,
  reviewOrderExample,
  WmsEventSchema,
  wmsEventExample,
} from './lifecycle-api';
import { ProblemSchema } from './problem';
import { reportOpenApiPaths } from './reports';
import { opsOpenApiPaths } from './ops';
import { opsConsoleOpenApiPaths } from './ops-console';
import { webhookOpenApi } from './webhooks-openapi';
import type { ApiScope } from '../ports/channel-repository';
import { BigCommerceOrderWebhookSchema } from '../channels/bigcommerce/bigcommerce-order';
import { ShopifyOrderWebhookSchema } from '../channels/shopify/shopify-order';
import { WooCommerceOrderWebhookSchema } from '../channels/woocommerce/woocommerce-order';
import { bigCommerceOrderWebhookExample, shopifyOrderWebhookExample, wooCommerceOrderWebhookExample } from '../channels/webhook-examples';

const ref = (schema: z.ZodType) => {
  const id = z.globalRegistry.get(schema)?.id;
  if (!id) throw new Error('Only schemas with a meta id can be referenced');
  return { $ref: `#/components/schemas/${id}` };
};

const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: ref(ProblemSchema) } },
});

const commonProblems = {
  '400': problem('The request does not match the contract (VALIDATION_FAILED, MALFORMED_JSON, ...)'),
  '401': problem('Missing or invalid x-api-key'),
  '403': problem("The API key lacks this operation's scope (INSUFFICIENT_SCOPE)"),
  '500': problem('A fault on our side; safe to retry'),
};

/** The scope an operation needs, as OpenAPI 3.1 lets an apiKey requirement name roles. */
/** The security requirement of an operation: a key with any one of the scopes (OpenAPI lists alternatives). */
const requiresScope = (...scopes: ApiScope[]) => ({ security: scopes.map((scope) => ({ channelApiKey: [scope] })) });

/**
 * The request example of an operation that acts on an order in a given state: a freshly started
 * runtime has no such order, so the example is accepted by the contract and answered with this
 * status (the OpenAPI test checks exactly that).
 */
const exampleAnsweredWith = (status: number) => ({ 'x-example-status': status });

const exampleOrderId = { id: 'ord_01' };

/**
 * An inbound order webhook of a commerce platform: authenticated by the platform's signature (or
 * token), not by an API key; the body is the platform's own order format, read loosely (only the
 * fields the OMS maps are described, any other is accepted).
 */
const channelWebhook = ({ operationId, platform, security, schema, example, description }: {
  operationId: string;
  platform: string;
  security: string;
  schema: z.ZodType;
  example: unknown;
  description: string;
}) => ({
  post: {
    operationId,
    summary: `Capture an order from a ${platform} webhook`,
    description:
      `${description} The order is mapped to the canonical order (money to integer minor units without floating point, ids kept exact) ` +
      'and captured once per platform order id in the channel of the connection: a redelivery of the same webhook answers 200 with the order already captured.',
    security: [{ [security]: [] }],
    requestBody: { required: true, content: { 'application/json': { schema: ref(schema), example } } },
    responses: {
      '201': { description: 'Order captured', headers: { Location: { schema: { type: 'string' }, description: 'URL of the new order' } }, content: { 'application/json': { schema: ref(OrderSchema) } } },
      '200': { description: 'A redelivery: the order was already captured and is returned unchanged', content: { 'application/json': { schema: ref(OrderSchema) } } },
      '400': problem('The body is not JSON (MALFORMED_JSON) or not this platform’s order format (VALIDATION_FAILED); errors[].path names the field'),
      '401': problem('Signature or token missing (WEBHOOK_SIGNATURE_MISSING) or not matching the body (WEBHOOK_SIGNATURE_INVALID); nothing is written'),
      '409': problem('The platform order id was already captured with different content (DUPLICATE_CHANNEL_ORDER_REF)'),
      '413': problem('Body larger than 1 MB'),
      '415': problem('Body is not application/json'),
      '422': problem(
        'The order cannot be captured as a canonical order (CHANNEL_ORDER_NOT_CAPTURABLE: no shipping address, a charge the OMS has no field for, an amount finer than the currency, ...), ' +
          'another topic (UNSUPPORTED_WEBHOOK_TOPIC), or a total that does not add up (ORDER_RULES_VIOLATED); errors[].path names the platform field',
      ),
      '500': problem('A fault on our side; the platform may redeliver'),
    },
  },
});

const json = (schema: z.ZodType, example?: unknown) => ({
  content: { 'application/json': { schema: ref(schema), ...(example !== undefined && { example }) } },
});

const etag = (what: string) => ({ ETag: { schema: { type: 'string' }, description: `The ${what}'s version, for If-Match on PUT` } });

/** Documents a parameter's example: the OpenAPI test builds each example request from them. */
const withExamples = (parameters: ReturnType<typeof parametersOf>, examples: Record<string, string>) =>
  parameters.map((parameter) => (examples[parameter.name] === undefined ? parameter : { ...parameter, example: examples[parameter.name] }));

function parametersOf(schema: z.ZodObject, location: 'query' | 'path') {
  return Object.entries(schema.shape).map(([name, field]) => {
    const fieldSchema = field as z.ZodType;
    const jsonSchema = z.toJSONSchema(fieldSchema, { io: 'input', target: 'draft-2020-12', unrepresentable: 'any' });
    delete jsonSchema.$schema;
    const { description, ...schemaWithoutDescription } = jsonSchema as { description?: string };
    return {
      name,
      in: location,
      required: location === 'path' || !fieldSchema.safeParse(undefined).success,
      ...(description && { description }),
      schema: schemaWithoutDescription,
    };
  });
}

/** The customer-service operations on an order: each names the acting user and is audited in the order's activity. */
function customerServicePaths() {
  const parameters = [
    ...withExamples(parametersOf(OrderIdPathSchema, 'path'), exampleOrderId),
    {
      name: 'X-Acting-User',
      in: 'header',
      required: true,
      description: 'The person acting (a helpdesk shares one key among its agents); recorded with the action',
      schema: { type: 'string', maxLength: 100 },
      example: 'jane.doe@example.com',
    },
  ];
  const operation = (operationId: string, summary: string, description: string, body: z.ZodType, example: unknown, answer: Record<string, unknown>, unprocessable?: string) => ({
    operationId,
    ...requiresScope('customer-service'),
    ...exampleAnsweredWith(404),
    summary,
    description: `${description} Customer-service keys act on every channel's orders; the action is in the order's activity and timeline with the acting user, their role and the reason.`,
    parameters,
    requestBody: { required: true, ...json(body, example) },
    responses: {
      ...answer,
      ...commonProblems,
      '400': problem('The request does not match the contract, or X-Acting-User is missing (VALIDATION_FAILED, errors[].path names it)'),
      '404': problem('No such order (ORDER_NOT_FOUND)'),
      ...(unprocessable && { '422': problem(unprocessable) }),
    },
  });
  const orderAnswer = (description: string, status = '200') => ({ [status]: { description, headers: etag('order'), ...json(OrderSchema) } });
  return {
    '/orders/{id}/notes': {
      post: operation('addOrderNote', 'Add a note to an order', 'The note goes to the order activity.', AddNoteRequestSchema, { text: 'Customer asked for a call before delivery' }, orderAnswer('The order with the note')),
    },
    '/orders/{id}/escalation': {
      put: operation(
        'setOrderEscalation',
        'Escalate an order to ops, or clear the escalation',
        'An escalated order carries `escalation` and appears in the ops escalation list (OrderEscalationChanged event). Setting what is already set changes nothing.',
        EscalationRequestSchema,
        { escalated: true, reason: 'Customer threatens a chargeback' },
        orderAnswer('The order as escalated (or cleared)'),
      ),
    },
    '/orders/{id}/appeasements': {
      post: operation(
        'grantAppeasement',
        'Grant a goodwill refund or store credit',
        'Refunds to the original payment (split over the captures) or grants store credit. Limited per order by the role (customer-service: agent, customer-service:lead: lead; OMS_APPEASEMENT_LIMITS) ' +
          'and by what the customer paid and has not had back. Events: AppeasementGranted, and PaymentRefunded or StoreCreditIssued.',
        AppeasementRequestSchema,
        { amount: { amount: 500, currency: 'EUR' }, method: 'STORE_CREDIT', reason: 'Parcel arrived two days late' },
        orderAnswer('The order with the appeasement in its payments and money summary', '201'),
        'Over the role’s limit (APPEASEMENT_OVER_LIMIT), above what was captured and not given back (REFUND_EXCEEDS_CAPTURED), or another currency (CURRENCY_MISMATCH)',
      ),
    },
    '/orders/{id}/notifications/resend': {
      post: operation(
        'resendCustomerNotification',
        'Send a customer message again, exactly as it went out',
        'notificationId is `<eventId>#email` or `<eventId>#sms` (as the outbox and the notification log carry it). The message is sent under a new id, so both stay in the log.',
        ResendNotificationRequestSchema,
        { notificationId: 'ord_01:ShipmentShipped:ord_01-S1#email', reason: 'Customer did not get the email' },
        { '201': { description: 'The new message id and how the send went (sent, failed, uncertain, retry)', ...json(ResendResultSchema) } },
      ),
    },
  };
}

export function buildOpenApiDocument() {
  const webhooks = webhookOpenApi({ ref, json, problem, commonProblems, requiresScope, exampleAnsweredWith, parametersOf });
  const { schemas } = z.toJSONSchema(z.globalRegistry, {
    target: 'draft-2020-12',
    io: 'input',
    uri: (id) => `#/components/schemas/${id}`,
  });
  for (const schema of Object.values(schemas)) delete schema.$schema;

  return {
    openapi: '3.1.0',
    info: {
      title: 'Serverless OMS API',
      version: '0.1.0',
      description:
        'Order capture, order management and inventory. Authenticate with a channel API key in x-api-key; each operation names ' +
        'the scope its key needs (orders, inventory:read, inventory:write; ops for reviewers; integrations:wms, integrations:carrier and integrations:payments for partners), ' +
        'a key without it is answered 403; webhooks manages the channel’s partner webhook subscriptions. ' +
        'Errors are RFC 9457 problem+json with a machine-readable code and field paths.',
    },
    servers: [{ url: '/' }],
    security: [{ channelApiKey: [] }],
    paths: {
      '/orders': {
        post: {
          operationId: 'placeOrder',
          ...requiresScope('orders'),
          summary: 'Capture an order',
          description:
            'Totals are computed by the OMS; an expectedTotal that disagrees is rejected. Retries are safe: send an ' +
            'Idempotency-Key, and an order resent with the same channelOrderRef and content returns the existing order (200).',
          parameters: [
            {
              name: 'Idempotency-Key',
              in: 'header',
              required: false,
              description: 'Client-chosen key; a retry with the same key and body returns the first response',
              schema: { type: 'string', minLength: 1, maxLength: 255 },
            },
          ],
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: ref(PlaceOrderRequestSchema),
                example: placeOrderExample,
              },
            },
          },
          responses: {
            '201': {
              description: 'Order captured',
              headers: { Location: { schema: { type: 'string' }, description: 'URL of the new order' } },
              content: { 'application/json': { schema: ref(OrderSchema) } },
            },
            '200': {
              description: 'The same order had already been captured; it is returned unchanged',
              content: { 'application/json': { schema: ref(OrderSchema) } },
            },
            ...commonProblems,
            '409': problem('channelOrderRef already used by a different order, or the same Idempotency-Key is in flight'),
            '413': problem('Body larger than 256 KB'),
            '415': problem('Body is not application/json'),
            '422': problem('A business rule is broken (currency mismatch, total mismatch, duplicate SKU, ...)'),
          },
        },
        get: {
          operationId: 'listOrders',
          ...requiresScope('orders'),
          summary: "List the channel's orders, newest first",
          parameters: parametersOf(ListOrdersQuerySchema, 'query'),
          responses: {
            '200': { description: 'A page of orders', content: { 'application/json': { schema: ref(OrderPageSchema) } } },
            ...commonProblems,
          },
        },
      },
      '/orders/{id}': {
        get: {
          operationId: 'getOrder',
          ...requiresScope('orders', 'ops', 'customer-service'),
          summary: 'Read one order',
          description: 'A channel key reads its own channel’s orders; an ops or customer-service key reads any channel’s.',
          parameters: parametersOf(OrderIdPathSchema, 'path'),
          responses: {
            '200': {
              description: 'The order',
              headers: { ETag: { schema: { type: 'string' }, description: 'The order version, for If-Match on edits' } },
              content: { 'application/json': { schema: ref(OrderSchema) } },
            },
            ...commonProblems,
            '404': problem("No such order for this channel (another channel's order is also reported as not found)"),
          },
        },
        patch: {
          operationId: 'editOrder',
          ...requiresScope('orders'),
          ...exampleAnsweredWith(404),
          summary: 'Edit an order before it ships: address, quantities, lines',
          description:
            'Re-prices the order and authorizes only the difference when it costs more (a cheaper order releases the rest when it completes). ' +
            'Shipments the edit affects (carrying a changed line; all of them for a new address) are taken out of the plan and their lines sourced again; ' +
            'others go on. Refused once an affected shipment is packed (409 SHIPMENT_ALREADY_PACKED) or anything was charged. ' +
            'Optimistic locking: send If-Match with the ETag you read; if the order changed since, nothing is written (412). Every edit is in the order activity and timeline.',
          parameters: [
            ...withExamples(parametersOf(OrderIdPathSchema, 'path'), exampleOrderId),
            { name: 'If-Match', in: 'header', required: true, description: 'The ETag of the order version being edited, e.g. "7"', schema: { type: 'string', pattern: '^"[0-9]+"$' }, example: '"7"' },
          ],
          requestBody: { required: true, ...json(EditOrderRequestSchema, editOrderExample) },
          responses: {
            '200': { description: 'The edited order, at its new version', headers: etag('order'), ...json(OrderSchema) },
            ...commonProblems,
            '404': problem("No such order for this channel (another channel's order is also reported as not found)"),
            '409': problem(
              'An affected shipment is packed (SHIPMENT_ALREADY_PACKED), the order is shipping, charged or closed (ORDER_NOT_EDITABLE), being cancelled (ORDER_BEING_CANCELLED), or being allocated right now (ORDER_BEING_ALLOCATED, retry)',
            ),
            '412': problem('The order is no longer at the If-Match version (VERSION_MISMATCH); read it again'),
            '413': problem('Body larger than 256 KB'),
            '415': problem('Body is not application/json'),
            '422': problem('Unknown line (UNKNOWN_LINE), quantity below what is cancelled (BELOW_CANCELLED), currency, total mismatch, nothing left (EDIT_EMPTIES_ORDER), or the payment declined the difference (PAYMENT_DECLINED)'),
            '428': problem('If-Match is missing (PRECONDITION_REQUIRED)'),
          },
        },
      },
      '/orders/{id}/cancel': {
        post: {
          operationId: 'cancelOrder',
          ...requiresScope('orders'),
          summary: 'Cancel the order, or whole lines of it, before they are packed',
          description:
            'Without lineIds the whole order is cancelled: the answer is 202 while the OMS releases the stock and voids or refunds the payment; ' +
            'the order then ends as CANCELLED (OrderCancelled event). With lineIds those lines are cancelled at once (200) and the rest goes on; ' +
            'cancelling every line left cancels the order. Goods that are packed or further on cannot be cancelled, only returned. ' +
            'Cancelling an order that is already CANCELLED answers 200 and changes nothing.',
          ...exampleAnsweredWith(404),
          parameters: withExamples(parametersOf(OrderIdPathSchema, 'path'), exampleOrderId),
          requestBody: { required: true, ...json(CancelOrderRequestSchema, cancelOrderExample) },
          responses: {
            '202': { description: 'The cancellation is under way; the order as it is now, with its cancellation request', ...json(OrderSchema) },
            '200': { description: 'The lines were cancelled, or the order already was', ...json(OrderSchema) },
            ...commonProblems,
            '404': problem("No such order for this channel (another channel's order is also reported as not found)"),
            '409': problem('Already packed or shipped, return it instead (ORDER_ALREADY_SHIPPED), or the order has ended (ORDER_CLOSED)'),
            '413': problem('Body larger than 64 KB'),
            '415': problem('Body is not application/json'),
            '422': problem('lineIds names a line the order does not have (UNKNOWN_LINE)'),
          },
        },
      },
      '/orders/{id}/timeline': {
        get: {
          operationId: 'getOrderTimeline',
          ...requiresScope('orders', 'ops', 'customer-service'),
          summary: 'Everything that happened to an order, oldest first',
          description: 'Status changes of the order and of each shipment, payment operations, and the steps of its lifecycle execution, merged by time.',
          parameters: withExamples(parametersOf(OrderIdPathSchema, 'path'), exampleOrderId),
          responses: {
            '200': { description: 'The timeline', ...json(OrderTimelineSchema) },
            ...commonProblems,
            '404': problem("No such order for this channel (another channel's order is also reported as not found)"),
          },
        },
      },
      '/ops/orders/{id}/review': {
        post: {
          operationId: 'reviewOrder',
          ...requiresScope('ops'),
          summary: 'Approve or reject an order the risk screen held',
          description:
            'For any channel’s order. Approve: the order is allocated next. Reject: it ends as REJECTED (OrderRejected event); nothing was held or charged. ' +
            'Without a decision in time the channel’s default applies.',
          ...exampleAnsweredWith(404),
          parameters: withExamples(parametersOf(OrderIdPathSchema, 'path'), exampleOrderId),
          requestBody: { required: true, ...json(ReviewOrderRequestSchema, reviewOrderExample) },
          responses: {
            '200': { description: 'The order with the decision recorded', ...json(OrderSchema) },
            ...commonProblems,
            '404': problem('No such order (ORDER_NOT_FOUND)'),
            '409': problem('The order is not on hold for a review (NOT_AWAITING_REVIEW), or the review already timed out (TASK_NO_LONGER_WAITING)'),
            '413': problem('Body larger than 64 KB'),
            '415': problem('Body is not application/json'),
          },
        },
      },
      '/orders/{id}/returns': {
        post: {
          operationId: 'createReturn',
          ...requiresScope('orders'),
          summary: 'Start a return (RMA) of delivered units',
          description:
            'Checks the lines against what was delivered or picked up minus what other returns cover, the channel’s return window per category and final-sale rules; ' +
            'then records the return on the order and starts its order-return execution (named by the return id): a return label for MAIL, the wait for the goods ' +
            'until expiresAt, a refund (original payment or store credit) less fees, restocking per disposition, and an exchange’s replacement order. ' +
            'Events: ReturnRequested, ReturnLabelIssued, ReturnReceived, ReturnRefunded, ReturnCompleted or ReturnExpired.',
          ...exampleAnsweredWith(404),
          parameters: withExamples(parametersOf(OrderIdPathSchema, 'path'), exampleOrderId),
          requestBody: { required: true, ...json(CreateReturnRequestSchema, createReturnExample) },
          responses: {
            '201': { description: 'The return, REQUESTED; follow it on GET /orders/{id} (returns)', ...json(ReturnSchema) },
            ...commonProblems,
            '404': problem("No such order for this channel (another channel's order is also reported as not found)"),
            '409': problem('The order changed concurrently too often (retry)'),
            '413': problem('Body larger than 64 KB'),
            '415': problem('Body is not application/json'),
            '422': problem(
              'A line the order does not have (UNKNOWN_LINE), more than was delivered and not yet returned (RETURN_EXCEEDS_DELIVERED), not delivered yet (NOT_DELIVERED), ' +
                'outside the window (RETURN_WINDOW_CLOSED), final sale (FINAL_SALE), a STORE return without a store (STORE_REQUIRED, UNKNOWN_STORE); several at once: RETURN_NOT_ACCEPTED with each in errors',
            ),
          },
        },
      },
      '/integrations/returns/receipts': {
        post: {
          operationId: 'receiveReturn',
          ...requiresScope('integrations:wms'),
          summary: 'The receiving warehouse or store reports a return received and inspected',
          description: 'What arrived of each line and its disposition (RESTOCK, REFURBISH, DISPOSE); the return is then refunded and restocked. Each eventId is applied once.',
          ...exampleAnsweredWith(404),
          requestBody: { required: true, ...json(ReturnReceiptSchema, returnReceiptExample) },
          responses: {
            '200': { description: 'Applied (or applied before, for a resent eventId)', ...json(ReturnReceiptResultSchema) },
            ...commonProblems,
            '404': problem('No such return (RETURN_NOT_FOUND)'),
            '409': problem('The return does not wait for goods yet, a second later it will (RETURN_NOT_YET_AWAITING_RECEIPT), or no longer: expired or already received (TASK_NO_LONGER_WAITING), or the eventId was used for another event (EVENT_ID_REUSED)'),
            '413': problem('Body larger than 64 KB'),
            '415': problem('Body is not application/json'),
            '422': problem('Lines or quantities the return did not ask for, or another location than the receiving one (RECEIPT_DOES_NOT_MATCH_RETURN)'),
          },
        },
      },
      '/integrations/wms/events': {
        post: {
          operationId: 'receiveWmsEvent',
          ...requiresScope('integrations:wms'),
          summary: 'A warehouse or store reports on a shipment it was asked to fulfil',
          description:
            'PICKING keeps the request alive; PACKED, PARTIALLY_PACKED and REJECTED report the pack result (rejected lines are sourced elsewhere); ' +
            'COLLECTED reports a click-and-collect pickup. Each eventId is applied once: resending it answers the first answer again.',
          ...exampleAnsweredWith(404),
          requestBody: { required: true, ...json(WmsEventSchema, wmsEventExample) },
          responses: {
            '200': { description: 'Applied (or applied before, for a resent eventId)', ...json(PartnerEventResultSchema) },
            ...commonProblems,
            '404': problem('No such shipment (SHIPMENT_NOT_FOUND)'),
            '409': problem(
              'The shipment is past this step (STALE_CALLBACK, ILLEGAL_SHIPMENT_TRANSITION), the OMS stopped waiting for it (TASK_NO_LONGER_WAITING), ' +
                'the order was cancelled (ORDER_CANCELLED), or the eventId was used for another event (EVENT_ID_REUSED)',
            ),
            '413': problem('Body larger than 64 KB'),
            '415': problem('Body is not application/json'),
            '422': problem('Lines that are not the shipment’s (UNKNOWN_LINE), or lists that contradict the type (INCONSISTENT_PACK_RESULT)'),
          },
        },
      },
      '/integrations/carrier/events': {
        post: {
          operationId: 'receiveCarrierEvent',
          ...requiresScope('integrations:carrier'),
          summary: 'A carrier reports a tracking scan of a shipment',
          description:
            'Moves the shipment (EXCEPTION is DELIVERY_EXCEPTION; a transfer delivered to its store becomes READY_FOR_PICKUP); the order is DELIVERED ' +
            'once every shipment is. Repeated scans change nothing. Each eventId is applied once: resending it answers the first answer again.',
          ...exampleAnsweredWith(404),
          requestBody: { required: true, ...json(CarrierEventSchema, carrierEventExample) },
          responses: {
            '200': { description: 'Applied (or applied before, for a resent eventId)', ...json(PartnerEventResultSchema) },
            ...commonProblems,
            '404': problem('No such shipment (SHIPMENT_NOT_FOUND)'),
            '409': problem('The shipment cannot take this status (ILLEGAL_SHIPMENT_TRANSITION), or the eventId was used for another event (EVENT_ID_REUSED)'),
            '413': problem('Body larger than 64 KB'),
            '415': problem('Body is not application/json'),
            '422': problem('The tracking number is not the shipment’s (TRACKING_NUMBER_MISMATCH)'),
          },
        },
      },
      '/integrations/payments/events': {
        post: {
          operationId: 'receivePaymentEvent',
          ...requiresScope('integrations:payments'),
          summary: 'The payment provider reports how a customer authentication (3-D Secure) ended',
          description:
            'Wakes an order that waits in PAYMENT_ACTION_REQUIRED; the OMS then asks the provider for the authorization itself, so this event alone ' +
            'authorizes nothing. Each eventId is applied once: resending it answers the first answer again.',
          ...exampleAnsweredWith(404),
          requestBody: { required: true, ...json(PaymentEventSchema, paymentEventExample) },
          responses: {
            '200': { description: 'The order resumed (or had, for a resent eventId)', ...json(PaymentEventResultSchema) },
            ...commonProblems,
            '404': problem('No such order (ORDER_NOT_FOUND)'),
            '409': problem('The order does not wait for this authentication (STALE_CALLBACK, TASK_NO_LONGER_WAITING), or the eventId was used for another event (EVENT_ID_REUSED)'),
            '413': problem('Body larger than 64 KB'),
            '415': problem('Body is not application/json'),
          },
        },
      },
      '/locations': {
        post: {
          operationId: 'createLocation',
          ...requiresScope('inventory:write'),
          summary: 'Add a warehouse, store or drop-ship vendor to the network',
          description: 'Locations are shared by every channel of the network. The id is chosen by the caller and can be taken once.',
          requestBody: { required: true, ...json(CreateLocationRequestSchema, createLocationExample) },
          responses: {
            '201': {
              description: 'Location created',
              headers: { Location: { schema: { type: 'string' }, description: 'URL of the new location' }, ...etag('location') },
              ...json(LocationSchema),
            },
            ...commonProblems,
            '409': problem('A location with this id exists (LOCATION_EXISTS)'),
            '413': problem('Body larger than 16 KB'),
            '415': problem('Body is not application/json'),
          },
        },
        get: {
          operationId: 'listLocations',
          ...requiresScope('inventory:read'),
          summary: 'List every location of the network',
          responses: { '200': { description: 'Every location, ordered by id', ...json(LocationListSchema) }, ...commonProblems },
        },
      },
      '/locations/{id}': {
        get: {
          operationId: 'getLocation',
          ...requiresScope('inventory:read'),
          summary: 'Read one location',
          parameters: withExamples(parametersOf(LocationIdPathSchema, 'path'), { id: replaceLocationExample.id }),
          responses: {
            '200': { description: 'The location', headers: etag('location'), ...json(LocationSchema) },
            ...commonProblems,
            '404': problem('No such location (LOCATION_NOT_FOUND)'),
          },
        },
        put: {
          operationId: 'replaceLocation',
          ...requiresScope('inventory:write'),
          summary: "Replace a location's settings",
          description:
            'Replaces every setting (fields left out take their defaults). Optimistic locking: send If-Match with the ETag you read; ' +
            'if the location changed since, nothing is written (412).',
          parameters: [
            ...withExamples(parametersOf(LocationIdPathSchema, 'path'), { id: replaceLocationExample.id }),
            {
              name: 'If-Match',
              in: 'header',
              required: true,
              description: 'The ETag of the version being replaced, e.g. "3"',
              schema: { type: 'string', pattern: '^"[0-9]+"$' },
              example: replaceLocationExample.ifMatch,
            },
          ],
          requestBody: { required: true, ...json(LocationInputSchema, replaceLocationExample.body) },
          responses: {
            '200': { description: 'The location as replaced, at its new version', headers: etag('location'), ...json(LocationSchema) },
            ...commonProblems,
            '404': problem('No such location (LOCATION_NOT_FOUND)'),
            '412': problem('The location is no longer at the If-Match version (VERSION_MISMATCH); read it again'),
            '413': problem('Body larger than 16 KB'),
            '415': problem('Body is not application/json'),
            '428': problem('If-Match is missing (PRECONDITION_REQUIRED)'),
          },
        },
      },
      '/availability': {
        get: {
          operationId: 'getAvailability',
          ...requiresScope('orders'),
          summary: 'Can this SKU be promised, per delivery method, and by when',
          description:
            'For home and express delivery give destination and country; for click-and-collect and ship-to-store a pickupStoreId. ' +
            'Each method answers whether it can be promised, from where, the promise date (cut-off, processing days, transit by distance, ' +
            'carrier calendar and holidays), or a backorder date from incoming stock. Never promises units a reservation has taken.',
          parameters: withExamples(parametersOf(AvailabilityQuerySchema, 'query'), {
            sku: 'HOODIE-GRY-L',
            quantity: '1',
            destination: '52.52,13.405',
            country: 'DE',
            pickupStoreId: 'store-berlin-mitte',
          }),
          responses: {
            '200': { description: 'Availability per delivery method', ...json(AvailabilitySchema) },
            ...commonProblems,
            '422': problem('No destination and no pickup store (DESTINATION_REQUIRED), or not a pickup store (UNKNOWN_PICKUP_STORE)'),
          },
        },
      },
      '/availability/cart': {
        post: {
          operationId: 'checkCartAvailability',
          ...requiresScope('orders'),
          summary: 'Can this whole cart be promised, per delivery method: fewest shipments, then date, then cost',
          requestBody: { required: true, ...json(CartAvailabilityRequestSchema, cartAvailabilityExample) },
          responses: {
            '200': { description: 'Availability per delivery method, with the planned shipments', ...json(AvailabilitySchema) },
            ...commonProblems,
            '422': problem('No destination and no pickup store (DESTINATION_REQUIRED), or not a pickup store (UNKNOWN_PICKUP_STORE)'),
          },
        },
      },
      '/stock': {
        get: {
          operationId: 'getStock',
          ...requiresScope('inventory:read'),
          summary: "A SKU's stock at every location, or at one",
          description: 'available = onHand − reserved − safetyStock, never below zero. A SKU stocked nowhere answers an empty list.',
          parameters: parametersOf(StockQuerySchema, 'query'),
          responses: {
            '200': { description: 'The stock levels', ...json(StockListSchema) },
            ...commonProblems,
            '422': problem('locationId names no location of the network (UNKNOWN_LOCATION)'),
          },
        },
      },
      '/stock/adjustments': {
        post: {
          operationId: 'adjustStock',
          ...requiresScope('inventory:write'),
          summary: 'Add or remove units of on-hand stock (receipt, damage, found, lost)',
          description:
            'Applied once per adjustmentId: resending it with the same SKU, location and delta answers 200 with the current level and changes nothing. ' +
            'Units that are reserved for orders or held as safety stock cannot be removed. A refused adjustment writes nothing.',
          requestBody: { required: true, ...json(StockAdjustmentRequestSchema, stockAdjustmentExample) },
          responses: {
            '201': { description: 'Adjustment applied; the stock level after it', ...json(StockLevelSchema) },
            '200': { description: 'This adjustmentId was already applied with the same numbers; the current stock level', ...json(StockLevelSchema) },
            ...commonProblems,
            '409': problem(
              'adjustmentId already applied with other numbers (ADJUSTMENT_REPLAYED_WITH_DIFFERENT_VALUES), or the removal would take reserved or safety-stock units (INSUFFICIENT_AVAILABLE_STOCK)',
            ),
            '413': problem('Body larger than 16 KB'),
            '415': problem('Body is not application/json'),
            '422': problem('locationId names no location of the network (UNKNOWN_LOCATION)'),
          },
        },
      },
      '/stock/import': {
        post: {
          operationId: 'importStock',
          ...requiresScope('inventory:write'),
          summary: 'Apply a stock count file (JSON or CSV)',
          description:
            `Up to ${stockImportLimits.maxRows} rows and 1 MB. Each valid row sets the counted on-hand of a SKU at a location (reservations are kept; ` +
            'safetyStock and lowStockThreshold, when left out, keep their values). Rows that are not valid (malformed or negative numbers, ' +
            'unknown location, missing columns, the same SKU and location twice) are reported with their line and change nothing; the others are applied. ' +
            'CSV is RFC 4180 with the header sku,locationId,onHand,safetyStock,lowStockThreshold (the last two optional); its lines are physical ' +
            'lines, the header being line 1. JSON rows are numbered by their index. Counts are absolute, so sending a file again is harmless.',
          requestBody: {
            required: true,
            content: {
              'application/json': { schema: ref(StockImportRequestSchema), example: stockImportJsonExample },
              'text/csv': { schema: { type: 'string' }, example: stockImportCsvExample },
            },
          },
          responses: {
            '200': { description: 'How many rows were applied, and every rejected row with its reasons', ...json(StockImportResultSchema) },
            ...commonProblems,
            '400': problem(
              'The body cannot be read as a whole: MALFORMED_CSV (unterminated quote, wrong header, ...; the line is in errors[].path), ' +
                'MALFORMED_JSON, or VALIDATION_FAILED (no rows, too many rows)',
            ),
            '413': problem('Body larger than 1 MB'),
            '415': problem('Body is neither application/json nor text/csv'),
          },
        },
      },
      '/stock/{sku}/{locationId}': {
        put: {
          operationId: 'setStockLevel',
          ...requiresScope('inventory:write'),
          summary: "Set a SKU's stock at a location from a count",
          description:
            'Absolute numbers: on-hand, safety stock, low-stock threshold and incoming deliveries (left out: none). Units reserved for orders stay reserved. ' +
            'Percent-encode a / in a SKU.',
          parameters: withExamples(parametersOf(StockLevelPathSchema, 'path'), {
            sku: setStockLevelExample.sku,
            locationId: setStockLevelExample.locationId,
          }),
          requestBody: { required: true, ...json(SetStockLevelRequestSchema, setStockLevelExample.body) },
          responses: {
            '200': { description: 'The stock level after the count', ...json(StockLevelSchema) },
            ...commonProblems,
            '413': problem('Body larger than 16 KB'),
            '415': problem('Body is not application/json'),
            '422': problem('locationId names no location of the network (UNKNOWN_LOCATION)'),
          },
        },
      },
      '/channels/shopify/orders': channelWebhook({
        operationId: 'receiveShopifyOrder',
        platform: 'Shopify',
        security: 'shopifyWebhookSignature',
        schema: ShopifyOrderWebhookSchema,
        example: shopifyOrderWebhookExample,
        description: 'Subscribe the orders/create topic with this URL. X-Shopify-Topic, when sent, must be orders/create.',
      }),
      '/channels/bigcommerce/orders': channelWebhook({
        operationId: 'receiveBigCommerceOrder',
        platform: 'BigCommerce',
        security: 'bigCommerceWebhookToken',
        schema: BigCommerceOrderWebhookSchema,
        example: bigCommerceOrderWebhookExample,
        description:
          'Create a store/order/created webhook with this destination and the custom header X-OMS-Webhook-Token; the OMS reads the order it names from the store API. ' +
          'A full V2 order (products and shipping_addresses inline or as V2 links) is accepted too.',
      }),
      '/channels/woocommerce/orders': channelWebhook({
        operationId: 'receiveWooCommerceOrder',
        platform: 'WooCommerce',
        security: 'wooCommerceWebhookSignature',
        schema: WooCommerceOrderWebhookSchema,
        example: wooCommerceOrderWebhookExample,
        description:
          'Create an Order created webhook (API version 3) with this delivery URL. X-WC-Webhook-Topic, when sent, must be order.created; WooCommerce’s unsigned ping (webhook_id=…) is answered 200.',
      }),
      ...webhooks.paths,
      ...customerServicePaths(),
      ...reportOpenApiPaths({ json, problem, commonProblems, requiresScope, parametersOf }),
      ...opsOpenApiPaths({ json, problem, commonProblems, requiresScope, parametersOf }),
      ...opsConsoleOpenApiPaths({ json, problem, commonProblems, requiresScope, parametersOf }),
      '/openapi.json': {
        get: {
          operationId: 'getOpenApi',
          summary: 'This document',
          security: [],
          responses: { '200': { description: 'OpenAPI 3.1 document', content: { 'application/json': {} } } },
        },
      },
    },
    webhooks: webhooks.webhooks,
    components: {
      securitySchemes: {
        channelApiKey: { type: 'apiKey', in: 'header', name: 'x-api-key' },
        shopifyWebhookSignature: {
          type: 'apiKey',
          in: 'header',
          name: 'X-Shopify-Hmac-Sha256',
          description: 'base64 HMAC-SHA256 of the raw request body, keyed with the Shopify app client secret of the connection',
        },
        wooCommerceWebhookSignature: {
          type: 'apiKey',
          in: 'header',
          name: 'X-WC-Webhook-Signature',
          description: 'base64 HMAC-SHA256 of the raw request body, keyed with the webhook secret of the connection',
        },
        bigCommerceWebhookToken: {
          type: 'apiKey',
          in: 'header',
          name: 'X-OMS-Webhook-Token',
          description: 'base64 HMAC-SHA256 of the text "oms-bigcommerce-webhook", keyed with the BigCommerce app client secret; set as a custom header of the webhook',
        },
      },
      schemas,
    },
  };
}

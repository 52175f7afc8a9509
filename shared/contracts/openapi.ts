/**
 * The OpenAPI 3.1 document, generated from the zod contracts: nothing here restates a field.
 * Request examples are real, working requests against a freshly started local runtime.
 */
import * as z from 'zod';
import {
  ListOrdersQuerySchema,
  OrderIdPathSchema,
  OrderPageSchema,
  OrderSchema,
  PlaceOrderRequestSchema,
  placeOrderExample,
} from './order';
import { ProblemSchema } from './problem';

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
  '500': problem('A fault on our side; safe to retry'),
};

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

export function buildOpenApiDocument() {
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
        'Order capture and order management. Authenticate with a channel API key in x-api-key. ' +
        'Errors are RFC 9457 problem+json with a machine-readable code and field paths.',
    },
    servers: [{ url: '/' }],
    security: [{ channelApiKey: [] }],
    paths: {
      '/orders': {
        post: {
          operationId: 'placeOrder',
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
          summary: 'Read one order',
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
      },
      '/openapi.json': {
        get: {
          operationId: 'getOpenApi',
          summary: 'This document',
          security: [],
          responses: { '200': { description: 'OpenAPI 3.1 document', content: { 'application/json': {} } } },
        },
      },
    },
    components: {
      securitySchemes: { channelApiKey: { type: 'apiKey', in: 'header', name: 'x-api-key' } },
      schemas,
    },
  };
}

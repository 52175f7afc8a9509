import { Validator } from '@seriousme/openapi-schema-validator';
import type * as z from 'zod';
import { beforeAll, describe, expect, it } from 'vitest';
import { LocationSchema, StockImportResultSchema, StockLevelSchema } from '../../shared/contracts/inventory';
import { OrderPageSchema, OrderSchema } from '../../shared/contracts/order';
import { call } from './api-client';
import { allScopes, issueApiKey } from './inventory/scoped-api-key';
import { AvailabilitySchema } from '../../shared/contracts/availability';
import { WebhookSubscriptionWithSecretSchema } from '../../shared/contracts/webhooks';

interface MediaType {
  example?: unknown;
  schema?: { $ref?: string };
}

interface Parameter {
  name: string;
  in: string;
  example?: string;
}

/** The contracts of the response bodies an example request may get, by their schema name in the document. */
const responseSchemas: Record<string, z.ZodType> = {
  Order: OrderSchema,
  Location: LocationSchema,
  StockLevel: StockLevelSchema,
  StockImportResult: StockImportResultSchema,
  Availability: AvailabilitySchema,
  WebhookSubscriptionWithSecret: WebhookSubscriptionWithSecretSchema,
};

// Examples span every scope; the key is made here so the test does not depend on the demo key's scopes.
let apiKey: string;
beforeAll(async () => {
  apiKey = await issueApiKey(allScopes);
});

describe('GET /openapi.json', () => {
  it('serves a valid OpenAPI 3.1 document without authentication', async () => {
    const answer = await call('GET', '/openapi.json', { apiKey: null });
    const result = await new Validator().validate(answer.body);

    expect(answer.status).toBe(200);
    expect(answer.body.openapi).toBe('3.1.0');
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('gives every request body an example that a freshly started runtime accepts', async () => {
    // Prepare: every request body example in the document
    const { body: document } = await call('GET', '/openapi.json', { apiKey: null });
    const examples: { operation: string; method: string; path: string; mediaType: string; value: unknown; headers: Record<string, string>; responses: any; expectedStatus?: number }[] = []; // eslint-disable-line @typescript-eslint/no-explicit-any
    for (const [path, operations] of Object.entries<Record<string, any>>(document.paths)) { // eslint-disable-line @typescript-eslint/no-explicit-any
      for (const [method, operation] of Object.entries<any>(operations)) { // eslint-disable-line @typescript-eslint/no-explicit-any
        if (!operation.requestBody) continue;
        // Channel webhooks are signed by their platform, not sent with an API key: channels/webhooks.test.ts signs and sends their examples.
        const security: Record<string, unknown>[] = operation.security ?? document.security;
        if (!security.some((requirement) => 'channelApiKey' in requirement)) continue;
        // The request is built from the documented parameter examples: path parameters and headers.
        const parameters: Parameter[] = operation.parameters ?? [];
        const target = path.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(parameters.find((p) => p.in === 'path' && p.name === name)?.example ?? `{${name}}`));
        const headers = Object.fromEntries(parameters.filter((p) => p.in === 'header' && p.example !== undefined).map((p) => [p.name, p.example as string]));
        // An operation on an order in a given state documents the answer a fresh runtime (without such an order) gives its example.
        const expectedStatus: number | undefined = operation['x-example-status'];
        const request = { method, path: target, headers, responses: operation.responses, expectedStatus };
        for (const [mediaType, media] of Object.entries<MediaType>(operation.requestBody.content)) {
          expect(media.example, `${method} ${path} has no ${mediaType} example`).toBeDefined();
          examples.push({ ...request, operation: `${operation.operationId} (${mediaType})`, mediaType, value: media.example });
          // The body schema's own examples (JSON Schema `examples`) must work too.
          const schemaName = media.schema?.$ref?.split('/').pop() ?? '';
          const schemaExamples: unknown[] = document.components.schemas[schemaName]?.examples ?? [];
          schemaExamples.forEach((value, index) => examples.push({ ...request, operation: `${schemaName} example ${index}`, mediaType, value }));
        }
      }
    }

    // Act and Assess: each one is accepted as it is, and the answer matches the documented schema
    expect(examples.length).toBeGreaterThan(0);
    for (const example of examples) {
      const answer = await call(example.method.toUpperCase(), example.path, {
        body: example.value,
        apiKey,
        headers: { ...example.headers, 'content-type': example.mediaType },
      });
      if (example.expectedStatus !== undefined) {
        // Past the contract (a bad body is 400), the use case found no such order or shipment.
        expect(answer.status, `${example.operation}: ${JSON.stringify(answer.body)}`).toBe(example.expectedStatus);
        continue;
      }
      expect([200, 201], `${example.operation}: ${JSON.stringify(answer.body)}`).toContain(answer.status);
      const schemaName = example.responses[String(answer.status)]?.content?.['application/json']?.schema?.$ref?.split('/').pop() ?? '';
      expect(responseSchemas[schemaName], `${example.operation}: no contract for response schema "${schemaName}"`).toBeDefined();
      expect(responseSchemas[schemaName]?.safeParse(answer.body).error, example.operation).toBeUndefined();
    }
  });

  it('answers GET /orders in the documented shape', async () => {
    const answer = await call('GET', '/orders?limit=5');
    expect(answer.status).toBe(200);
    expect(OrderPageSchema.safeParse(answer.body).error).toBeUndefined();
  });
});

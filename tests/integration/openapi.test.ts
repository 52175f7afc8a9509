import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { OrderPageSchema, OrderSchema } from '../../shared/contracts/order';
import { call } from './api-client';

interface MediaType {
  example?: unknown;
  schema?: { $ref?: string };
}

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
    const examples: { operation: string; method: string; path: string; value: unknown }[] = [];
    for (const [path, operations] of Object.entries<Record<string, any>>(document.paths)) { // eslint-disable-line @typescript-eslint/no-explicit-any
      for (const [method, operation] of Object.entries<any>(operations)) { // eslint-disable-line @typescript-eslint/no-explicit-any
        const media = operation.requestBody?.content?.['application/json'] as MediaType | undefined;
        if (!operation.requestBody) continue;
        expect(media?.example, `${method} ${path} has no example`).toBeDefined();
        examples.push({ operation: operation.operationId, method, path, value: media?.example });
        // The body schema's own examples (JSON Schema `examples`) must work too.
        const schemaName = media?.schema?.$ref?.split('/').pop() ?? '';
        const schemaExamples: unknown[] = document.components.schemas[schemaName]?.examples ?? [];
        schemaExamples.forEach((value, index) => examples.push({ operation: `${schemaName} example ${index}`, method, path, value }));
      }
    }

    // Act and Assess: each one is accepted as it is, and the answer matches the documented schema
    expect(examples.length).toBeGreaterThan(0);
    for (const example of examples) {
      const answer = await call(example.method.toUpperCase(), example.path, { body: example.value });
      expect([200, 201], `${example.operation}: ${JSON.stringify(answer.body)}`).toContain(answer.status);
      expect(OrderSchema.safeParse(answer.body).success).toBe(true);
    }
  });

  it('answers GET /orders in the documented shape', async () => {
    const answer = await call('GET', '/orders?limit=5');
    expect(answer.status).toBe(200);
    expect(OrderPageSchema.safeParse(answer.body).error).toBeUndefined();
  });
});

import { describe, expect, it, vi } from 'vitest';

vi.hoisted(() => {
  // Powertools reads these when shared/observability is first imported.
  process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
  process.env.POWERTOOLS_METRICS_DISABLED = 'true';
  process.env.POWERTOOLS_TRACE_ENABLED = 'false';
  process.env.POWERTOOLS_SERVICE_NAME = 'oms-unit';
  process.env.POWERTOOLS_METRICS_NAMESPACE = 'oms-unit';
});

import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import * as z from 'zod';
import { UnauthenticatedError } from '../../../shared/domain/errors';
import { apiHandler } from '../../../shared/http/api-handler';
import { HttpProblem } from '../../../shared/http/problem';
import type { AuthenticatedChannel } from '../../../shared/use-cases/authenticate-channel';
import { httpEvent, lambdaContext } from '../fixtures/api-gateway';

const keys: Record<string, AuthenticatedChannel> = {
  'key-orders': { channelId: 'demo-web', scopes: ['orders'] },
  'key-reader': { channelId: 'demo-web', scopes: ['inventory:read'] },
  'key-writer': { channelId: 'demo-web', scopes: ['inventory:read', 'inventory:write'] },
};
const authenticate = async (apiKey: string | undefined) => {
  const channel = apiKey ? keys[apiKey] : undefined;
  if (!channel) throw new UnauthenticatedError('API_KEY_INVALID', 'The API key is not valid');
  return channel;
};

const BodySchema = z.strictObject({ count: z.int() });
const useCase = vi.fn(async ({ body }: { body: unknown }) => ({ status: 200, body: { received: body } }));
const handler = apiHandler(
  {
    authenticate,
    requiredScope: 'inventory:write',
    body: {
      schema: BodySchema,
      maxBytes: 1024,
      text: {
        'text/csv': (text) => {
          if (!/^\d+$/.test(text.trim())) throw new HttpProblem(400, 'MALFORMED_CSV', 'not a number');
          return { count: Number(text) };
        },
      },
    },
  },
  useCase,
);

async function post(headers: Record<string, string>, body: string): Promise<APIGatewayProxyStructuredResultV2 & { json: Record<string, unknown> }> {
  const response = (await handler(httpEvent({ method: 'POST', path: '/things', headers, body }), lambdaContext('things'))) as APIGatewayProxyStructuredResultV2;
  return { ...response, json: JSON.parse(String(response.body)) };
}

describe('apiHandler: scopes', () => {
  it.each(['key-orders', 'key-reader'])('answers a valid key without the route scope (%s) 403 INSUFFICIENT_SCOPE, before reading the body', async (apiKey) => {
    // Prepare
    useCase.mockClear();

    // Act: the body is not even valid, yet the answer is about the scope
    const response = await post({ 'x-api-key': apiKey, 'content-type': 'application/json' }, '{not json');

    // Assess
    expect(response.statusCode).toBe(403);
    expect(response.headers?.['content-type']).toBe('application/problem+json');
    expect(response.json).toMatchObject({ status: 403, title: 'Forbidden', code: 'INSUFFICIENT_SCOPE' });
    expect(String(response.json.detail)).toContain('inventory:write');
    expect(useCase).not.toHaveBeenCalled();
  });

  it('still answers an unknown key 401, not 403', async () => {
    const response = await post({ 'x-api-key': 'nope', 'content-type': 'application/json' }, '{"count":1}');
    expect(response.statusCode).toBe(401);
  });

  it('lets a key with the scope through', async () => {
    const response = await post({ 'x-api-key': 'key-writer', 'content-type': 'application/json' }, '{"count":1}');
    expect(response.statusCode).toBe(200);
    expect(response.json).toEqual({ received: { count: 1 } });
  });

  it('makes a route that authenticates name its scope (a type error otherwise)', () => {
    // @ts-expect-error requiredScope is missing
    const withoutScope = () => apiHandler({ authenticate }, async () => ({ status: 200, body: {} }));
    expect(withoutScope).toBeTypeOf('function');
  });
});

describe('apiHandler: text bodies', () => {
  const writer = { 'x-api-key': 'key-writer' };

  it('reads a declared text media type with its reader, parameters and case aside', async () => {
    const response = await post({ ...writer, 'content-type': 'Text/CSV; charset=utf-8' }, '7');
    expect(response.statusCode).toBe(200);
    expect(response.json).toEqual({ received: { count: 7 } });
  });

  it("answers the reader's problem as it is", async () => {
    const response = await post({ ...writer, 'content-type': 'text/csv' }, 'x');
    expect(response.statusCode).toBe(400);
    expect(response.json).toMatchObject({ code: 'MALFORMED_CSV' });
  });

  it('applies the size limit and the empty-body check to text too', async () => {
    expect((await post({ ...writer, 'content-type': 'text/csv' }, '1'.repeat(1025))).statusCode).toBe(413);
    expect((await post({ ...writer, 'content-type': 'text/csv' }, '')).json).toMatchObject({ code: 'BODY_REQUIRED', detail: 'This request needs a text/csv body' });
  });

  it('answers an undeclared media type 415, naming every accepted one', async () => {
    // Act
    const response = await post({ ...writer, 'content-type': 'text/plain' }, '7');

    // Assess
    expect(response.statusCode).toBe(415);
    expect(response.json).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE', detail: 'Send the body as application/json or text/csv' });
  });

  it('still validates JSON against the schema', async () => {
    const response = await post({ ...writer, 'content-type': 'application/json' }, '{"count":"x"}');
    expect(response.statusCode).toBe(400);
    expect(response.json).toMatchObject({ code: 'VALIDATION_FAILED' });
  });
});

import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { BigCommerceOrderWebhookBodySchema } from '../../../shared/channels/bigcommerce/bigcommerce-order';
import { hasValidHmacSignature, hmacSha256Base64 } from '../../../shared/channels/webhook-signature';
import { ProblemSchema } from '../../../shared/contracts/problem';
import { ChannelApiUnavailableError } from '../../../shared/ports/bigcommerce-order-source';
import { webhookHandler } from '../../../shared/http/webhook-handler';
import { httpEvent, lambdaContext } from '../fixtures/api-gateway';

const secret = 'unit-test-secret';
const connection = { channelId: 'demo-shopify' };

/** A handler that verifies like Shopify's and echoes what its use case was given. */
function echoHandler(schema: z.ZodType = z.looseObject({ id: z.unknown() }), useCase: (body: unknown) => Promise<unknown> = async (body) => body) {
  let calls = 0;
  const handler = webhookHandler(
    {
      schema,
      maxBytes: 1024,
      credentialHeader: 'x-signature',
      authenticate: async (rawBody, headers) => (hasValidHmacSignature(rawBody, headers['x-signature'], secret) ? connection : undefined),
      isPing: (rawBody) => rawBody.toString('utf8') === 'webhook_id=1',
    },
    async ({ body, connection: sender }) => {
      calls += 1;
      return { status: 201, body: { sender: sender.channelId, echoed: await useCase(body) } };
    },
  );
  return { handler, calls: () => calls };
}

const send = async (handler: ReturnType<typeof echoHandler>['handler'], body: string, headers: Record<string, string>) =>
  (await handler(httpEvent({ path: '/channels/shopify/orders', body, headers }), lambdaContext('receive-shopify-order'))) as APIGatewayProxyStructuredResultV2;

const signed = (body: string, extra: Record<string, string> = {}) => ({ 'content-type': 'application/json', 'x-signature': hmacSha256Base64(secret, Buffer.from(body)), ...extra });

const problem = (response: APIGatewayProxyStructuredResultV2) => ProblemSchema.parse(JSON.parse(response.body ?? ''));

describe('webhookHandler', () => {
  it('hands the use case the body read exactly (big ids as digits) and the connection that signed it', async () => {
    const { handler } = echoHandler();
    const body = '{"id": 820982911946154508, "price": 19.99}';

    const response = await send(handler, body, signed(body));

    expect(response.statusCode).toBe(201);
    expect(JSON.parse(response.body ?? '')).toEqual({ sender: 'demo-shopify', echoed: { id: '820982911946154508', price: '19.99' } });
  });

  it('answers a missing or wrong signature 401 problem+json without calling the use case', async () => {
    const { handler, calls } = echoHandler();
    const body = '{"id": 1}';

    const missing = await send(handler, body, { 'content-type': 'application/json' });
    const wrong = await send(handler, body, { 'content-type': 'application/json', 'x-signature': hmacSha256Base64('other', Buffer.from(body)) });
    const tampered = await send(handler, '{"id": 2}', signed(body));

    expect([missing.statusCode, wrong.statusCode, tampered.statusCode]).toEqual([401, 401, 401]);
    expect(missing.headers?.['content-type']).toBe('application/problem+json');
    expect(problem(missing).code).toBe('WEBHOOK_SIGNATURE_MISSING');
    expect(problem(wrong).code).toBe('WEBHOOK_SIGNATURE_INVALID');
    expect(missing.headers?.['www-authenticate']).toContain('x-signature');
    expect(calls()).toBe(0);
  });

  it('checks the signature before the payload: an unsigned malformed body is 401, not 400', async () => {
    const { handler } = echoHandler();

    const response = await send(handler, '{not json', { 'content-type': 'application/json' });

    expect(response.statusCode).toBe(401);
  });

  it('answers a signed body that is not JSON 400 MALFORMED_JSON, and another media type 415', async () => {
    const { handler, calls } = echoHandler();

    const malformed = await send(handler, '{not json', signed('{not json'));
    const form = await send(handler, 'id=1', signed('id=1', { 'content-type': 'application/x-www-form-urlencoded' }));

    expect(malformed.statusCode).toBe(400);
    expect(problem(malformed).code).toBe('MALFORMED_JSON');
    expect(form.statusCode).toBe(415);
    expect(calls()).toBe(0);
  });

  it('answers a body over the limit 413, and an empty one 400', async () => {
    const { handler } = echoHandler();
    const large = JSON.stringify({ id: 'x'.repeat(2048) });

    expect((await send(handler, large, signed(large))).statusCode).toBe(413);
    expect((await send(handler, '', signed(''))).statusCode).toBe(400);
  });

  it('names the field of a payload that is not the platform’s format, inside the alternative its type chose', async () => {
    const { handler } = echoHandler(BigCommerceOrderWebhookBodySchema);
    const body = JSON.stringify({ id: 5, total_inc_tax: '1.00', billing_address: {}, products: [{ id: 1, sku: 'A', quantity: 'two', price_ex_tax: '1', price_inc_tax: '1' }] });

    const response = await send(handler, body, signed(body));

    expect(response.statusCode).toBe(400);
    expect(problem(response)).toMatchObject({ code: 'VALIDATION_FAILED', errors: [expect.objectContaining({ path: 'products[0].quantity' })] });
  });

  it("answers WooCommerce's unsigned ping 200 and does nothing else", async () => {
    const { handler, calls } = echoHandler();

    const response = await send(handler, 'webhook_id=1', { 'content-type': 'application/x-www-form-urlencoded' });

    expect(response.statusCode).toBe(200);
    expect(calls()).toBe(0);
  });

  it('answers 503 with Retry-After when the platform API is down, so the platform redelivers', async () => {
    const { handler } = echoHandler(undefined, async () => {
      throw new ChannelApiUnavailableError('BigCommerce GET /orders/1 answered 502');
    });
    const body = '{"id": 1}';

    const response = await send(handler, body, signed(body));

    expect(response.statusCode).toBe(503);
    expect(response.headers?.['retry-after']).toBe('60');
    expect(problem(response).code).toBe('CHANNEL_API_UNAVAILABLE');
  });
});

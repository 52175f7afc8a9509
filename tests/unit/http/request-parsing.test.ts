import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { PlaceOrderRequestSchema, placeOrderExample, serverOwnedOrderFields } from '../../../shared/contracts/order';
import { formatPath, parseOrThrow, readJsonBody, toFieldErrors } from '../../../shared/http/request-parsing';
import { httpEvent } from '../fixtures/api-gateway';
import { captureProblem } from '../fixtures/http-problems';


function zodErrorOf(schema: z.ZodType, value: unknown): z.ZodError {
  const result = schema.safeParse(value);
  if (result.success) throw new Error('expected the value to be invalid');
  return result.error;
}

describe('readJsonBody', () => {
  it.each(['application/json', 'application/json; charset=utf-8', 'Application/JSON', 'application/merge-patch+json'])(
    'parses the body sent as %s',
    (contentType) => {
      // Prepare
      const event = httpEvent({ headers: { 'content-type': contentType }, body: '{"channelOrderRef":"A-1","lines":[1,2]}' });

      // Act
      const body = readJsonBody(event, 1024);

      // Assess
      expect(body).toEqual({ channelOrderRef: 'A-1', lines: [1, 2] });
    },
  );

  it.each([
    ['text/plain', 'text/plain'],
    ['application/xml', 'application/xml'],
    ['a type that only contains json', 'text/json-ish'],
  ])('refuses %s with 415 UNSUPPORTED_MEDIA_TYPE', (_case, contentType) => {
    // Prepare
    const event = httpEvent({ headers: { 'content-type': contentType }, body: '{}' });

    // Act
    const problem = captureProblem(() => readJsonBody(event, 1024));

    // Assess
    expect(problem).toMatchObject({ status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' });
    expect(problem.errors).toEqual([{ path: '', code: 'UNSUPPORTED_MEDIA_TYPE', message: `content-type ${contentType} is not JSON` }]);
  });

  it('refuses a body without a content type with 415, saying none was sent', () => {
    // Prepare
    const event = httpEvent({ body: '{}' });

    // Act
    const problem = captureProblem(() => readJsonBody(event, 1024));

    // Assess
    expect(problem.status).toBe(415);
    expect(problem.errors[0]?.message).toBe('content-type (none) is not JSON');
  });

  it('accepts a body of exactly maxBytes and refuses one byte more with 413 PAYLOAD_TOO_LARGE', () => {
    // Prepare
    const body = JSON.stringify({ notes: 'x'.repeat(90) });
    const json = { 'content-type': 'application/json' };

    // Act
    const atLimit = readJsonBody(httpEvent({ headers: json, body }), body.length);
    const problem = captureProblem(() => readJsonBody(httpEvent({ headers: json, body }), body.length - 1));

    // Assess
    expect(atLimit).toEqual({ notes: 'x'.repeat(90) });
    expect(problem).toMatchObject({ status: 413, code: 'PAYLOAD_TOO_LARGE', message: `The body is ${body.length} bytes; the limit is ${body.length - 1}` });
  });

  it('measures the limit in UTF-8 bytes, not characters', () => {
    // Prepare: 3 characters, 4 bytes
    const event = httpEvent({ headers: { 'content-type': 'application/json' }, body: '"é"' });

    // Act
    const problem = captureProblem(() => readJsonBody(event, 3));

    // Assess
    expect(problem.status).toBe(413);
  });

  it.each([
    ['an empty body', ''],
    ['no body at all', undefined],
  ])('refuses %s with 400 BODY_REQUIRED', (_case, body) => {
    // Prepare
    const event = httpEvent({ headers: { 'content-type': 'application/json' }, ...(body !== undefined && { body }) });

    // Act
    const problem = captureProblem(() => readJsonBody(event, 1024));

    // Assess
    expect(problem).toMatchObject({ status: 400, code: 'BODY_REQUIRED' });
  });

  it('refuses malformed JSON with 400 MALFORMED_JSON', () => {
    // Prepare
    const event = httpEvent({ headers: { 'content-type': 'application/json' }, body: '{"channelOrderRef": "A-1", ' });

    // Act
    const problem = captureProblem(() => readJsonBody(event, 1024));

    // Assess
    expect(problem).toMatchObject({ status: 400, code: 'MALFORMED_JSON' });
    expect(problem.message).toMatch(/^The body is not valid JSON: /);
  });

  it('decodes a base64-encoded body before parsing it', () => {
    // Prepare
    const json = JSON.stringify({ city: 'München' });
    const event = httpEvent({
      headers: { 'content-type': 'application/json' },
      body: Buffer.from(json, 'utf8').toString('base64'),
      isBase64Encoded: true,
    });

    // Act
    const body = readJsonBody(event, 1024);

    // Assess
    expect(body).toEqual({ city: 'München' });
  });

  it('applies the size limit to the decoded bytes of a base64-encoded body', () => {
    // Prepare: 20 decoded bytes, 28 base64 characters
    const json = JSON.stringify({ a: 'x'.repeat(12) });
    const event = httpEvent({
      headers: { 'content-type': 'application/json' },
      body: Buffer.from(json, 'utf8').toString('base64'),
      isBase64Encoded: true,
    });

    // Act
    const body = readJsonBody(event, json.length);

    // Assess
    expect(body).toEqual({ a: 'x'.repeat(12) });
  });
});

describe('formatPath', () => {
  it.each([
    [['lines', 0, 'quantity'], 'lines[0].quantity'],
    [['lines', 1, 'unitPrice', 'amount'], 'lines[1].unitPrice.amount'],
    [['customer', 'email'], 'customer.email'],
    [[0], '[0]'],
    [[], ''],
  ])('formats %j as %j', (path, expected) => {
    // Act
    const formatted = formatPath(path);

    // Assess
    expect(formatted).toBe(expected);
  });
});

describe('toFieldErrors', () => {
  it('names the offending field with a JSON path and keeps the zod issue code', () => {
    // Prepare
    const body = structuredClone(placeOrderExample) as unknown as { lines: { quantity: number }[] };
    (body.lines[0] as { quantity: number }).quantity = 0;

    // Act
    const errors = toFieldErrors(zodErrorOf(PlaceOrderRequestSchema, body));

    // Assess
    expect(errors).toEqual([{ path: 'lines[0].quantity', code: 'too_small', message: expect.any(String) }]);
  });

  it('reports each unknown key as its own UNKNOWN_FIELD entry, nested paths included', () => {
    // Prepare
    const body = structuredClone(placeOrderExample) as unknown as Record<string, unknown> & { lines: Record<string, unknown>[] };
    body.giftWrap = true;
    body.coupon = 'SPRING';
    (body.lines[1] as Record<string, unknown>).colour = 'red';

    // Act
    const errors = toFieldErrors(zodErrorOf(PlaceOrderRequestSchema, body));

    // Assess
    expect(errors).toHaveLength(3);
    expect(errors).toEqual(
      expect.arrayContaining([
        { path: 'giftWrap', code: 'UNKNOWN_FIELD', message: 'giftWrap is not a field of this request' },
        { path: 'coupon', code: 'UNKNOWN_FIELD', message: 'coupon is not a field of this request' },
        { path: 'lines[1].colour', code: 'UNKNOWN_FIELD', message: 'colour is not a field of this request' },
      ]),
    );
  });

  it('reports a server-owned field as READ_ONLY_FIELD rather than UNKNOWN_FIELD', () => {
    // Prepare
    const body = { ...structuredClone(placeOrderExample), status: 'SHIPPED', totals: {}, giftWrap: true };

    // Act
    const errors = toFieldErrors(zodErrorOf(PlaceOrderRequestSchema, body), serverOwnedOrderFields);

    // Assess
    expect(errors).toEqual(
      expect.arrayContaining([
        { path: 'status', code: 'READ_ONLY_FIELD', message: 'status is set by the OMS and cannot be sent' },
        { path: 'totals', code: 'READ_ONLY_FIELD', message: 'totals is set by the OMS and cannot be sent' },
        { path: 'giftWrap', code: 'UNKNOWN_FIELD', message: 'giftWrap is not a field of this request' },
      ]),
    );
    expect(errors).toHaveLength(3);
  });
});

describe('parseOrThrow', () => {
  it('returns the parsed value when it matches the schema', () => {
    // Prepare
    const schema = z.strictObject({ limit: z.coerce.number() });

    // Act
    const parsed = parseOrThrow(schema, { limit: '5' }, 'query');

    // Assess
    expect(parsed).toEqual({ limit: 5 });
  });

  it('throws 400 VALIDATION_FAILED naming where the problem is and listing the field errors', () => {
    // Prepare
    const schema = z.strictObject({ id: z.string().min(1) });

    // Act
    const problem = captureProblem(() => parseOrThrow(schema, { id: '', extra: 1 }, 'path'));

    // Assess
    expect(problem).toMatchObject({ status: 400, code: 'VALIDATION_FAILED', message: 'The request path does not match the API contract' });
    expect(problem.errors.map(({ path, code }) => ({ path, code }))).toEqual(
      expect.arrayContaining([
        { path: 'id', code: 'too_small' },
        { path: 'extra', code: 'UNKNOWN_FIELD' },
      ]),
    );
  });
});

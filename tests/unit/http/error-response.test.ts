import { describe, expect, it, vi } from 'vitest';

vi.hoisted(() => {
  // The logger reads its level when shared/observability is first imported: keep the 500 test quiet.
  process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
});

import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { ProblemSchema, type Problem } from '../../../shared/contracts/problem';
import {
  BusinessRuleViolation,
  ConflictError,
  InvalidRequestError,
  NotFoundError,
  UnauthenticatedError,
  type DomainError,
} from '../../../shared/domain/errors';
import { errorToResponse } from '../../../shared/http/error-response';
import { HttpProblem } from '../../../shared/http/problem';

/** The body, checked against the published Problem contract. */
function problemOf(response: APIGatewayProxyStructuredResultV2): Problem {
  return ProblemSchema.strict().parse(JSON.parse(String(response.body)));
}

const fieldError = { path: 'lines[0].sku', code: 'DUPLICATE_SKU', message: 'sku already on lines[0]' };

describe('errorToResponse', () => {
  it.each<[string, DomainError, number, string]>([
    ['bad-request', new InvalidRequestError('INVALID_CURSOR', 'bad cursor', [fieldError]), 400, 'Bad Request'],
    ['unauthenticated', new UnauthenticatedError('API_KEY_INVALID', 'The API key is not valid'), 401, 'Unauthorized'],
    ['not-found', new NotFoundError('ORDER_NOT_FOUND', 'Order ord_1 does not exist'), 404, 'Not Found'],
    ['conflict', new ConflictError('DUPLICATE_CHANNEL_ORDER_REF', 'already placed', [fieldError]), 409, 'Conflict'],
    ['invalid', new BusinessRuleViolation('ORDER_RULES_VIOLATED', 'rules broken', [fieldError]), 422, 'Unprocessable Content'],
  ])('answers a %s domain error with its status as problem+json', (_kind, error, status, title) => {
    // Act
    const response = errorToResponse(error);

    // Assess
    expect(response.statusCode).toBe(status);
    expect(response.headers?.['content-type']).toBe('application/problem+json');
    expect(problemOf(response)).toEqual({
      type: `https://github.com/serverless-oms/oms/blob/main/docs/problems.md#${error.code.toLowerCase().replaceAll('_', '-')}`,
      title,
      status,
      code: error.code,
      detail: error.message,
      ...(error.errors.length > 0 && { errors: [fieldError] }),
    });
  });

  it('tells an unauthenticated caller how to authenticate with www-authenticate', () => {
    // Act
    const response = errorToResponse(new UnauthenticatedError('API_KEY_MISSING', 'Send the key'));

    // Assess
    expect(response.headers).toEqual({ 'content-type': 'application/problem+json', 'www-authenticate': 'ApiKey header="x-api-key"' });
  });

  it('adds retry-after to a transient conflict, and only to it', () => {
    // Prepare
    const transient = new ConflictError('IDEMPOTENCY_REQUEST_IN_PROGRESS', 'still running');
    transient.retryAfterSeconds = 2;
    const permanent = new ConflictError('DUPLICATE_CHANNEL_ORDER_REF', 'already placed');

    // Act
    const transientResponse = errorToResponse(transient);
    const permanentResponse = errorToResponse(permanent);

    // Assess
    expect(transientResponse.headers).toEqual({ 'content-type': 'application/problem+json', 'retry-after': '2' });
    expect(permanentResponse.headers).toEqual({ 'content-type': 'application/problem+json' });
  });

  it('passes an HttpProblem through with its own status, code, errors and headers', () => {
    // Prepare
    const problem = new HttpProblem(413, 'PAYLOAD_TOO_LARGE', 'The body is 300000 bytes; the limit is 262144', [fieldError], {
      'x-limit': '262144',
    });

    // Act
    const response = errorToResponse(problem);

    // Assess
    expect(response.statusCode).toBe(413);
    expect(response.headers).toEqual({ 'content-type': 'application/problem+json', 'x-limit': '262144' });
    expect(problemOf(response)).toMatchObject({
      title: 'Content Too Large',
      status: 413,
      code: 'PAYLOAD_TOO_LARGE',
      detail: 'The body is 300000 bytes; the limit is 262144',
      errors: [fieldError],
    });
  });

  it.each<[string, unknown]>([
    ['an Error', new Error('connect ECONNREFUSED 10.0.0.1:8000 with password hunter2')],
    ['a thrown string', 'connect ECONNREFUSED 10.0.0.1:8000 with password hunter2'],
  ])('answers %s it does not know with 500 INTERNAL_ERROR that reveals nothing of it', (_case, error) => {
    // Act
    const response = errorToResponse(error);

    // Assess
    expect(response.statusCode).toBe(500);
    expect(response.headers).toEqual({ 'content-type': 'application/problem+json' });
    expect(problemOf(response)).toEqual({
      type: 'https://github.com/serverless-oms/oms/blob/main/docs/problems.md#internal-error',
      title: 'Internal Server Error',
      status: 500,
      code: 'INTERNAL_ERROR',
      detail: 'Something went wrong on our side; the request can be retried safely',
    });
    for (const secret of ['ECONNREFUSED', '10.0.0.1', 'hunter2']) expect(response.body).not.toContain(secret);
  });
});

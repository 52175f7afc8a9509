import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { ConflictError, DomainError } from '../domain/errors';
import { logger } from '../observability/powertools';
import { HttpProblem, problemResponse } from './problem';

const statusOfKind: Record<DomainError['kind'], number> = {
  'bad-request': 400,
  unauthenticated: 401,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  'precondition-failed': 412,
  invalid: 422,
};

/** Every failure leaves as problem+json. Only our own faults are 5xx, and they reveal no internals. */
export function errorToResponse(error: unknown): APIGatewayProxyStructuredResultV2 {
  if (error instanceof HttpProblem) {
    return problemResponse(error.status, error.code, error.message, { errors: error.errors, headers: error.headers });
  }
  if (error instanceof DomainError) {
    const headers: Record<string, string> = {};
    if (error instanceof ConflictError && error.retryAfterSeconds !== undefined) {
      headers['retry-after'] = String(error.retryAfterSeconds);
    }
    if (error.kind === 'unauthenticated') headers['www-authenticate'] = 'ApiKey header="x-api-key"';
    return problemResponse(statusOfKind[error.kind], error.code, error.message, { errors: error.errors, headers });
  }
  logger.error('Unhandled error', error as Error);
  return problemResponse(500, 'INTERNAL_ERROR', 'Something went wrong on our side; the request can be retried safely');
}

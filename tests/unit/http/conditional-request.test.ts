import { describe, expect, it, vi } from 'vitest';

vi.hoisted(() => {
  process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
});

import { ProblemSchema } from '../../../shared/contracts/problem';
import { ForbiddenError, PreconditionFailedError } from '../../../shared/domain/errors';
import { expectedVersionOf } from '../../../shared/http/conditional-request';
import { errorToResponse } from '../../../shared/http/error-response';

const problemOf = (error: unknown) => {
  const response = errorToResponse(error);
  return { status: response.statusCode, problem: ProblemSchema.strict().parse(JSON.parse(String(response.body))) };
};

const attempt = (headers: Record<string, string | undefined>) => {
  try {
    return { version: expectedVersionOf(headers) };
  } catch (error) {
    return problemOf(error);
  }
};

describe('expectedVersionOf (If-Match)', () => {
  it('reads the version from a strong ETag', () => {
    expect(attempt({ 'if-match': '"12"' })).toEqual({ version: 12 });
  });

  it('answers a missing If-Match 428 PRECONDITION_REQUIRED', () => {
    expect(attempt({})).toMatchObject({ status: 428, problem: { title: 'Precondition Required', code: 'PRECONDITION_REQUIRED' } });
  });

  it.each(['12', 'W/"12"', '*', '"1", "2"', '"-1"'])('answers If-Match %s 400, naming the header', (ifMatch) => {
    expect(attempt({ 'if-match': ifMatch })).toMatchObject({
      status: 400,
      problem: { code: 'VALIDATION_FAILED', errors: [expect.objectContaining({ path: 'if-match' })] },
    });
  });
});

describe('errorToResponse for the access and locking kinds', () => {
  it('answers a ForbiddenError 403', () => {
    expect(problemOf(new ForbiddenError('INSUFFICIENT_SCOPE', 'no scope'))).toMatchObject({
      status: 403,
      problem: { title: 'Forbidden', code: 'INSUFFICIENT_SCOPE', detail: 'no scope' },
    });
  });

  it('answers a PreconditionFailedError 412', () => {
    expect(problemOf(new PreconditionFailedError('VERSION_MISMATCH', 'stale'))).toMatchObject({
      status: 412,
      problem: { title: 'Precondition Failed', code: 'VERSION_MISMATCH' },
    });
  });
});

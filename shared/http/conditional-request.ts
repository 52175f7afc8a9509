import * as z from 'zod';
import { HttpProblem } from './problem';
import { parseOrThrow } from './request-parsing';

const IfMatchHeaderSchema = z.strictObject({
  'if-match': z
    .string()
    .regex(/^"(0|[1-9][0-9]{0,14})"$/, 'If-Match must be the ETag of the version you read, e.g. "3"')
    .optional(),
});

/**
 * The version a conditional write expects, from `If-Match: "<version>"`. The header is required
 * (428): a write that does not say which version it changes could overwrite someone else's.
 */
export function expectedVersionOf(headers: Readonly<Record<string, string | undefined>>): number {
  const { 'if-match': ifMatch } = parseOrThrow(IfMatchHeaderSchema, { 'if-match': headers['if-match'] }, 'headers');
  if (ifMatch === undefined) {
    throw new HttpProblem(428, 'PRECONDITION_REQUIRED', 'Send If-Match with the ETag you read, so that no change made since is overwritten', [
      { path: 'if-match', code: 'PRECONDITION_REQUIRED', message: 'If-Match is required' },
    ]);
  }
  return Number(ifMatch.slice(1, -1));
}

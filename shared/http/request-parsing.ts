import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { z } from 'zod';
import type { FieldError } from '../contracts/problem';
import { HttpProblem } from './problem';

/** `['lines', 0, 'quantity']` → `lines[0].quantity` */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((text, part) => {
    if (typeof part === 'number') return `${text}[${part}]`;
    return text ? `${text}.${String(part)}` : String(part);
  }, '');
}

/** Turns zod issues into field errors; unknown keys get one entry each, naming the key. */
export function toFieldErrors(error: z.ZodError, readOnlyFields: readonly string[] = []): FieldError[] {
  return error.issues.flatMap((issue): FieldError[] => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => {
        const path = formatPath([...issue.path, key]);
        return readOnlyFields.includes(key)
          ? { path, code: 'READ_ONLY_FIELD', message: `${key} is set by the OMS and cannot be sent` }
          : { path, code: 'UNKNOWN_FIELD', message: `${key} is not a field of this request` };
      });
    }
    return [{ path: formatPath(issue.path), code: issue.code, message: issue.message }];
  });
}

export function parseOrThrow<Schema extends z.ZodType>(
  schema: Schema,
  value: unknown,
  where: 'body' | 'query' | 'path' | 'headers',
  readOnlyFields: readonly string[] = [],
): z.infer<Schema> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new HttpProblem(400, 'VALIDATION_FAILED', `The request ${where} does not match the API contract`, toFieldErrors(result.error, readOnlyFields));
}

/** The media type of a content-type header, lower-case and without parameters: `text/csv; charset=utf-8` → `text/csv`. */
export const mediaTypeOf = (contentType: string | undefined) => contentType?.split(';')[0]?.trim().toLowerCase();

const isJsonMediaType = (contentType: string | undefined) => {
  const mediaType = mediaTypeOf(contentType);
  return mediaType === 'application/json' || (mediaType?.startsWith('application/') && mediaType.endsWith('+json'));
};

/** The body's bytes, after the size checks a public API needs before any parsing. */
function readBodyBytes(event: APIGatewayProxyEventV2, maxBytes: number, what: string): Buffer {
  const raw = event.body ?? '';
  const bytes = event.isBase64Encoded ? Buffer.from(raw, 'base64') : Buffer.from(raw, 'utf8');
  if (bytes.byteLength > maxBytes) {
    throw new HttpProblem(413, 'PAYLOAD_TOO_LARGE', `The body is ${bytes.byteLength} bytes; the limit is ${maxBytes}`);
  }
  if (bytes.byteLength === 0) throw new HttpProblem(400, 'BODY_REQUIRED', `This request needs a ${what} body`);
  return bytes;
}

/**
 * Reads a JSON body with the checks a public API needs before any parsing: type, size, syntax.
 * `alsoAccepted` names the other media types the route takes, for the 415 answer.
 */
export function readJsonBody(event: APIGatewayProxyEventV2, maxBytes: number, alsoAccepted: readonly string[] = []): unknown {
  const contentType = event.headers?.['content-type'];
  if (!isJsonMediaType(contentType)) {
    throw new HttpProblem(415, 'UNSUPPORTED_MEDIA_TYPE', `Send the body as ${['application/json', ...alsoAccepted].join(' or ')}`, [
      { path: '', code: 'UNSUPPORTED_MEDIA_TYPE', message: `content-type ${contentType ?? '(none)'} is not JSON${alsoAccepted.map((type) => ` or ${type}`).join('')}` },
    ]);
  }
  const bytes = readBodyBytes(event, maxBytes, 'JSON');
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch (error) {
    throw new HttpProblem(400, 'MALFORMED_JSON', `The body is not valid JSON: ${(error as Error).message}`);
  }
}

/** Reads a text body (e.g. text/csv) as UTF-8, with the same size checks; the caller has checked its media type. */
export function readTextBody(event: APIGatewayProxyEventV2, maxBytes: number): string {
  return readBodyBytes(event, maxBytes, mediaTypeOf(event.headers?.['content-type']) ?? 'text').toString('utf8');
}

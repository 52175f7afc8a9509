/**
 * The cursors of the paged lists (orders, ops lists, webhook deliveries): where the previous page
 * ended, as opaque base64url JSON. A cursor is checked against the shape its list issues (and the
 * partition it was issued for), so a forged or foreign one is a 400, never a wrong page.
 */
import type * as z from 'zod';
import { InvalidRequestError } from './errors';

export const encodeCursor = (position: unknown): string => Buffer.from(JSON.stringify(position), 'utf8').toString('base64url');

export const invalidCursorError = () =>
  new InvalidRequestError('INVALID_CURSOR', 'The cursor is not one this list returned', [
    { path: 'cursor', code: 'INVALID_CURSOR', message: 'use nextCursor from the previous page of the same list' },
  ]);

export function decodeCursor<Schema extends z.ZodType>(cursor: string, schema: Schema): z.output<Schema> {
  let position: unknown;
  try {
    position = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    position = undefined;
  }
  const parsed = schema.safeParse(position);
  if (!parsed.success) throw invalidCursorError();
  return parsed.data;
}

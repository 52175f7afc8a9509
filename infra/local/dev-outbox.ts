/**
 * GET /dev/outbox: the customer messages the sandbox sender "sent" (the local runtime only; on AWS
 * they go out through SES and SNS). Query: `to` (an email address or E.164 phone number), `orderId`,
 * `limit` (default 500, the newest); answers `{ items: [{ messageId, sentAt, channel, to, subject?,
 * text, html?, orderId, eventId, template, locale }] }`, oldest first.
 */
import * as z from 'zod';
import type { DynamoDbSandboxOutbox } from '../../shared/adapters/dynamodb/sandbox-outbox';
import { problemResponse } from '../../shared/http/problem';
import type { LocalOnlyRoute } from './http-gateway';

const DevOutboxQuerySchema = z.strictObject({
  to: z.string().min(1).optional(),
  orderId: z.string().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(5000).optional(),
});

export function devOutboxRoute(outbox: DynamoDbSandboxOutbox): LocalOnlyRoute {
  return {
    method: 'GET',
    path: '/dev/outbox',
    async handle(url) {
      const parsed = DevOutboxQuerySchema.safeParse(Object.fromEntries(url.searchParams));
      if (!parsed.success) {
        const errors = parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), code: issue.code, message: issue.message }));
        return problemResponse(400, 'INVALID_QUERY', 'to, orderId and limit (1..5000) are the only parameters', { errors });
      }
      const { to, orderId, limit } = parsed.data;
      const items = await outbox.list({ ...(to && { to }), ...(orderId && { orderId }), ...(limit !== undefined && { limit }) });
      return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ items }) };
    },
  };
}

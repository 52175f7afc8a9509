/**
 * GET /dev/events: what was published on the local bus, for developers and integration tests (the
 * local runtime only; nothing like it is deployed). Query: `detailType`, `source`, and `since` (an
 * ISO 8601 instant); answers `{ items: [{ id, time, source, detailType, detail }] }`, oldest first,
 * from the bus's log of its latest events.
 */
import * as z from 'zod';
import { problemResponse } from '../../shared/http/problem';
import type { LocalEventBus } from './cloud/eventbridge/local-event-bus';
import type { LocalOnlyRoute } from './http-gateway';

const DevEventsQuerySchema = z.strictObject({
  detailType: z.string().min(1).optional(),
  source: z.string().min(1).optional(),
  since: z.iso.datetime({ offset: true }).optional(),
});

export function devEventsRoute(bus: LocalEventBus): LocalOnlyRoute {
  return {
    method: 'GET',
    path: '/dev/events',
    handle(url) {
      const parsed = DevEventsQuerySchema.safeParse(Object.fromEntries(url.searchParams));
      if (!parsed.success) {
        const errors = parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), code: issue.code, message: issue.message }));
        return problemResponse(400, 'INVALID_QUERY', 'detailType, source and since (an ISO 8601 instant) are the only filters', { errors });
      }
      const { detailType, source, since } = parsed.data;
      const items = bus
        .recentEvents({ ...(detailType && { detailType }), ...(source && { source }), ...(since && { since: new Date(since) }) })
        .map(({ id, time, source: eventSource, detailType: eventDetailType, detail }) => ({ id, time, source: eventSource, detailType: eventDetailType, detail }));
      return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ items }) };
    },
  };
}

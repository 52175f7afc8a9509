import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import type { Context, EventBridgeEvent } from 'aws-lambda';
import * as z from 'zod';
import { EventMetadataSchema } from '../events/define-event';
import type { BusEvent } from '../domain/webhooks/payload';
import { logger, metrics, tracer } from '../observability/powertools';

const EnvelopeSchema = z.object({ metadata: EventMetadataSchema, data: z.unknown() });

/**
 * The one way a function that an EventBridge rule targets with events of any type is built (where
 * domainEventHandler serves one event type): Powertools logging, tracing and metrics, then the
 * detail's envelope (metadata + data) checked and handed to the job with the source and detail-type.
 * An event without the OMS envelope (someone else's on the bus) is logged and skipped: retrying
 * it would never make it one. A job that throws fails the invocation and EventBridge retries it.
 */
export function busEventHandler<Summary extends object>(job: (event: BusEvent, context: Context) => Promise<Summary>) {
  const handle = async (event: EventBridgeEvent<string, unknown>, context: Context): Promise<Summary | { readonly skipped: string }> => {
    metrics.addMetric('BusEventsReceived', MetricUnit.Count, 1);
    const envelope = EnvelopeSchema.safeParse(event.detail);
    if (!envelope.success) {
      logger.warn('Event without the OMS envelope skipped', { source: event.source, detailType: event['detail-type'], id: event.id });
      return { skipped: 'not an OMS domain event' };
    }
    logger.appendKeys({ eventId: envelope.data.metadata.eventId });
    const summary = await job({ source: event.source, detailType: event['detail-type'], metadata: envelope.data.metadata, data: envelope.data.data }, context);
    logger.info('Bus event handled', { source: event.source, detailType: event['detail-type'], ...summary });
    return summary;
  };

  return middy(handle)
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(captureLambdaHandler(tracer))
    .use(logMetrics(metrics));
}

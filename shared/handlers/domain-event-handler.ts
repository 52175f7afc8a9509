import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import type { Context, EventBridgeEvent } from 'aws-lambda';
import type * as z from 'zod';
import { eventDetailSchema, type EventDefinition, type EventDetail } from '../events/define-event';
import { logger, metrics, tracer } from '../observability/powertools';

/**
 * The one way a function that an EventBridge rule targets with one domain event is built:
 * Powertools logging (with the event id), tracing and metrics, then the detail validated against
 * the event's catalog contract and its data handed to one use case, whose summary is logged.
 * A detail that breaks the contract, or a job that throws, fails the invocation: EventBridge
 * retries it as the rule's retry policy says, then keeps it in the rule's dead-letter queue.
 */
export function domainEventHandler<Data extends z.ZodType, Summary extends object>(definition: EventDefinition<Data>, job: (data: z.output<Data>) => Promise<Summary>) {
  const detailSchema = eventDetailSchema(definition);
  const handle = async (event: EventBridgeEvent<string, unknown>, _context: Context): Promise<Summary> => {
    metrics.addMetric('DomainEventsReceived', MetricUnit.Count, 1);
    if (event.source !== definition.source || event['detail-type'] !== definition.detailType) {
      throw new Error(`Expected ${definition.source}/${definition.detailType}, got ${event.source}/${event['detail-type']}: the rule's pattern and its target disagree`);
    }
    // The schema is built from the definition, so its output is the definition's data; zod cannot say so generically.
    const detail = detailSchema.parse(event.detail) as EventDetail<z.output<Data>>;
    logger.appendKeys({ eventId: detail.metadata.eventId });
    const summary = await job(detail.data);
    logger.info('Domain event handled', { detailType: definition.detailType, ...summary });
    return summary;
  };

  return middy(handle)
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(captureLambdaHandler(tracer))
    .use(logMetrics(metrics));
}

/**
 * The same, for a function one rule targets with several events (of the listed definitions): the
 * detail is validated against the contract of its own event, and the job gets the definition and the
 * whole detail, metadata included (its event id is what consumers dedup on).
 */
export function domainEventsHandler<Summary extends object>(definitions: readonly EventDefinition[], job: (event: { definition: EventDefinition; detail: EventDetail }) => Promise<Summary>) {
  const contracts = definitions.map((definition) => ({ definition, detailSchema: eventDetailSchema(definition) }));
  const handle = async (event: EventBridgeEvent<string, unknown>, _context: Context): Promise<Summary> => {
    metrics.addMetric('DomainEventsReceived', MetricUnit.Count, 1);
    const contract = contracts.find(({ definition }) => definition.source === event.source && definition.detailType === event['detail-type']);
    if (!contract) throw new Error(`Not expecting ${event.source}/${event['detail-type']}: the rule's pattern and its target disagree`);
    const detail: EventDetail = contract.detailSchema.parse(event.detail);
    logger.appendKeys({ eventId: detail.metadata.eventId });
    const summary = await job({ definition: contract.definition, detail });
    logger.info('Domain event handled', { detailType: contract.definition.detailType, ...summary });
    return summary;
  };

  return middy(handle)
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(captureLambdaHandler(tracer))
    .use(logMetrics(metrics));
}

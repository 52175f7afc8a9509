import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import type { Context, ScheduledEvent } from 'aws-lambda';
import { logger, metrics, tracer } from '../observability/powertools';

/**
 * The one way a function run by a schedule (an EventBridge scheduled rule) is built: Powertools
 * logging, tracing and metrics around the job, which gets the time the schedule fired. The job's
 * summary is logged; a job that throws fails the invocation, and the next tick runs it again.
 */
export function scheduledHandler<Summary extends object>(job: (run: { readonly scheduledAt: Date; readonly context: Context }) => Promise<Summary>) {
  const handle = async (event: ScheduledEvent, context: Context): Promise<Summary> => {
    // One data point per run: a missing run shows as a gap, and Powertools warns about an invocation without metrics.
    metrics.addMetric('ScheduledRuns', MetricUnit.Count, 1);
    const scheduledAt = new Date(event.time);
    const summary = await job({ scheduledAt: Number.isNaN(scheduledAt.getTime()) ? new Date() : scheduledAt, context });
    logger.info('Scheduled run finished', { scheduledAt: event.time, rule: event.resources?.[0], ...summary });
    return summary;
  };

  return middy(handle)
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(captureLambdaHandler(tracer))
    .use(logMetrics(metrics));
}

import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import type { Context } from 'aws-lambda';
import * as z from 'zod';
import { logger, metrics, tracer } from '../observability/powertools';

/**
 * The one way a Step Functions task function is built: Powertools logging (with the order id),
 * tracing and metrics, then the task's input validated against its schema and handed to one use
 * case. Errors propagate with their `name`, which is what the state machine's Retry and Catch match.
 */
export function stepHandler<Schema extends z.ZodType, Result>(schema: Schema, run: (input: z.output<Schema>) => Promise<Result>) {
  const handle = async (event: unknown, _context: Context): Promise<Result> => {
    const input = schema.parse(event);
    if (typeof input === 'object' && input !== null && 'orderId' in input) logger.appendKeys({ orderId: String(input.orderId) });
    const result = await run(input);
    metrics.addMetric('LifecycleStepsCompleted', MetricUnit.Count, 1);
    return result;
  };
  return middy(handle)
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(captureLambdaHandler(tracer))
    .use(logMetrics(metrics));
}

/** What every lifecycle task receives: the order it works on (and, per shipment, which one). */
export const OrderStepInputSchema = z.object({ orderId: z.string().min(1) });
export const ShipmentStepInputSchema = OrderStepInputSchema.extend({ shipmentId: z.string().min(1) });
export const CallbackStepInputSchema = OrderStepInputSchema.extend({ taskToken: z.string().min(1) });

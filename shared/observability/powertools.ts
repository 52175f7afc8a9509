import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { Tracer } from '@aws-lambda-powertools/tracer';

/**
 * One logger, tracer and metrics instance per process. Service name, namespace, log level and
 * whether tracing or metrics are on come from the standard POWERTOOLS_* environment variables,
 * which the CDK construct and the local runtime set.
 */
export const logger = new Logger();
export const tracer = new Tracer();
export const metrics = new Metrics();

import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import type { Context, DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { logger, metrics, tracer } from '../observability/powertools';

/**
 * The one way a DynamoDB stream consumer is built: Powertools logging, tracing and metrics, then the
 * batch's records one by one, in stream order, each through `processRecord`.
 *
 * A record that fails stops the batch: it and every record after it are answered as
 * `batchItemFailures` (the mapping must enable ReportBatchItemFailures), so Lambda retries from it
 * while the records before it stay done. Going on past a failure would publish a later change of
 * the same item before an earlier one.
 */
export function dynamoDbStreamHandler(processRecord: (record: DynamoDBRecord) => Promise<void>) {
  const handle = async (event: DynamoDBStreamEvent, _context: Context): Promise<DynamoDBBatchResponse> => {
    const records = event.Records ?? [];
    // Always one data point per batch: Powertools warns about an invocation without metrics.
    metrics.addMetric('StreamRecordsReceived', MetricUnit.Count, records.length);
    for (const [index, record] of records.entries()) {
      try {
        await processRecord(record);
      } catch (error) {
        const unprocessed = records.slice(index);
        logger.error('Stream record failed; it and the records after it are retried', {
          error,
          eventID: record.eventID,
          sequenceNumber: record.dynamodb?.SequenceNumber,
          retried: unprocessed.length,
        });
        metrics.addMetric('StreamRecordsFailed', MetricUnit.Count, unprocessed.length);
        return { batchItemFailures: unprocessed.map((failed) => ({ itemIdentifier: failed.dynamodb?.SequenceNumber ?? '' })) };
      }
    }
    return { batchItemFailures: [] };
  };

  return middy(handle)
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(captureLambdaHandler(tracer))
    .use(logMetrics(metrics));
}

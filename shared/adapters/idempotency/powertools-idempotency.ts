import {
  IdempotencyAlreadyInProgressError,
  IdempotencyConfig,
  IdempotencyValidationError,
  makeIdempotent,
} from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import type { Context } from 'aws-lambda';
import { BusinessRuleViolation, ConflictError } from '../../domain/errors';
import { dynamoDbClient } from '../dynamodb/document-client';

export interface IdempotencyKeyScope {
  /** Who owns the key, e.g. the channel: two channels may pick the same key independently. */
  readonly scope: string;
  readonly key: string;
  readonly lambdaContext: Context;
}

/**
 * Makes an operation idempotent per client-chosen key, with Powertools idempotency and its
 * DynamoDB persistence: a retry with the same key and payload returns the first result, the same
 * key with another payload is refused, and a retry while the first call is still running is told
 * to come back. A failed operation leaves no record, so it can be retried.
 */
export function idempotentOperation<Input, Output>(
  name: string,
  operation: (input: Input) => Promise<Output>,
  { tableName, expiresAfterSeconds = 24 * 60 * 60 }: { tableName: string; expiresAfterSeconds?: number },
) {
  const persistenceStore = new DynamoDBPersistenceLayer({ tableName, awsSdkV3Client: dynamoDbClient() });
  const run = async (call: { scope: string; key: string; payload: Input }) => operation(call.payload);

  return async (input: Input, { scope, key, lambdaContext }: IdempotencyKeyScope): Promise<Output> => {
    // A config per call, so concurrent calls in one process never share a Lambda context: the
    // context bounds how long an IN_PROGRESS record blocks retries if this invocation dies.
    const config = new IdempotencyConfig({
      eventKeyJmesPath: '[scope, key]',
      payloadValidationJmesPath: 'payload',
      expiresAfterSeconds,
    });
    config.registerLambdaContext(lambdaContext);
    const idempotentRun = makeIdempotent(run, { persistenceStore, config, keyPrefix: name });
    try {
      return (await idempotentRun({ scope, key, payload: input })) as Output;
    } catch (error) {
      if (error instanceof IdempotencyAlreadyInProgressError) {
        const inFlight = new ConflictError(
          'IDEMPOTENCY_REQUEST_IN_PROGRESS',
          'A request with this Idempotency-Key is still being processed; retry shortly to get its result',
        );
        inFlight.retryAfterSeconds = 1;
        throw inFlight;
      }
      if (error instanceof IdempotencyValidationError) {
        throw new BusinessRuleViolation(
          'IDEMPOTENCY_KEY_REUSED',
          'This Idempotency-Key was already used with a different request body',
          [{ path: '', code: 'IDEMPOTENCY_KEY_REUSED', message: 'use a new Idempotency-Key for a different request' }],
        );
      }
      throw error;
    }
  };
}

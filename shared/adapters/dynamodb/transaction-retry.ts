import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand, type DynamoDBDocumentClient, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * DynamoDB cancels a transaction that races another on the same item (TransactionConflict), and
 * the SDK does not retry that. Retrying with full jitter spreads the racers out.
 */
export async function withTransactionConflictRetry<T>(attempt: () => Promise<T>, maxAttempts = 8): Promise<T> {
  for (let attemptNumber = 1; ; attemptNumber++) {
    try {
      return await attempt();
    } catch (error) {
      const conflicted =
        error instanceof TransactionCanceledException &&
        error.CancellationReasons?.some((reason) => reason.Code === 'TransactionConflict');
      if (!conflicted || attemptNumber >= maxAttempts) throw error;
      await sleep(Math.random() * Math.min(1000, 10 * 2 ** attemptNumber));
    }
  }
}

/** Writes these items in one transaction, retried while it only loses races (withTransactionConflictRetry). */
export function transactWrite(
  client: DynamoDBDocumentClient,
  transactItems: NonNullable<TransactWriteCommandInput['TransactItems']>,
  maxAttempts?: number,
): Promise<unknown> {
  return withTransactionConflictRetry(() => client.send(new TransactWriteCommand({ TransactItems: transactItems })), maxAttempts);
}

/** Which items of a cancelled transaction failed their condition, by position in the request. */
export function failedConditionIndexes(error: unknown): number[] {
  if (!(error instanceof TransactionCanceledException)) return [];
  return (error.CancellationReasons ?? []).flatMap((reason, index) => (reason.Code === 'ConditionalCheckFailed' ? [index] : []));
}

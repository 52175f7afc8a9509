/**
 * DynamoDB stream consumers (Lambda event source mappings), declared once: CDK wires each with an
 * event source mapping, and the local runtime polls the local table's stream with the same settings.
 */
import type { FunctionDefinition } from './api';
import type { TableName } from './tables';

export interface StreamConsumerDefinition {
  /** Stable name: the CDK construct id, and the local checkpoint's name. */
  readonly name: string;
  readonly table: TableName;
  readonly function: FunctionDefinition;
  /** 1..10000, as on AWS. */
  readonly batchSize: number;
  readonly startingPosition: 'TRIM_HORIZON' | 'LATEST';
  /** Retries of a failing batch before it goes to the on-failure destination (-1 = until the record expires). */
  readonly maximumRetryAttempts: number;
  /** The handler answers `{ batchItemFailures: [{ itemIdentifier }] }` to retry from the first failed record. */
  readonly reportBatchItemFailures: boolean;
  /** Split a failing batch in two and retry the halves, to isolate a poison record. */
  readonly bisectBatchOnFunctionError: boolean;
}

/** The OMS's consumers; the lifecycle issue adds the orders outbox consumer here. */
export const streamConsumers: readonly StreamConsumerDefinition[] = [];

/**
 * DynamoDB stream consumers (Lambda event source mappings), declared once: CDK wires each with an
 * event source mapping, and the local runtime polls the local table's stream with the same settings.
 */
import type { FunctionDefinition } from './api';
import { orderOutboxConsumer } from './lifecycle';
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
  /**
   * Lambda event filtering: a record (in the Lambda event's shape) that matches none of these
   * patterns is dropped before the function is invoked, and on AWS not billed. EventBridge pattern
   * syntax, e.g. `{ eventName: ['INSERT'], dynamodb: { NewImage: { entity: { S: ['Order'] } } } }`.
   */
  readonly filterPatterns?: readonly Readonly<Record<string, unknown>>[];
}

/** Publishes StockLow, OutOfStock and BackInStock from stock writes; reads only the stream, never the table. */
export const publishStockEventsFunction = {
  name: 'publish-stock-events',
  entry: 'functions/inventory/publish-stock-events.ts',
  tables: {},
  eventBus: 'publish',
} as const satisfies FunctionDefinition;

/** Stock writes become stock events, in stream order per item. */
export const stockEventsConsumer: StreamConsumerDefinition = {
  name: 'inventory-stock-events',
  table: 'inventory',
  function: publishStockEventsFunction,
  batchSize: 100,
  // A missed crossing is worse than a repeated one (consumers dedup on the event id), so a new mapping starts at the oldest record.
  startingPosition: 'TRIM_HORIZON',
  maximumRetryAttempts: 10,
  reportBatchItemFailures: true,
  bisectBatchOnFunctionError: true,
  // Only stock records can cross a threshold; locations, the reservation ledger and adjustments never invoke it.
  filterPatterns: [{ dynamodb: { Keys: { pk: { S: [{ prefix: 'STOCK#' }] }, sk: { S: [{ prefix: 'LOCATION#' }] } } } }],
};

/** The OMS's consumers. */
export const streamConsumers: readonly StreamConsumerDefinition[] = [stockEventsConsumer, orderOutboxConsumer];

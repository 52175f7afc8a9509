import { DynamoDBClient, type ConsumedCapacity } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { recordConsumedCapacity, recordFailedCall } from './consumed-capacity';

let client: DynamoDBClient | undefined;
let documentClient: DynamoDBDocumentClient | undefined;

/** The DynamoDB operations that take ReturnConsumedCapacity (the low-level command names). */
const capacityReportingCommands = new Set([
  'GetItemCommand',
  'PutItemCommand',
  'UpdateItemCommand',
  'DeleteItemCommand',
  'QueryCommand',
  'ScanCommand',
  'BatchGetItemCommand',
  'BatchWriteItemCommand',
  'TransactGetItemsCommand',
  'TransactWriteItemsCommand',
  'ExecuteStatementCommand',
  'BatchExecuteStatementCommand',
  'ExecuteTransactionCommand',
]);

/** A failed write's units by the documented rules (items taken as up to 1 KB): DynamoDB Local reports none. */
function failedWriteUnits(commandName: string, input: { TransactItems?: unknown[] }): number {
  if (commandName === 'TransactWriteItemsCommand') return 2 * (input.TransactItems?.length ?? 1);
  return ['PutItemCommand', 'UpdateItemCommand', 'DeleteItemCommand'].includes(commandName) ? 1 : 0;
}

/**
 * Asks every call for its consumed capacity (free on AWS, a few bytes more in the answer) and
 * records it, so the cost of a workload can be measured from the same code that runs it.
 * An explicit ReturnConsumedCapacity (e.g. INDEXES or NONE) is left as the caller set it.
 */
function recordConsumedCapacityOf(dynamoDb: DynamoDBClient): void {
  dynamoDb.middlewareStack.add(
    (next, context) => async (args) => {
      const commandName = context.commandName ?? '';
      if (!capacityReportingCommands.has(commandName)) return next(args);
      const input = args.input as { ReturnConsumedCapacity?: string; TransactItems?: unknown[] };
      const request = input.ReturnConsumedCapacity === undefined ? { ...args, input: { ...input, ReturnConsumedCapacity: 'TOTAL' } } : args;
      try {
        const result = await next(request);
        recordConsumedCapacity(commandName, (result.output as { ConsumedCapacity?: ConsumedCapacity | ConsumedCapacity[] }).ConsumedCapacity);
        return result;
      } catch (error) {
        recordFailedCall(commandName, failedWriteUnits(commandName, input));
        throw error;
      }
    },
    { step: 'initialize', name: 'omsConsumedCapacity' },
  );
}

/**
 * One SDK client per process, reused across invocations. The endpoint is the SDK's own concern:
 * AWS_ENDPOINT_URL_DYNAMODB points it at DynamoDB Local, and is unset on AWS.
 */
export function dynamoDbClient(): DynamoDBClient {
  if (!client) {
    client = new DynamoDBClient({ maxAttempts: 5 });
    // The document client shares this stack, so its commands are covered too.
    recordConsumedCapacityOf(client);
  }
  return client;
}

export function dynamoDbDocumentClient(): DynamoDBDocumentClient {
  documentClient ??= DynamoDBDocumentClient.from(dynamoDbClient(), {
    marshallOptions: { removeUndefinedValues: true },
  });
  return documentClient;
}

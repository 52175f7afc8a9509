import { BatchGetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

type Item = Record<string, unknown>;

export interface BatchGetOptions {
  readonly consistentRead?: boolean;
  readonly projection?: { readonly ProjectionExpression: string; readonly ExpressionAttributeNames: Record<string, string> };
  /** Waits before asking again for keys DynamoDB left unprocessed; replaceable in tests. */
  readonly sleep?: (ms: number) => Promise<void>;
}

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * The items of these keys (missing ones left out, in no particular order): 100 keys to a
 * BatchGetItem, the batches side by side. Keys DynamoDB leaves unprocessed (throttling, or the
 * 16 MB answer limit) are asked again after a growing, jittered wait, as AWS advises.
 */
export async function batchGetItems(client: DynamoDBDocumentClient, tableName: string, keys: readonly Item[], { consistentRead, projection, sleep = pause }: BatchGetOptions = {}): Promise<Item[]> {
  const batches: Item[][] = [];
  for (let index = 0; index < keys.length; index += 100) batches.push(keys.slice(index, index + 100));
  const found = await Promise.all(
    batches.map(async (batch) => {
      const items: Item[] = [];
      for (let pending = batch, attempt = 0; pending.length > 0; attempt++) {
        if (attempt > 0) await sleep(Math.random() * 25 * 2 ** Math.min(attempt, 8));
        const answer = await client.send(
          new BatchGetCommand({ RequestItems: { [tableName]: { Keys: pending, ...(consistentRead && { ConsistentRead: true }), ...projection } } }),
        );
        items.push(...(answer.Responses?.[tableName] ?? []));
        pending = (answer.UnprocessedKeys?.[tableName]?.Keys as Item[] | undefined) ?? [];
      }
      return items;
    }),
  );
  return found.flat();
}

import { QueryCommand, ScanCommand, type DynamoDBDocumentClient, type QueryCommandInput, type ScanCommandInput } from '@aws-sdk/lib-dynamodb';

type Item = Record<string, unknown>;

/** A query as the caller writes it; paging sets the start key. */
export type PagedQuery = Omit<QueryCommandInput, 'ExclusiveStartKey'>;

/** Pages of a read that answers at most 1 MB at a time, following LastEvaluatedKey to the last page. */
async function* pagesOf(read: (startKey: Item | undefined) => Promise<{ Items?: Item[]; LastEvaluatedKey?: Item }>): AsyncGenerator<Item[]> {
  let startKey: Item | undefined;
  do {
    const page = await read(startKey);
    yield page.Items ?? [];
    startKey = page.LastEvaluatedKey;
  } while (startKey);
}

/** A query's items page by page, to the last page or until the caller stops reading. */
export const queryPages = (client: DynamoDBDocumentClient, input: PagedQuery): AsyncGenerator<Item[]> =>
  pagesOf((startKey) => client.send(new QueryCommand({ ...input, ExclusiveStartKey: startKey })));

/** Every item a query matches, across all its pages. */
export async function queryAll(client: DynamoDBDocumentClient, input: PagedQuery): Promise<Item[]> {
  const items: Item[] = [];
  for await (const page of queryPages(client, input)) items.push(...page);
  return items;
}

/** A scan's items page by page (maintenance only: the request paths query, never scan). */
export const scanPages = (client: DynamoDBDocumentClient, input: Omit<ScanCommandInput, 'ExclusiveStartKey'>): AsyncGenerator<Item[]> =>
  pagesOf((startKey) => client.send(new ScanCommand({ ...input, ExclusiveStartKey: startKey })));

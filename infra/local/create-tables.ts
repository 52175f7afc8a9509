/**
 * Creates the local tables from infra/definitions/tables.ts, the definitions CDK deploys.
 */
import {
  CreateTableCommand,
  DescribeTableCommand,
  ResourceInUseException,
  UpdateTimeToLiveCommand,
  type CreateTableCommandInput,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import type { TableDefinition } from '../definitions/tables';

const streamViewTypes = { NEW_IMAGE: 'NEW_IMAGE', NEW_AND_OLD_IMAGES: 'NEW_AND_OLD_IMAGES' } as const;

export function toCreateTableInput(definition: TableDefinition, tableName: string): CreateTableCommandInput {
  const keyAttributes = [
    definition.partitionKey,
    definition.sortKey,
    ...definition.globalSecondaryIndexes.flatMap((index) => [index.partitionKey, index.sortKey]),
  ].filter((attribute) => attribute !== undefined);
  const attributeDefinitions = [...new Map(keyAttributes.map((a) => [a.name, a])).values()];
  const keySchema = (partitionKey: { name: string }, sortKey?: { name: string }) => [
    { AttributeName: partitionKey.name, KeyType: 'HASH' as const },
    ...(sortKey ? [{ AttributeName: sortKey.name, KeyType: 'RANGE' as const }] : []),
  ];
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: attributeDefinitions.map((a) => ({ AttributeName: a.name, AttributeType: a.type })),
    KeySchema: keySchema(definition.partitionKey, definition.sortKey),
    ...(definition.globalSecondaryIndexes.length > 0 && {
      GlobalSecondaryIndexes: definition.globalSecondaryIndexes.map((index) => ({
        IndexName: index.indexName,
        KeySchema: keySchema(index.partitionKey, index.sortKey),
        Projection: { ProjectionType: 'ALL' },
      })),
    }),
    ...(definition.stream && {
      StreamSpecification: { StreamEnabled: true, StreamViewType: streamViewTypes[definition.stream] },
    }),
  };
}

/** Creates each table unless it exists (a persistent local database keeps them between runs). */
export async function createTables(client: DynamoDBClient, definitions: { definition: TableDefinition; tableName: string }[]) {
  for (const { definition, tableName } of definitions) {
    try {
      await client.send(new CreateTableCommand(toCreateTableInput(definition, tableName)));
    } catch (error) {
      if (!(error instanceof ResourceInUseException)) throw error;
      continue;
    }
    await client.send(new DescribeTableCommand({ TableName: tableName }));
    if (definition.timeToLiveAttribute) {
      await client.send(
        new UpdateTimeToLiveCommand({
          TableName: tableName,
          TimeToLiveSpecification: { Enabled: true, AttributeName: definition.timeToLiveAttribute },
        }),
      );
    }
  }
}

/**
 * Creates the local tables from infra/definitions/tables.ts, the definitions CDK deploys.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import {
  CreateTableCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  ResourceInUseException,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
  type CreateTableCommandInput,
  type Projection,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import type { GlobalSecondaryIndexDefinition, TableDefinition } from '../definitions/tables';

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
        Projection: projectionOf(index),
      })),
    }),
    ...(definition.stream && {
      StreamSpecification: { StreamEnabled: true, StreamViewType: streamViewTypes[definition.stream] },
    }),
  };
}

const projectionOf = (index: GlobalSecondaryIndexDefinition): Projection => {
  const projection = index.projection ?? { type: 'ALL' };
  return projection.type === 'INCLUDE' ? { ProjectionType: 'INCLUDE', NonKeyAttributes: [...projection.attributes] } : { ProjectionType: projection.type };
};

const sameProjection = (a: Projection | undefined, b: Projection | undefined) =>
  a?.ProjectionType === b?.ProjectionType && JSON.stringify([...(a?.NonKeyAttributes ?? [])].sort()) === JSON.stringify([...(b?.NonKeyAttributes ?? [])].sort());

/**
 * Adds the indexes a table kept from an earlier run (a persistent local database) does not have yet,
 * one at a time as DynamoDB requires, as a CDK deploy of the new definition would.
 */
async function addMissingIndexes(client: DynamoDBClient, definition: TableDefinition, tableName: string) {
  const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
  const existing = new Map((Table?.GlobalSecondaryIndexes ?? []).map((index) => [index.IndexName, index]));
  const wanted = toCreateTableInput(definition, tableName);
  for (const index of wanted.GlobalSecondaryIndexes ?? []) {
    const current = existing.get(index.IndexName);
    if (current && sameProjection(current.Projection, index.Projection)) continue;
    // A projection cannot change in place: the index is rebuilt, as a CloudFormation update replaces it.
    if (current) await dropIndex(client, tableName, index.IndexName as string);
    const keyNames = new Set(index.KeySchema?.map((key) => key.AttributeName));
    await client.send(
      new UpdateTableCommand({
        TableName: tableName,
        AttributeDefinitions: wanted.AttributeDefinitions?.filter((attribute) => keyNames.has(attribute.AttributeName)),
        GlobalSecondaryIndexUpdates: [{ Create: index }],
      }),
    );
    for (let polls = 0; polls < 300; polls++) {
      const { Table: updated } = await client.send(new DescribeTableCommand({ TableName: tableName }));
      if (updated?.GlobalSecondaryIndexes?.find((candidate) => candidate.IndexName === index.IndexName)?.IndexStatus === 'ACTIVE') break;
      await sleep(100);
    }
  }
}

async function dropIndex(client: DynamoDBClient, tableName: string, indexName: string) {
  await client.send(new UpdateTableCommand({ TableName: tableName, GlobalSecondaryIndexUpdates: [{ Delete: { IndexName: indexName } }] }));
  for (let polls = 0; polls < 300; polls++) {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    if (!Table?.GlobalSecondaryIndexes?.some((candidate) => candidate.IndexName === indexName)) return;
    await sleep(100);
  }
}

/** A table kept from an earlier run gets the TTL a newer definition added, as a CDK deploy would give it. */
async function enableMissingTimeToLive(client: DynamoDBClient, definition: TableDefinition, tableName: string) {
  if (!definition.timeToLiveAttribute) return;
  const { TimeToLiveDescription } = await client.send(new DescribeTimeToLiveCommand({ TableName: tableName }));
  if (TimeToLiveDescription?.TimeToLiveStatus === 'ENABLED') return;
  await client.send(new UpdateTimeToLiveCommand({ TableName: tableName, TimeToLiveSpecification: { Enabled: true, AttributeName: definition.timeToLiveAttribute } }));
}

/** Creates each table unless it exists (a persistent local database keeps them between runs, and gets new indexes). */
export async function createTables(client: DynamoDBClient, definitions: { definition: TableDefinition; tableName: string }[]) {
  for (const { definition, tableName } of definitions) {
    try {
      await client.send(new CreateTableCommand(toCreateTableInput(definition, tableName)));
    } catch (error) {
      if (!(error instanceof ResourceInUseException)) throw error;
      await addMissingIndexes(client, definition, tableName);
      await enableMissingTimeToLive(client, definition, tableName);
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

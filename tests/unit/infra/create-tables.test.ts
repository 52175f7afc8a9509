import { describe, expect, it } from 'vitest';
import { idempotencyTable, ordersTable, type TableDefinition } from '../../../infra/definitions/tables';
import { toCreateTableInput } from '../../../infra/local/create-tables';

describe('toCreateTableInput', () => {
  it('creates the orders table with its keys, five indexes projecting keys (and status where a filter needs it), a NEW_AND_OLD_IMAGES stream and on-demand billing', () => {
    // Act
    const input = toCreateTableInput(ordersTable, 'x');

    // Assess
    const index = (IndexName: string, pk: string, sk: string, Projection: Record<string, unknown> = { ProjectionType: 'KEYS_ONLY' }) => ({
      IndexName,
      KeySchema: [
        { AttributeName: pk, KeyType: 'HASH' },
        { AttributeName: sk, KeyType: 'RANGE' },
      ],
      Projection,
    });
    expect(input).toEqual({
      TableName: 'x',
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: ['pk', 'sk', 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk', 'gsi3pk', 'gsi3sk', 'gsi4pk', 'gsi4sk', 'gsi5pk', 'gsi5sk'].map((AttributeName) => ({
        AttributeName,
        AttributeType: 'S',
      })),
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: [
        index('byChannelStatus', 'gsi1pk', 'gsi1sk'),
        index('byChannelCustomer', 'gsi2pk', 'gsi2sk', { ProjectionType: 'INCLUDE', NonKeyAttributes: ['status'] }),
        index('byChannelPlacedAt', 'gsi3pk', 'gsi3sk'),
        index('byOpsQueue', 'gsi4pk', 'gsi4sk'),
        index('byPlacedMonth', 'gsi5pk', 'gsi5sk'),
      ],
      StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
    });
  });

  it('defines an attribute shared by the table and its indexes only once', () => {
    // Prepare: an inverted index reusing the table's own key attributes
    const definition: TableDefinition = {
      id: 'Inverted',
      envVar: 'INVERTED_TABLE_NAME',
      partitionKey: { name: 'pk', type: 'S' },
      sortKey: { name: 'sk', type: 'S' },
      globalSecondaryIndexes: [
        { indexName: 'inverted', partitionKey: { name: 'sk', type: 'S' }, sortKey: { name: 'pk', type: 'S' } },
        { indexName: 'bySkOnly', partitionKey: { name: 'sk', type: 'S' } },
      ],
    };

    // Act
    const input = toCreateTableInput(definition, 'x');

    // Assess
    expect(input.AttributeDefinitions).toEqual([
      { AttributeName: 'pk', AttributeType: 'S' },
      { AttributeName: 'sk', AttributeType: 'S' },
    ]);
    expect(input.GlobalSecondaryIndexes?.[1]?.KeySchema).toEqual([{ AttributeName: 'sk', KeyType: 'HASH' }]);
  });

  it('creates a partition-key-only table without indexes or stream (the idempotency table)', () => {
    // Act
    const input = toCreateTableInput(idempotencyTable, 'oms-idempotency');

    // Assess
    expect(input).toEqual({
      TableName: 'oms-idempotency',
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
    });
  });
});

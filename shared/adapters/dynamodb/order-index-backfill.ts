/**
 * Puts the index keys of the current key design (order-keys.ts) on orders written before it: the
 * repository writes every key on each change, but an order that never changes again (a completed
 * one) would otherwise stay out of an index added later, such as byPlacedMonth. Idempotent and safe
 * beside live traffic: only the missing keys are set, and only if the order's version is still the
 * one read, since a concurrent change writes every key anyway.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { orderOfItem } from './order-item';
import { orderIndexKeys } from './order-keys';
import { scanPages } from './query-pages';

export interface BackfillReport {
  readonly orders: number;
  readonly updated: number;
  /** Changed while the backfill ran: their change wrote the keys. */
  readonly changedMeanwhile: number;
}

export async function backfillOrderIndexKeys(client: DynamoDBDocumentClient, tableName: string): Promise<BackfillReport> {
  let orders = 0;
  let updated = 0;
  let changedMeanwhile = 0;
  for await (const items of scanPages(client, { TableName: tableName, FilterExpression: '#entity = :order', ExpressionAttributeNames: { '#entity': 'entity' }, ExpressionAttributeValues: { ':order': 'Order' } })) {
    for (const item of items) {
      orders++;
      const missing = Object.entries(orderIndexKeys(orderOfItem(item))).filter(([name, value]) => item[name] !== value);
      if (missing.length === 0) continue;
      try {
        await client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: { pk: item.pk, sk: item.sk },
            UpdateExpression: `SET ${missing.map((_, index) => `#k${index} = :k${index}`).join(', ')}`,
            ConditionExpression: '#version = :version',
            ExpressionAttributeNames: { ...Object.fromEntries(missing.map(([name], index) => [`#k${index}`, name])), '#version': 'version' },
            ExpressionAttributeValues: { ...Object.fromEntries(missing.map(([, value], index) => [`:k${index}`, value])), ':version': item.version },
          }),
        );
        updated++;
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
        changedMeanwhile++;
      }
    }
  }
  return { orders, updated, changedMeanwhile };
}

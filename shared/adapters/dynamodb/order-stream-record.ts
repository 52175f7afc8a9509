/**
 * Reads newly captured orders out of orders-table stream records: the outbox from which every
 * order's lifecycle execution is started. Only INSERTs of order items count; updates, API keys,
 * waits and the rest of the table pass by.
 */
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { AttributeValue, DynamoDBRecord } from 'aws-lambda';
import { OrderSchema, type Order } from '../../contracts/order';
import { orderOfItem } from './order-item';

export function placedOrderOf(record: DynamoDBRecord): Order | undefined {
  const image = record.dynamodb?.NewImage;
  if (record.eventName !== 'INSERT' || !image || image.entity?.S !== 'Order') return undefined;
  return OrderSchema.parse(orderOfItem(unmarshall(image as Record<string, AttributeValue> as Parameters<typeof unmarshall>[0])));
}

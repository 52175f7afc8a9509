import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { DeadLetteredDeliveryRef, WebhookDeadLetterIndex } from '../../ports/webhook-dead-letter-index';
import { deadLetterIndexKeys, deadLetterPartition, deliveryKey, deliveryRefOfKeys } from './webhook-keys';

/** The webhooks table's byDeadLetter index (key design in webhook-keys.ts): every dead letter, oldest first. */
export class DynamoDbWebhookDeadLetterIndex implements WebhookDeadLetterIndex {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async deadLetters({ after, limit }: { after?: DeadLetteredDeliveryRef; limit: number }) {
    const page = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'byDeadLetter',
        KeyConditionExpression: 'gsi2pk = :partition',
        ExpressionAttributeValues: { ':partition': deadLetterPartition },
        ...(after && { ExclusiveStartKey: { ...deliveryKey(after.subscriptionId, after.deliveryId), ...deadLetterIndexKeys(after.deliveryId, after.deadLetteredAt) } }),
        // One more than the page tells whether any follows.
        Limit: limit + 1,
      }),
    );
    const deliveries = (page.Items ?? []).flatMap((item) => {
      const ref = deliveryRefOfKeys(item.pk, item.sk);
      const position = String(item.gsi2sk);
      return ref ? [{ ...ref, deadLetteredAt: position.slice(0, position.indexOf('#')) }] : [];
    });
    return { deliveries: deliveries.slice(0, limit), more: deliveries.length > limit || (page.LastEvaluatedKey !== undefined && (page.Items?.length ?? 0) <= limit) };
  }
}

/**
 * The sandbox notification sender: instead of an email or SMS provider, every message is written to
 * an outbox in the orders table, which the local runtime shows on GET /dev/outbox.
 *
 * The outbox is in DynamoDB rather than in memory because the sender runs inside a Lambda handler and
 * the dev route inside the HTTP gateway: they share nothing but the table, as on AWS, so the outbox
 * shows what the deployed code path did, and it survives a restart of `npm start` like the orders.
 */
import { PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import type { CustomerMessage, NotificationSender, SentMessage } from '../../ports/notification-sender';
import { sandboxOutboxKey, sandboxOutboxPartition, sandboxOutboxRetentionSeconds } from './notification-keys';

export type OutboxMessage = CustomerMessage & { readonly messageId: string; readonly sentAt: string };

export interface OutboxFilter {
  readonly to?: string;
  readonly orderId?: string;
  /** The newest this many matches; default 500. */
  readonly limit?: number;
}

const outboxFields = ['messageId', 'sentAt', 'channel', 'to', 'subject', 'text', 'html', 'orderId', 'eventId', 'notificationId', 'template', 'locale'] as const;

export class DynamoDbSandboxOutbox implements NotificationSender {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async send(message: CustomerMessage): Promise<SentMessage> {
    const messageId = `outbox_${ulid()}`;
    const sentAt = this.now().toISOString();
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          ...sandboxOutboxKey(sentAt, messageId),
          entity: 'SandboxOutboxMessage',
          ...message,
          messageId,
          sentAt,
          expiresAtEpoch: Math.floor(this.now().getTime() / 1000) + sandboxOutboxRetentionSeconds,
        },
      }),
    );
    return { providerMessageId: messageId };
  }

  /** Messages sent to `to` and/or about `orderId`, oldest first. */
  async list({ to, orderId, limit = 500 }: OutboxFilter = {}): Promise<OutboxMessage[]> {
    const filters = [...(to ? ['#to = :to'] : []), ...(orderId ? ['orderId = :orderId'] : [])];
    const found: OutboxMessage[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk',
          ScanIndexForward: false,
          ...(filters.length > 0 && { FilterExpression: filters.join(' AND ') }),
          ExpressionAttributeNames: { '#to': 'to', ...Object.fromEntries(outboxFields.filter((field) => field !== 'to').map((field) => [`#${field}`, field])) },
          ProjectionExpression: outboxFields.map((field) => `#${field}`).join(', '),
          ExpressionAttributeValues: { ':pk': sandboxOutboxPartition, ...(to && { ':to': to }), ...(orderId && { ':orderId': orderId }) },
          ...(startKey && { ExclusiveStartKey: startKey }),
        }),
      );
      found.push(...((page.Items ?? []) as OutboxMessage[]));
      startKey = page.LastEvaluatedKey;
    } while (startKey && found.length < limit);
    return found.slice(0, limit).reverse();
  }
}

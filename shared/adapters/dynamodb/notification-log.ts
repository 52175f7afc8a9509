import { gunzipSync, gzipSync } from 'node:zlib';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ClaimResult, NotificationClaim, NotificationKey, NotificationLog, NotificationRecord, NotificationStatus } from '../../ports/notification-log';
import type { CustomerMessage } from '../../ports/notification-sender';
import { notificationKey, notificationRetentionSeconds } from './notification-keys';

const isConditionFailure = (error: unknown) => error instanceof ConditionalCheckFailedException;

/** Claims after a release race: a record removed between the failed claim and the read is claimed again. */
const claimAttempts = 3;

/**
 * The notification records in the orders table (notification-keys.ts). A claim is one conditional
 * put; the record holds no address or text, only what was sent for which order and how it ended.
 */
/**
 * The message is kept gzipped, as binary: an email's HTML is a few KB, and the log item is written
 * twice per message (claim, then outcome), each write billed by the item's size in KB.
 */
const packMessage = (message: CustomerMessage): Uint8Array => gzipSync(JSON.stringify(message));
const unpackMessage = (packed: Uint8Array): CustomerMessage => JSON.parse(gunzipSync(packed).toString('utf8')) as CustomerMessage;

export class DynamoDbNotificationLog implements NotificationLog {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async claim(key: NotificationKey, { message, ...claim }: NotificationClaim): Promise<ClaimResult> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.client.send(
          new PutCommand({
            TableName: this.tableName,
            Item: {
              ...notificationKey(key),
              entity: 'Notification',
              status: 'SENDING' satisfies NotificationStatus,
              eventId: key.eventId,
              channel: key.channel,
              ...claim,
              ...(message && { message: packMessage(message) }),
              expiresAtEpoch: Math.floor(Date.parse(claim.claimedAt) / 1000) + notificationRetentionSeconds,
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        );
        return { claimed: true };
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
      }
      const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: notificationKey(key), ConsistentRead: true }));
      if (Item) return { claimed: false, status: Item.status as NotificationStatus, claimedAt: String(Item.claimedAt) };
      if (attempt >= claimAttempts) throw new Error(`Notification ${key.eventId}/${key.channel} keeps being claimed and released`);
    }
  }

  async find(key: NotificationKey): Promise<NotificationRecord | undefined> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: notificationKey(key), ConsistentRead: true }));
    if (!Item) return undefined;
    return {
      status: Item.status as NotificationStatus,
      orderId: String(Item.orderId),
      template: String(Item.template),
      claimedAt: String(Item.claimedAt),
      ...(Item.message instanceof Uint8Array && { message: unpackMessage(Item.message) }),
    };
  }

  async markSent(key: NotificationKey, providerMessageId: string, at: string): Promise<void> {
    await this.settle(key, 'SENT', { sentAt: at, providerMessageId });
  }

  async markFailed(key: NotificationKey, reason: string, at: string): Promise<void> {
    await this.settle(key, 'FAILED', { failedAt: at, reason });
  }

  async markUncertain(key: NotificationKey, reason: string, at: string, claimedAt: string): Promise<void> {
    try {
      // Only the claim this caller saw: a sender that finished meanwhile keeps its SENT.
      await this.settle(key, 'UNCERTAIN', { uncertainSince: at, reason }, claimedAt);
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
  }

  async release(key: NotificationKey, claimedAt: string): Promise<void> {
    try {
      await this.client.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: notificationKey(key),
          ConditionExpression: '#status = :sending AND claimedAt = :claimedAt',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':sending': 'SENDING', ':claimedAt': claimedAt },
        }),
      );
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
  }

  private async settle(key: NotificationKey, status: Exclude<NotificationStatus, 'SENDING'>, attributes: Record<string, string>, onlyClaimedAt?: string): Promise<void> {
    const names = Object.keys(attributes);
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: notificationKey(key),
        UpdateExpression: `SET #status = :status, ${names.map((name, index) => `#a${index} = :a${index}`).join(', ')}`,
        ConditionExpression: onlyClaimedAt === undefined ? 'attribute_exists(pk)' : 'attribute_exists(pk) AND #status = :sending AND claimedAt = :claimedAt',
        ExpressionAttributeNames: { '#status': 'status', ...Object.fromEntries(names.map((name, index) => [`#a${index}`, name])) },
        ExpressionAttributeValues: {
          ':status': status,
          ...Object.fromEntries(names.map((name, index) => [`:a${index}`, attributes[name]])),
          ...(onlyClaimedAt !== undefined && { ':sending': 'SENDING', ':claimedAt': onlyClaimedAt }),
        },
      }),
    );
  }
}

import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { decodeCursor, encodeCursor } from '../../domain/cursor';
import type { DeliveryStatus, WebhookDelivery } from '../../domain/webhooks/delivery';
import type { WebhookSubscription } from '../../domain/webhooks/subscription';
import type { DeliveryPage, DeliveryRef, EventPayloadRecord, WebhookDeliveryStore, WebhookSubscriptionStore } from '../../ports/webhook-store';
import { queryAll } from './query-pages';
import { transactWrite } from './transaction-retry';
import {
  channelSubscriptionsPartition,
  deadLetterIndexKeys,
  deliveryKey,
  deliveryPartition,
  deliveryPrefix,
  deliveryRefOfKeys,
  dueIndexKeys,
  duePartition,
  dueShards,
  eventPayloadKey,
  subscriptionKey,
  subscriptionPrefix,
} from './webhook-keys';

type Item = Record<string, unknown>;

const epochSeconds = (iso: string) => Math.floor(Date.parse(iso) / 1000);

/** What the table adds to a record: keys, index keys, entity and TTL. */
const storageAttributes = ['pk', 'sk', 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk', 'entity', 'expiresAtEpoch'];
const recordOf = <Record_>(item: Item): Record_ =>
  Object.fromEntries(Object.entries(item).filter(([name]) => !storageAttributes.includes(name))) as Record_;

const subscriptionItem = (subscription: WebhookSubscription): Item => ({
  ...subscriptionKey(subscription.channelId, subscription.id),
  entity: 'WebhookSubscription',
  ...subscription,
});

/** A delivery is in the retry schedule (a sparse index) exactly while it is pending, and in the dead letters while dead-lettered. */
const deliveryItem = (delivery: WebhookDelivery): Item => ({
  ...deliveryKey(delivery.subscriptionId, delivery.id),
  entity: 'WebhookDelivery',
  ...delivery,
  ...(delivery.status === 'PENDING' && delivery.nextAttemptAt && dueIndexKeys(delivery.id, delivery.nextAttemptAt)),
  ...(delivery.status === 'DEAD_LETTERED' && delivery.deadLetteredAt && deadLetterIndexKeys(delivery.id, delivery.deadLetteredAt)),
  expiresAtEpoch: epochSeconds(delivery.expiresAt),
});

const isConditionFailure = (error: unknown) => error instanceof ConditionalCheckFailedException;

/**
 * Webhook subscriptions, deliveries and payloads in the webhooks table; key design in webhook-keys.ts.
 * Reads that decide a write (a claim, a redrive) are strongly consistent.
 */
export class DynamoDbWebhookStore implements WebhookSubscriptionStore, WebhookDeliveryStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async createSubscription(subscription: WebhookSubscription): Promise<void> {
    await this.client.send(new PutCommand({ TableName: this.tableName, Item: subscriptionItem(subscription), ConditionExpression: 'attribute_not_exists(pk)' }));
  }

  async getSubscription(channelId: string, subscriptionId: string): Promise<WebhookSubscription | undefined> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: subscriptionKey(channelId, subscriptionId), ConsistentRead: true }));
    return Item && recordOf<WebhookSubscription>(Item);
  }

  async listSubscriptions(channelId: string): Promise<WebhookSubscription[]> {
    const items = await queryAll(this.client, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': channelSubscriptionsPartition(channelId), ':prefix': subscriptionPrefix },
      ConsistentRead: true,
    });
    return items.map((item) => recordOf<WebhookSubscription>(item));
  }

  async replaceSubscription(subscription: WebhookSubscription, expectedVersion: number): Promise<boolean> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: subscriptionItem(subscription),
          ConditionExpression: 'version = :expected',
          ExpressionAttributeValues: { ':expected': expectedVersion },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  async deleteSubscription(channelId: string, subscriptionId: string): Promise<boolean> {
    try {
      await this.client.send(new DeleteCommand({ TableName: this.tableName, Key: subscriptionKey(channelId, subscriptionId), ConditionExpression: 'attribute_exists(pk)' }));
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  async createDeliveries(payload: EventPayloadRecord, deliveries: readonly WebhookDelivery[]): Promise<boolean> {
    try {
      await transactWrite(this.client, [
        {
          Put: {
            TableName: this.tableName,
            Item: { ...eventPayloadKey(payload.eventId), entity: 'WebhookEventPayload', ...payload, expiresAtEpoch: epochSeconds(payload.expiresAt) },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        ...deliveries.map((delivery) => ({ Put: { TableName: this.tableName, Item: deliveryItem(delivery), ConditionExpression: 'attribute_not_exists(pk)' } })),
      ]);
      return true;
    } catch (error) {
      // The payload exists: this event was fanned out before (its deliveries were created with it).
      const reasons = error instanceof TransactionCanceledException ? (error.CancellationReasons ?? []) : [];
      if (reasons[0]?.Code === 'ConditionalCheckFailed') return false;
      throw error;
    }
  }

  async eventPayload(eventId: string): Promise<string | undefined> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: eventPayloadKey(eventId), ProjectionExpression: 'body' }));
    return typeof Item?.body === 'string' ? Item.body : undefined;
  }

  async retainEventPayload(eventId: string, expiresAt: string): Promise<void> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: eventPayloadKey(eventId),
          UpdateExpression: 'SET expiresAt = :expiresAt, expiresAtEpoch = :epoch',
          // Never shortens it (another redrive may have set a later date).
          ConditionExpression: 'attribute_exists(pk) AND expiresAtEpoch < :epoch',
          ExpressionAttributeValues: { ':expiresAt': expiresAt, ':epoch': epochSeconds(expiresAt) },
        }),
      );
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
  }

  async getDelivery(ref: DeliveryRef): Promise<WebhookDelivery | undefined> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: deliveryKey(ref.subscriptionId, ref.deliveryId), ConsistentRead: true }));
    return Item && recordOf<WebhookDelivery>(Item);
  }

  async replaceDelivery(delivery: WebhookDelivery, expectedRevision: number): Promise<boolean> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: deliveryItem(delivery),
          ConditionExpression: 'revision = :expected',
          ExpressionAttributeValues: { ':expected': expectedRevision },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  async dueDeliveries(asOf: Date, limit: number): Promise<DeliveryRef[]> {
    const perShard = Math.max(1, Math.ceil(limit / dueShards));
    const shards = await Promise.all(
      Array.from({ length: dueShards }, async (_, shard) => {
        const { Items = [] } = await this.client.send(
          new QueryCommand({
            TableName: this.tableName,
            IndexName: 'byNextAttempt',
            KeyConditionExpression: 'gsi1pk = :shard AND gsi1sk <= :asOf',
            ExpressionAttributeValues: { ':shard': duePartition(shard), ':asOf': asOf.toISOString() },
            Limit: perShard,
          }),
        );
        return Items.flatMap((item) => deliveryRefOfKeys(item.pk, item.sk) ?? []);
      }),
    );
    return shards.flat().slice(0, limit);
  }

  async listDeliveries(subscriptionId: string, { status, limit, cursor }: { status?: DeliveryStatus; limit: number; cursor?: string }): Promise<DeliveryPage> {
    const partition = deliveryPartition(subscriptionId);
    let startKey: Item | undefined = cursor ? decodeCursor(cursor, deliveryCursorOf(partition)) : undefined;
    const deliveries: WebhookDelivery[] = [];
    // A status filter is applied after the read, so a page may need several reads; bounded, it then ends early with a cursor.
    for (let reads = 0; reads < 10 && deliveries.length < limit; reads++) {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          ...(status && { FilterExpression: '#status = :status', ExpressionAttributeNames: { '#status': 'status' } }),
          ExpressionAttributeValues: { ':pk': partition, ':prefix': deliveryPrefix, ...(status && { ':status': status }) },
          ScanIndexForward: false,
          Limit: status ? Math.max(limit, 100) : limit - deliveries.length,
          ExclusiveStartKey: startKey,
        }),
      );
      for (const item of page.Items ?? []) {
        if (deliveries.length === limit) {
          // The page is full mid-read: the next one starts after the last delivery returned.
          return { deliveries, nextCursor: deliveryCursor(deliveryKey(subscriptionId, deliveries[deliveries.length - 1]?.id ?? '')) };
        }
        deliveries.push(recordOf<WebhookDelivery>(item));
      }
      startKey = page.LastEvaluatedKey;
      if (!startKey) break;
    }
    return { deliveries, ...(startKey && { nextCursor: deliveryCursor(startKey) }) };
  }
}

/** A cursor is only valid for the subscription whose log produced it. */
const deliveryCursorOf = (partition: string) => z.object({ pk: z.literal(partition), sk: z.string().startsWith(deliveryPrefix) });
const deliveryCursor = (key: Item) => encodeCursor({ pk: key.pk, sk: key.sk });

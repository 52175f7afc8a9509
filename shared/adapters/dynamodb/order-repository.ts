import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Order } from '../../contracts/order';
import * as z from 'zod';
import { decodeCursor, encodeCursor } from '../../domain/cursor';
import type { InsertOrderResult, OrderPageQuery, OrderRepository, StoredOrder } from '../../ports/order-repository';
import { channelRefKey, orderIndexes, orderIndexKeys, orderKey, sparseOrderIndexAttributes } from './order-keys';
import { batchGetItems } from './batch-get';
import { bodyOrderFields, orderAttributes, orderOfItem, plainOrderFields } from './order-item';
import { failedConditionIndexes, transactWrite } from './transaction-retry';

type Item = Record<string, unknown>;

const toOrder = orderOfItem;

const toStoredOrder = (item: Item): StoredOrder => ({
  order: toOrder(item),
  requestFingerprint: String(item.requestFingerprint),
});

export class DynamoDbOrderRepository implements OrderRepository {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async insert({ order, requestFingerprint }: StoredOrder): Promise<InsertOrderResult> {
    const writes = [
      {
        Put: {
          TableName: this.tableName,
          Item: { ...orderKey(order.id), ...orderIndexKeys(order), entity: 'Order', requestFingerprint, ...orderAttributes(order) },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      {
        Put: {
          TableName: this.tableName,
          Item: { ...channelRefKey(order.channelId, order.channelOrderRef), entity: 'ChannelOrderRef', orderId: order.id },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
    ];
    try {
      await transactWrite(this.client, writes);
      return { inserted: true };
    } catch (error) {
      if (failedConditionIndexes(error).includes(1)) return { inserted: false, reason: 'channel-order-ref-taken' };
      throw error;
    }
  }

  async get(orderId: string): Promise<StoredOrder | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: orderKey(orderId), ConsistentRead: true }),
    );
    return Item && Item.entity === 'Order' ? toStoredOrder(Item) : undefined;
  }

  async update(order: Order, expectedVersion: number): Promise<boolean> {
    // SET of the order's attributes (not a Put): the item keeps what is not part of the order, such
    // as the capture request's fingerprint. Index keys follow, so the status index shows the new status.
    // Plain fields the new version no longer has are removed, and so are the keys of a sparse index it
    // has left (an order that closed leaves the ops queues), and the plain copies of body fields an
    // item written before the body existed still carries.
    const indexKeys: Item = orderIndexKeys(order);
    const attributes = Object.entries({ ...orderAttributes(order), ...indexKeys }).filter(([, value]) => value !== undefined);
    const removed = [
      ...plainOrderFields.filter((name) => order[name] === undefined),
      ...bodyOrderFields,
      ...sparseOrderIndexAttributes.filter((name) => indexKeys[name] === undefined),
    ];
    const names = {
      ...Object.fromEntries(attributes.map(([name], index) => [`#a${index}`, name])),
      ...Object.fromEntries(removed.map((name, index) => [`#r${index}`, name])),
    };
    const values = Object.fromEntries(attributes.map(([, value], index) => [`:v${index}`, value]));
    const set = `SET ${attributes.map((_, index) => `#a${index} = :v${index}`).join(', ')}`;
    const remove = removed.length > 0 ? ` REMOVE ${removed.map((_, index) => `#r${index}`).join(', ')}` : '';
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: orderKey(order.id),
          UpdateExpression: `${set}${remove}`,
          ConditionExpression: '#version = :expected',
          ExpressionAttributeNames: { ...names, '#version': 'version' },
          ExpressionAttributeValues: { ...values, ':expected': expectedVersion },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  /** The orders of these ids that exist, strongly consistent, in the order asked. */
  async getMany(orderIds: readonly string[]): Promise<Order[]> {
    // BatchGet refuses a request that names a key twice.
    return this.getByKeys([...new Set(orderIds)].map(orderKey));
  }

  /** The orders of these keys, in the keys' order, strongly consistent. */
  private async getByKeys(keys: readonly Item[]): Promise<Order[]> {
    const items = await batchGetItems(this.client, this.tableName, keys.map((key) => ({ pk: key.pk, sk: key.sk })), { consistentRead: true });
    const found = new Map(items.map((item) => [String(item.pk), toOrder(item)]));
    return keys.flatMap((key) => found.get(String(key.pk)) ?? []);
  }

  async findByChannelOrderRef(channelId: string, channelOrderRef: string): Promise<StoredOrder | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: channelRefKey(channelId, channelOrderRef), ConsistentRead: true }),
    );
    return Item ? this.get(String(Item.orderId)) : undefined;
  }

  async list(query: OrderPageQuery): Promise<{ orders: Order[]; nextCursor?: string }> {
    const { index, partitionKey, filterOnStatus } = chooseIndex(query);
    const keyCondition = [`#pk = :pk`];
    const values: Item = { ':pk': partitionKey };
    const names: Record<string, string> = { '#pk': index.pk };
    const from = query.placedFrom && normalizeInstant(query.placedFrom);
    const to = query.placedTo && normalizeInstant(query.placedTo);
    if (from || to) names['#sk'] = index.sk;
    // Sort keys are `<placedAt>#<orderId>`, so `< to` excludes orders placed exactly at `to`.
    if (from && to) {
      keyCondition.push('#sk BETWEEN :from AND :to');
      Object.assign(values, { ':from': from, ':to': to });
    } else if (from) {
      keyCondition.push('#sk >= :from');
      values[':from'] = from;
    } else if (to) {
      keyCondition.push('#sk < :to');
      values[':to'] = to;
    }
    if (filterOnStatus) {
      names['#status'] = 'status';
      values[':status'] = query.status;
    }

    const orders: Order[] = [];
    const indexItems: Item[] = [];
    let lastItem: Item | undefined;
    let startKey = query.cursor ? decodeCursor(query.cursor, cursorOf(index.pk, partitionKey)) : undefined;
    let moreAfterLastItem = false;
    // A status filter on the customer index may return short pages; a few rounds fill the page.
    for (let round = 0; round < 5; round++) {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: index.name,
          KeyConditionExpression: keyCondition.join(' AND '),
          ...(filterOnStatus && { FilterExpression: '#status = :status' }),
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
          ScanIndexForward: false,
          Limit: query.limit - indexItems.length,
          ExclusiveStartKey: startKey,
        }),
      );
      for (const item of page.Items ?? []) {
        indexItems.push(item);
        lastItem = item;
      }
      startKey = page.LastEvaluatedKey;
      moreAfterLastItem = startKey !== undefined;
      if (!startKey || indexItems.length >= query.limit) break;
    }
    // The indexes hold keys only (small index writes on every lifecycle step); the orders are read
    // from the table, strongly consistent. An index entry a step is just moving may name an order
    // whose status already changed: it is left out rather than shown under the wrong status.
    for (const order of await this.getByKeys(indexItems)) {
      if (!query.status || order.status === query.status) orders.push(order);
    }
    if (!moreAfterLastItem) return { orders };
    const resumeFrom = lastItem ? pickKey(lastItem, index) : startKey;
    return { orders, ...(resumeFrom && { nextCursor: encodeCursor(resumeFrom) }) };
  }
}

function chooseIndex(query: OrderPageQuery) {
  if (query.customerId) {
    return {
      index: orderIndexes.byChannelCustomer,
      partitionKey: `CHANNEL#${query.channelId}#CUSTOMER#${query.customerId}`,
      filterOnStatus: query.status !== undefined,
    };
  }
  if (query.status) {
    return {
      index: orderIndexes.byChannelStatus,
      partitionKey: `CHANNEL#${query.channelId}#STATUS#${query.status}`,
      filterOnStatus: false,
    };
  }
  return { index: orderIndexes.byChannelPlacedAt, partitionKey: `CHANNEL#${query.channelId}`, filterOnStatus: false };
}

/** Stored instants are `toISOString()` strings; bounds must use the same shape to compare as text. */
const normalizeInstant = (instant: string) => new Date(instant).toISOString();

function pickKey(item: Item, index: { pk: string; sk: string }): Item {
  return { pk: item.pk, sk: item.sk, [index.pk]: item[index.pk], [index.sk]: item[index.sk] };
}

/** A cursor is only valid for the query (and so the channel) that produced it: its index partition must match. */
const cursorOf = (indexPk: string, expectedPartitionKey: string) =>
  z.record(z.string(), z.string()).refine((key) => key[indexPk] === expectedPartitionKey);

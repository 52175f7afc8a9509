import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { restockedLevel, type Location, type StockLevel, type StockSettings } from '../../contracts/inventory';
import { ConflictError } from '../../domain/errors';
import type {
  AdjustResult,
  ExpiredHolds,
  InventoryRepository,
  ReservationLine,
  ReservationRecord,
  ReserveResult,
  StockAdjustment,
} from '../../ports/inventory-repository';
import {
  adjustmentKey,
  holdExpiryIndexKeys,
  holdExpiryPartition,
  holdExpiryShards,
  locationIndexKeys,
  locationKey,
  reservationKey,
  reservationPartition,
  stockIndexKeys,
  stockKey,
} from './inventory-keys';
import { queryAll, queryPages } from './query-pages';
import { failedConditionIndexes, transactWrite, withTransactionConflictRetry } from './transaction-retry';

type Item = Record<string, unknown>;

/** DynamoDB allows 100 items per transaction; each reservation line writes two. */
const linesPerTransaction = 50;
/** A hot SKU makes concurrent reservations collide on one item; they retry longer than other writes. */
const reservationAttempts = 25;
/** Settling re-reads the ledger after losing a line to another settler; a handful of rounds ends any such race. */
const settleAttempts = 5;

/** Released units become available again; consumed (shipped) units leave on-hand with the reservation. */
const settledStockUpdate = {
  RELEASED: 'SET available = available + :quantity, reserved = reserved - :quantity, version = version + :one, updatedAt = :at',
  CONSUMED: 'SET onHand = onHand - :quantity, reserved = reserved - :quantity, version = version + :one, updatedAt = :at',
} as const;
/** A settled line leaves the sparse byHoldExpiry index, so the sweeper only ever reads open holds. */
const settledLineUpdate = 'SET #status = :status, updatedAt = :at REMOVE gsi2pk, gsi2sk';

const storage = ['pk', 'sk', 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk', 'entity'];
const strip = <T>(item: Item): T => {
  const copy: Item = { ...item };
  for (const attribute of storage) delete copy[attribute];
  return copy as T;
};
/**
 * `available` is stored as onHand − reserved − safetyStock exactly, negative when a count finds fewer
 * units than are reserved or held back; it is never below zero on the way out. Storing it unclamped
 * keeps the +/− arithmetic of adjustments and releases exact: a clamped zero plus a delta would
 * otherwise offer units that belong to reservations or safety stock.
 */
const toStock = (item: Item): StockLevel => {
  const stock = strip<StockLevel>(item);
  return { ...stock, available: Math.max(0, stock.available) };
};


/** A counted on-hand; settings left out keep their current values (or none, for new stock). */
export interface StockCount {
  readonly sku: string;
  readonly locationId: string;
  readonly onHand: number;
  readonly safetyStock?: number | undefined;
  readonly lowStockThreshold?: number | undefined;
}

const chunks = <T>(items: readonly T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, index) => items.slice(index * size, index * size + size));

const lineKey = (line: Pick<ReservationLine, 'sku' | 'locationId'>) => `${line.sku}@${line.locationId}`;

const locationItem = (location: Location): Item => ({ ...locationKey(location.id), ...locationIndexKeys(location.id), entity: 'Location', ...location });

export class DynamoDbInventoryRepository implements InventoryRepository, ExpiredHolds {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async saveLocation(location: Location): Promise<void> {
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: locationItem(location),
      }),
    );
  }

  /** Writes a new location; an existing one with the same id is left untouched. */
  async createLocation(location: Location): Promise<'created' | 'exists'> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: locationItem(location),
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return 'created';
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return 'exists';
      throw error;
    }
  }

  /** Replaces a location only while it is still at `expectedVersion` (optimistic locking). */
  async replaceLocation(location: Location, expectedVersion: number): Promise<'replaced' | 'version-mismatch'> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: locationItem(location),
          ConditionExpression: 'version = :expected',
          ExpressionAttributeValues: { ':expected': expectedVersion },
        }),
      );
      return 'replaced';
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return 'version-mismatch';
      throw error;
    }
  }

  async getLocation(locationId: string): Promise<Location | undefined> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: locationKey(locationId), ConsistentRead: true }));
    return Item ? strip<Location>(Item) : undefined;
  }

  async listLocations(): Promise<Location[]> {
    const items = await queryAll(this.client, {
      TableName: this.tableName,
      IndexName: 'byLocation',
      KeyConditionExpression: 'gsi1pk = :locations',
      ExpressionAttributeValues: { ':locations': 'LOCATIONS' },
    });
    return items.map((item) => strip<Location>(item));
  }

  async getStock(sku: string, locationId: string): Promise<StockLevel | undefined> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: stockKey(sku, locationId), ConsistentRead: true }));
    return Item ? toStock(Item) : undefined;
  }

  async stockOfSkus(skus: readonly string[]): Promise<StockLevel[]> {
    const stockOfSku = (sku: string) =>
      queryAll(this.client, {
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': `STOCK#${sku}` },
        ConsistentRead: true,
      });
    const pages = await Promise.all([...new Set(skus)].map(stockOfSku));
    return pages.flat().map(toStock);
  }

  async initializeStock(stock: Pick<StockLevel, 'sku' | 'locationId' | 'onHand' | 'safetyStock' | 'incoming'> & { lowStockThreshold?: number }): Promise<void> {
    await this.rewriteStock(stock.sku, stock.locationId, () => stock);
  }

  /** Sets a counted on-hand, keeping reservations, incoming deliveries and every setting the count leaves out. */
  async recordCount(count: StockCount): Promise<StockLevel> {
    return this.rewriteStock(count.sku, count.locationId, (current) => ({
      onHand: count.onHand,
      safetyStock: count.safetyStock ?? current?.safetyStock ?? 0,
      incoming: current?.incoming ?? [],
      lowStockThreshold: count.lowStockThreshold ?? current?.lowStockThreshold,
    }));
  }

  /** Read-modify-write of one stock record under its version: reservations already held are kept, never overwritten. */
  private async rewriteStock(sku: string, locationId: string, settingsOf: (current: StockLevel | undefined) => StockSettings): Promise<StockLevel> {
    for (let attempt = 0; attempt < 10; attempt++) {
      const current = await this.getStock(sku, locationId);
      const next = restockedLevel(sku, locationId, current, settingsOf(current), this.now().toISOString());
      try {
        await this.client.send(
          new PutCommand({
            TableName: this.tableName,
            Item: {
              ...stockKey(sku, locationId),
              ...stockIndexKeys(sku, locationId),
              entity: 'Stock',
              ...next,
              available: next.onHand - next.reserved - next.safetyStock,
            },
            ConditionExpression: current ? 'version = :version' : 'attribute_not_exists(pk)',
            ...(current && { ExpressionAttributeValues: { ':version': current.version } }),
          }),
        );
        return next;
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      }
    }
    throw new ConflictError('STOCK_BUSY', `Stock of ${sku} at ${locationId} changed too often to update; retry`);
  }

  async adjust(adjustment: StockAdjustment): Promise<AdjustResult> {
    const { adjustmentId, sku, locationId, delta, reason } = adjustment;
    const at = this.now().toISOString();
    const removing = delta < 0;
    try {
      await transactWrite(this.client, [
        {
          Put: {
            TableName: this.tableName,
            Item: { ...adjustmentKey(adjustmentId), entity: 'Adjustment', adjustmentId, sku, locationId, delta, reason, appliedAt: at },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        {
          Update: {
            TableName: this.tableName,
            Key: stockKey(sku, locationId),
            UpdateExpression:
              'SET onHand = if_not_exists(onHand, :zero) + :delta, available = if_not_exists(available, :zero) + :delta, ' +
              'reserved = if_not_exists(reserved, :zero), safetyStock = if_not_exists(safetyStock, :zero), ' +
              'incoming = if_not_exists(incoming, :none), sku = :sku, locationId = :locationId, entity = :entity, ' +
              'gsi1pk = :gsi1pk, gsi1sk = :gsi1sk, version = if_not_exists(version, :zero) + :one, updatedAt = :at',
            // Units that are reserved (or held back as safety stock) cannot be adjusted away.
            ...(removing && { ConditionExpression: 'available >= :removed' }),
            ExpressionAttributeValues: {
              ':zero': 0,
              ':one': 1,
              ':none': [],
              ':delta': delta,
              ':sku': sku,
              ':locationId': locationId,
              ':entity': 'Stock',
              ':at': at,
              ...stockIndexValues(sku, locationId),
              ...(removing && { ':removed': -delta }),
            },
          },
        },
      ]);
    } catch (error) {
      const failed = failedConditionIndexes(error);
      if (failed.includes(0)) {
        const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: adjustmentKey(adjustmentId), ConsistentRead: true }));
        const same = Item && Item.sku === sku && Item.locationId === locationId && Item.delta === delta;
        return same
          ? { applied: false, reason: 'replayed', stock: await this.getStock(sku, locationId) }
          : { applied: false, reason: 'replayed-with-different-values' };
      }
      if (failed.includes(1)) return { applied: false, reason: 'would-go-below-reserved' };
      throw error;
    }
    return { applied: true, stock: (await this.getStock(sku, locationId)) as StockLevel };
  }

  reserve(orderId: string, lines: readonly ReservationLine[], expiresAt: Date): Promise<ReserveResult> {
    return this.hold(orderId, lines, expiresAt, 1);
  }

  private async hold(orderId: string, lines: readonly ReservationLine[], expiresAt: Date, attempt: number): Promise<ReserveResult> {
    // Idempotent per line: a line the order already holds (a retried task, a re-allocation that
    // keeps some lines) is skipped; holding the same line with another quantity is a conflict.
    const held = new Map(
      (await this.reservationsOf(orderId)).filter((record) => record.status === 'HELD').map((record) => [lineKey(record), record.quantity]),
    );
    const changed = lines.filter((line) => held.has(lineKey(line)) && held.get(lineKey(line)) !== line.quantity);
    if (changed.length > 0) {
      throw new ConflictError('ALREADY_RESERVED', `Order ${orderId} already holds ${changed.map(lineKey).join(', ')} in other quantities; release first`);
    }
    const toHold = lines.filter((line) => !held.has(lineKey(line)));
    const done: ReservationLine[] = [];
    for (const chunk of chunks(toHold, linesPerTransaction)) {
      try {
        await withTransactionConflictRetry(() => this.client.send(this.reserveTransaction(orderId, chunk, expiresAt)), reservationAttempts);
        done.push(...chunk);
      } catch (error) {
        const failed = failedConditionIndexes(error);
        // Orders above one transaction are reserved chunk by chunk; a later chunk's failure gives the earlier ones back.
        if (done.length > 0) await this.settle(orderId, 'RELEASED', done);
        if (failed.length === 0) throw error;
        // Even positions are stock updates; odd ones ledger records that a concurrent hold of the same order just wrote.
        const shortLines = [...new Set(failed.filter((index) => index % 2 === 0).map((index) => index / 2))].map((index) => chunk[index] as ReservationLine);
        if (shortLines.length === 0 && attempt < 3) return this.hold(orderId, lines, expiresAt, attempt + 1);
        const shortfall = await Promise.all(
          shortLines.map(async (line) => ({ ...line, available: (await this.getStock(line.sku, line.locationId))?.available ?? 0 })),
        );
        return { reserved: false, shortfall: { lines: shortfall } };
      }
    }
    return { reserved: true };
  }

  private reserveTransaction(orderId: string, lines: readonly ReservationLine[], expiresAt: Date) {
    const at = this.now().toISOString();
    return new TransactWriteCommand({
      TransactItems: lines.flatMap((line) => [
        {
          Update: {
            TableName: this.tableName,
            Key: stockKey(line.sku, line.locationId),
            UpdateExpression: 'SET available = available - :quantity, reserved = reserved + :quantity, version = version + :one, updatedAt = :at',
            ConditionExpression: 'available >= :quantity',
            ExpressionAttributeValues: { ':quantity': line.quantity, ':one': 1, ':at': at },
          },
        },
        {
          Put: {
            TableName: this.tableName,
            Item: {
              ...reservationKey(orderId, line.sku, line.locationId),
              entity: 'Reservation',
              orderId,
              ...line,
              status: 'HELD',
              createdAt: at,
              updatedAt: at,
              expiresAt: expiresAt.toISOString(),
              ...holdExpiryIndexKeys(orderId, expiresAt.toISOString()),
            },
            // A line released earlier (e.g. before a re-allocation) may be held again; a HELD one may not.
            ConditionExpression: 'attribute_not_exists(pk) OR #status <> :held',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':held': 'HELD' },
          },
        },
      ]),
    });
  }

  async release(orderId: string, only?: readonly Pick<ReservationLine, 'sku' | 'locationId'>[]): Promise<ReservationRecord[]> {
    return this.settle(orderId, 'RELEASED', only);
  }

  async consume(orderId: string, only?: readonly Pick<ReservationLine, 'sku' | 'locationId'>[]): Promise<ReservationRecord[]> {
    return this.settle(orderId, 'CONSUMED', only);
  }

  /**
   * Moves the order's HELD lines (all, or `only` those) to their final status, giving back or shipping
   * their units, and answers the lines it moved. A line another settler (a concurrent release or
   * consume, the expiry sweeper) moved first fails its condition and cancels the transaction; the
   * ledger is then read again and only what is still held is settled, so a race is not an error and
   * no unit moves twice.
   */
  private async settle(orderId: string, status: 'RELEASED' | 'CONSUMED', only?: readonly Pick<ReservationLine, 'sku' | 'locationId'>[]): Promise<ReservationRecord[]> {
    const wanted = only && new Set(only.map(lineKey));
    const settled: ReservationRecord[] = [];
    const stillHeld = async () => {
      const done = new Set(settled.map(lineKey));
      return (await this.reservationsOf(orderId)).filter(
        (record) => record.status === 'HELD' && (!wanted || wanted.has(lineKey(record))) && !done.has(lineKey(record)),
      );
    };
    let pending = await stillHeld();
    for (let attempt = 1; pending.length > 0; attempt++) {
      try {
        for (const chunk of chunks(pending, linesPerTransaction)) {
          await withTransactionConflictRetry(() => this.client.send(this.settleTransaction(orderId, chunk, status)), reservationAttempts);
          settled.push(...chunk.map((record) => ({ ...record, status })));
        }
        return settled;
      } catch (error) {
        if (failedConditionIndexes(error).length === 0 || attempt >= settleAttempts) throw error;
        pending = await stillHeld();
      }
    }
    return settled;
  }

  private settleTransaction(orderId: string, lines: readonly ReservationLine[], status: 'RELEASED' | 'CONSUMED') {
    const at = this.now().toISOString();
    return new TransactWriteCommand({
      TransactItems: lines.flatMap((line) => [
        this.settledStockItem(line, status, at),
        {
          Update: {
            TableName: this.tableName,
            Key: reservationKey(orderId, line.sku, line.locationId),
            UpdateExpression: settledLineUpdate,
            // Only a line still held moves: settling twice never gives units back twice.
            ConditionExpression: '#status = :held',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':status': status, ':held': 'HELD', ':at': at },
          },
        },
      ]),
    });
  }

  /** The stock side of settling a line: its units go back to available (released) or leave on-hand (consumed). */
  private settledStockItem(line: Pick<ReservationLine, 'sku' | 'locationId' | 'quantity'>, status: 'RELEASED' | 'CONSUMED', at: string) {
    return {
      Update: {
        TableName: this.tableName,
        Key: stockKey(line.sku, line.locationId),
        UpdateExpression: settledStockUpdate[status],
        ExpressionAttributeValues: { ':quantity': line.quantity, ':one': 1, ':at': at },
      },
    };
  }

  async expiredHolds(asOf: Date, limit: number): Promise<ReservationRecord[]> {
    const expiredInShard = async (shard: number) => {
      const records: ReservationRecord[] = [];
      const pages = queryPages(this.client, {
        TableName: this.tableName,
        IndexName: 'byHoldExpiry',
        KeyConditionExpression: 'gsi2pk = :shard AND gsi2sk <= :asOf',
        ExpressionAttributeValues: { ':shard': holdExpiryPartition(shard), ':asOf': asOf.toISOString() },
        Limit: limit,
      });
      for await (const items of pages) {
        records.push(...items.map((item) => strip<ReservationRecord>(item)).filter((record) => record.status === 'HELD'));
        if (records.length >= limit) break;
      }
      return records;
    };
    const shards = await Promise.all(Array.from({ length: holdExpiryShards }, (_, shard) => expiredInShard(shard)));
    return shards
      .flat()
      .sort((a, b) => (a.expiresAt < b.expiresAt ? -1 : a.expiresAt > b.expiresAt ? 1 : 0))
      .slice(0, limit);
  }

  async releaseExpiredHold(hold: ReservationRecord, asOf: Date): Promise<boolean> {
    if (hold.expiresAt > asOf.toISOString()) return false;
    const at = this.now().toISOString();
    try {
      await transactWrite(
        this.client,
        [
          this.settledStockItem(hold, 'RELEASED', at),
          {
            Update: {
              TableName: this.tableName,
              Key: reservationKey(hold.orderId, hold.sku, hold.locationId),
              UpdateExpression: settledLineUpdate,
              // The index may be stale: only the very hold that was read, still held and expired, is released.
              ConditionExpression: '#status = :held AND #quantity = :quantity AND #expiresAt = :expiresAt AND #expiresAt <= :asOf',
              ExpressionAttributeNames: { '#status': 'status', '#quantity': 'quantity', '#expiresAt': 'expiresAt' },
              ExpressionAttributeValues: {
                ':status': 'RELEASED',
                ':held': 'HELD',
                ':quantity': hold.quantity,
                ':expiresAt': hold.expiresAt,
                ':asOf': asOf.toISOString(),
                ':at': at,
              },
            },
          },
        ],
        reservationAttempts,
      );
      return true;
    } catch (error) {
      if (failedConditionIndexes(error).includes(1)) return false;
      throw error;
    }
  }

  async reservationsOf(orderId: string): Promise<ReservationRecord[]> {
    const { Items } = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': reservationPartition(orderId) },
        ConsistentRead: true,
      }),
    );
    return (Items ?? []).map((item) => strip<ReservationRecord>(item));
  }
}

const stockIndexValues = (sku: string, locationId: string) => {
  const keys = stockIndexKeys(sku, locationId);
  return { ':gsi1pk': keys.gsi1pk, ':gsi1sk': keys.gsi1sk };
};


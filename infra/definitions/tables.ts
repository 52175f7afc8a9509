/**
 * The DynamoDB tables of the OMS, declared once.
 *
 * The CDK stateful stack and the local runtime both build their tables from these
 * definitions, so the keys, indexes, TTL and streams cannot drift between AWS and a laptop.
 */
export type KeyType = 'S' | 'N';

export interface KeyAttribute {
  readonly name: string;
  readonly type: KeyType;
}

/**
 * What an index copies from the item. ALL is the default; KEYS_ONLY and INCLUDE keep index writes
 * small: an index entry is rewritten whenever a projected attribute changes, at the item's full size.
 */
export type IndexProjection = { readonly type: 'ALL' } | { readonly type: 'KEYS_ONLY' } | { readonly type: 'INCLUDE'; readonly attributes: readonly string[] };

export interface GlobalSecondaryIndexDefinition {
  readonly indexName: string;
  readonly partitionKey: KeyAttribute;
  readonly sortKey?: KeyAttribute;
  /** @default { type: 'ALL' } */
  readonly projection?: IndexProjection;
}

export interface TableDefinition {
  /** Stable id: CDK construct id and the suffix of the local table name. */
  readonly id: string;
  /** The environment variable a function reads to learn the table's name. */
  readonly envVar: string;
  readonly partitionKey: KeyAttribute;
  readonly sortKey?: KeyAttribute;
  readonly globalSecondaryIndexes: readonly GlobalSecondaryIndexDefinition[];
  readonly timeToLiveAttribute?: string;
  /** Change data capture; the order lifecycle is started from the orders stream (outbox pattern). */
  readonly stream?: 'NEW_IMAGE' | 'NEW_AND_OLD_IMAGES';
}

const stringKey = (name: string): KeyAttribute => ({ name, type: 'S' });

/**
 * Single table for the order domain: orders, their channel-reference guards, channels and API keys.
 * Access patterns and the index that serves each are documented in shared/adapters/dynamodb/keys.ts.
 */
export const ordersTable: TableDefinition = {
  id: 'Orders',
  envVar: 'ORDERS_TABLE_NAME',
  partitionKey: stringKey('pk'),
  sortKey: stringKey('sk'),
  // The order item is several KB and every lifecycle step rewrites it: indexes that projected ALL
  // wrote it three more times per step. Lists read keys from the index and the orders from the table.
  globalSecondaryIndexes: [
    { indexName: 'byChannelStatus', partitionKey: stringKey('gsi1pk'), sortKey: stringKey('gsi1sk'), projection: { type: 'KEYS_ONLY' } },
    // status is projected so a customer's orders can be filtered by status in the index.
    { indexName: 'byChannelCustomer', partitionKey: stringKey('gsi2pk'), sortKey: stringKey('gsi2sk'), projection: { type: 'INCLUDE', attributes: ['status'] } },
    { indexName: 'byChannelPlacedAt', partitionKey: stringKey('gsi3pk'), sortKey: stringKey('gsi3sk'), projection: { type: 'KEYS_ONLY' } },
    // Sparse, across channels: escalated orders and every other open order by status (sharded) and last
    // change; the ops queues (stuck orders, hold queue, escalations) query it, never scan the table.
    { indexName: 'byOpsQueue', partitionKey: stringKey('gsi4pk'), sortKey: stringKey('gsi4sk'), projection: { type: 'KEYS_ONLY' } },
    // Every order across channels by the month it was placed (sharded), newest first: the ops order list.
    // Its keys never change after the order is placed, so only the capture writes it.
    { indexName: 'byPlacedMonth', partitionKey: stringKey('gsi5pk'), sortKey: stringKey('gsi5sk'), projection: { type: 'KEYS_ONLY' } },
  ],
  // Only bookkeeping records carry it (applied partner events, notification records, the sandbox
  // outbox); orders and everything a lifecycle still needs never do.
  timeToLiveAttribute: 'expiresAtEpoch',
  stream: 'NEW_AND_OLD_IMAGES',
};

/** Powertools idempotency records (its DynamoDB persistence layer's default schema). */
export const idempotencyTable: TableDefinition = {
  id: 'Idempotency',
  envVar: 'IDEMPOTENCY_TABLE_NAME',
  partitionKey: stringKey('id'),
  globalSecondaryIndexes: [],
  timeToLiveAttribute: 'expiration',
};

/**
 * Single table for inventory: locations, stock per SKU per location, reservations (the ledger) and
 * applied adjustments. Key design and access patterns: shared/adapters/dynamodb/inventory-keys.ts.
 */
export const inventoryTable: TableDefinition = {
  id: 'Inventory',
  envVar: 'INVENTORY_TABLE_NAME',
  partitionKey: stringKey('pk'),
  sortKey: stringKey('sk'),
  globalSecondaryIndexes: [
    { indexName: 'byLocation', partitionKey: stringKey('gsi1pk'), sortKey: stringKey('gsi1sk') },
    // Sparse: only reservation lines that are still HELD carry these keys, so the expiry sweeper reads just those.
    { indexName: 'byHoldExpiry', partitionKey: stringKey('gsi2pk'), sortKey: stringKey('gsi2sk') },
  ],
  timeToLiveAttribute: 'expiresAtEpoch',
  stream: 'NEW_AND_OLD_IMAGES',
};

/**
 * Partner webhooks: subscriptions, deliveries (the delivery log and the retry schedule) and the
 * payloads they send. A table of its own rather than prefixes in the orders table: every delivery
 * attempt writes, and on the orders table each write would also go down its stream to the order
 * outbox. Key design and access patterns: shared/adapters/dynamodb/webhook-keys.ts.
 */
export const webhooksTable: TableDefinition = {
  id: 'Webhooks',
  envVar: 'WEBHOOKS_TABLE_NAME',
  partitionKey: stringKey('pk'),
  sortKey: stringKey('sk'),
  globalSecondaryIndexes: [
    // Sparse: only PENDING deliveries carry these keys, so the retry sweeper reads just those that are due.
    { indexName: 'byNextAttempt', partitionKey: stringKey('gsi1pk'), sortKey: stringKey('gsi1sk'), projection: { type: 'KEYS_ONLY' } },
    // Sparse: only DEAD_LETTERED deliveries carry these keys, so ops lists every channel's dead letters with one Query.
    { indexName: 'byDeadLetter', partitionKey: stringKey('gsi2pk'), sortKey: stringKey('gsi2sk'), projection: { type: 'KEYS_ONLY' } },
  ],
  // Delivery records and payloads are kept 30 days (a redrive keeps them 30 more).
  timeToLiveAttribute: 'expiresAtEpoch',
};

/**
 * Analytics: hourly counters per channel, SKU and stock location, the facts that join two events
 * (a shipment's promise and delivery), and a dedup marker per recorded event. Its own table: the
 * consumer writes on every order event, and reports read ranges of hours without touching orders.
 * Key design: shared/adapters/dynamodb/analytics-store.ts.
 */
export const analyticsTable: TableDefinition = {
  id: 'Analytics',
  envVar: 'ANALYTICS_TABLE_NAME',
  partitionKey: stringKey('pk'),
  sortKey: stringKey('sk'),
  globalSecondaryIndexes: [],
  // Dedup markers (30 days) and join facts (120 days) expire; counters never carry it.
  timeToLiveAttribute: 'expiresAtEpoch',
};

export const tables = { orders: ordersTable, idempotency: idempotencyTable, inventory: inventoryTable, webhooks: webhooksTable, analytics: analyticsTable } as const;
export type TableName = keyof typeof tables;

/** Local table names are predictable so a developer can inspect them with the AWS CLI. */
export const localTableName = (table: TableDefinition): string => `oms-${table.id.toLowerCase()}`;

/**
 * What this process's DynamoDB calls consumed, as DynamoDB reports it (ReturnConsumedCapacity), in
 * read and write request units: the figures on-demand billing charges. The shared client's
 * middleware (document-client.ts) records every answer here; `npm run bench` reads it to price an
 * order's lifecycle. Kept to a few additions per call, so it can stay on in production as well.
 */
import type { ConsumedCapacity } from '@aws-sdk/client-dynamodb';

export interface RequestUnits {
  readUnits: number;
  writeUnits: number;
}

export interface ConsumedCapacitySnapshot {
  readonly readUnits: number;
  readonly writeUnits: number;
  readonly byTable: Readonly<Record<string, Readonly<RequestUnits>>>;
  /** Units per command (e.g. UpdateItemCommand), to see which kind of call costs what. */
  readonly byCommand: Readonly<Record<string, Readonly<RequestUnits>>>;
  /** Calls answered, per command (e.g. TransactWriteItemsCommand). */
  readonly operations: Readonly<Record<string, number>>;
  /** Successful calls whose answer had no ConsumedCapacity (0 units were recorded for them). */
  readonly unreported: Readonly<Record<string, number>>;
  /** Calls that failed (condition checks, cancelled transactions, throttling): DynamoDB reports no capacity for them, though AWS still bills a failed write. */
  readonly failed: Readonly<Record<string, number>>;
  /**
   * What the failed writes would have cost by the documented unit rules, counting each item as
   * up to 1 KB: 1 WRU a single write, 2 per action of a transaction. Not part of writeUnits.
   */
  readonly failedWriteUnitsEstimate: number;
}

/** Commands that read, when DynamoDB reports only CapacityUnits (as for ReturnConsumedCapacity TOTAL). */
const readCommands = new Set(['GetItemCommand', 'BatchGetItemCommand', 'QueryCommand', 'ScanCommand', 'TransactGetItemsCommand']);

let readUnits = 0;
let writeUnits = 0;
let byTable = new Map<string, RequestUnits>();
let byCommand = new Map<string, RequestUnits>();
let operations = new Map<string, number>();
let unreported = new Map<string, number>();
let failed = new Map<string, number>();
let failedWriteUnitsEstimate = 0;

const increment = (counts: Map<string, number>, key: string) => counts.set(key, (counts.get(key) ?? 0) + 1);

function recordOne(commandName: string, capacity: ConsumedCapacity): void {
  // Transactions and writes with ReturnConsumedCapacity TOTAL report CapacityUnits and, on AWS,
  // also Read/WriteCapacityUnits; the split fields win, CapacityUnits is classified by command.
  const hasSplit = capacity.ReadCapacityUnits !== undefined || capacity.WriteCapacityUnits !== undefined;
  const read = hasSplit ? (capacity.ReadCapacityUnits ?? 0) : readCommands.has(commandName) ? (capacity.CapacityUnits ?? 0) : 0;
  const write = hasSplit ? (capacity.WriteCapacityUnits ?? 0) : readCommands.has(commandName) ? 0 : (capacity.CapacityUnits ?? 0);
  readUnits += read;
  writeUnits += write;
  add(byTable, capacity.TableName ?? 'unknown', read, write);
  add(byCommand, commandName, read, write);
}

function add(units: Map<string, RequestUnits>, key: string, read: number, write: number): void {
  let entry = units.get(key);
  if (!entry) {
    entry = { readUnits: 0, writeUnits: 0 };
    units.set(key, entry);
  }
  entry.readUnits += read;
  entry.writeUnits += write;
}

/** Records one successful answer: a single ConsumedCapacity, or one per table (batches, transactions). */
export function recordConsumedCapacity(commandName: string, capacity: ConsumedCapacity | readonly ConsumedCapacity[] | undefined): void {
  increment(operations, commandName);
  if (capacity === undefined || (Array.isArray(capacity) && capacity.length === 0)) {
    increment(unreported, commandName);
    return;
  }
  if (Array.isArray(capacity)) for (const each of capacity as readonly ConsumedCapacity[]) recordOne(commandName, each);
  else recordOne(commandName, capacity as ConsumedCapacity);
}

export function recordFailedCall(commandName: string, estimatedWriteUnits: number): void {
  increment(failed, commandName);
  failedWriteUnitsEstimate += estimatedWriteUnits;
}

export function consumedCapacity(): ConsumedCapacitySnapshot {
  return {
    readUnits,
    writeUnits,
    byTable: Object.fromEntries([...byTable].map(([table, entry]) => [table, { ...entry }])),
    byCommand: Object.fromEntries([...byCommand].map(([command, entry]) => [command, { ...entry }])),
    operations: Object.fromEntries(operations),
    unreported: Object.fromEntries(unreported),
    failed: Object.fromEntries(failed),
    failedWriteUnitsEstimate,
  };
}

export function resetConsumedCapacity(): void {
  readUnits = 0;
  writeUnits = 0;
  byTable = new Map();
  byCommand = new Map();
  operations = new Map();
  unreported = new Map();
  failed = new Map();
  failedWriteUnitsEstimate = 0;
}

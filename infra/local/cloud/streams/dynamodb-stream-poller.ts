/**
 * A local Lambda event source mapping for DynamoDB Streams: polls the local table's stream (DynamoDB
 * Local implements the Streams API) and invokes the consumer's handler with the same event shape
 * and batch semantics as AWS: in-order batches per shard, retries of a failing batch, partial batch
 * responses (reportBatchItemFailures), bisecting, and an on-failure record when retries run out.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  ExpiredIteratorException,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type _Record as StreamRecord,
  type Shard,
} from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import type { StreamConsumerDefinition } from '../../../definitions/stream-consumers';
import { matchesEventPattern } from '../eventbridge/event-pattern';

/** What Lambda sends to an on-failure destination when a stream batch is given up on. */
export interface StreamOnFailureRecord {
  readonly version: '1.0';
  readonly timestamp: string;
  readonly requestContext: { readonly condition: 'RetryAttemptsExhausted'; readonly approximateInvokeCount: number };
  readonly responseContext: { readonly functionError: string };
  readonly DDBStreamBatchInfo: {
    readonly shardId: string;
    readonly startSequenceNumber: string;
    readonly endSequenceNumber: string;
    readonly batchSize: number;
    readonly streamArn: string;
  };
}

export interface DynamoDbStreamPollerOptions {
  readonly consumer: StreamConsumerDefinition;
  readonly tableName: string;
  readonly endpoint: string;
  readonly region?: string;
  /** Invokes the consumer's handler; a throw is a function error, as in Lambda. */
  readonly invoke: (event: DynamoDBStreamEvent) => Promise<unknown>;
  readonly onFailure: (record: StreamOnFailureRecord) => void | Promise<void>;
  /** Where per-shard checkpoints are kept, so a restart resumes after the last processed record. */
  readonly checkpointFile?: string;
  readonly pollIntervalMs?: number;
  /** Pause between retries of a failing batch. */
  readonly retryDelayMs?: number;
  readonly log?: (entry: Record<string, unknown>) => void;
}

type BatchOutcome = { readonly ok: true } | { readonly ok: false; readonly retryFrom: number; readonly error: string };

const toLambdaRecord = (record: StreamRecord, streamArn: string): DynamoDBRecord =>
  ({
    eventID: record.eventID,
    eventName: record.eventName,
    eventVersion: record.eventVersion,
    eventSource: record.eventSource,
    awsRegion: record.awsRegion,
    eventSourceARN: streamArn,
    dynamodb: {
      ...record.dynamodb,
      ApproximateCreationDateTime:
        record.dynamodb?.ApproximateCreationDateTime && Math.floor(record.dynamodb.ApproximateCreationDateTime.getTime() / 1000),
    },
    ...(record.userIdentity && { userIdentity: record.userIdentity }),
  }) as DynamoDBRecord;

export class DynamoDbStreamPoller {
  readonly consumer: StreamConsumerDefinition;
  private readonly streams: DynamoDBStreamsClient;
  private readonly dynamoDb: DynamoDBClient;
  private readonly checkpoints: Record<string, string>;
  private readonly finishedShards = new Set<string>();
  private readonly iterators = new Map<string, string>();
  private running = false;
  private loop: Promise<void> | undefined;
  private busy = false;
  private firstDiscovery = true;

  constructor(private readonly options: DynamoDbStreamPollerOptions) {
    this.consumer = options.consumer;
    const clientConfig = {
      endpoint: options.endpoint,
      region: options.region ?? process.env.AWS_REGION ?? 'eu-central-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    };
    this.streams = new DynamoDBStreamsClient(clientConfig);
    this.dynamoDb = new DynamoDBClient(clientConfig);
    this.checkpoints =
      options.checkpointFile && existsSync(options.checkpointFile)
        ? (JSON.parse(readFileSync(options.checkpointFile, 'utf8')) as Record<string, string>)
        : {};
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
    this.streams.destroy();
    this.dynamoDb.destroy();
  }

  /** Resolves once a poll round found nothing new: everything written so far has been delivered. */
  async idle(timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (!this.busy && (await this.pollOnce()) === 0) return;
      await sleep(20);
    }
    throw new Error(`Stream consumer ${this.options.consumer.name} did not become idle in ${timeoutMs} ms`);
  }

  private async run(): Promise<void> {
    while (this.running) {
      try {
        await this.pollOnce();
      } catch (error) {
        this.options.log?.({ level: 'ERROR', message: 'Stream poll failed', consumer: this.options.consumer.name, error: String(error) });
      }
      await sleep(this.options.pollIntervalMs ?? 200);
    }
  }

  /** One round over every open shard; returns how many records it delivered. */
  private async pollOnce(): Promise<number> {
    if (this.busy) return 0;
    this.busy = true;
    try {
      const streamArn = await this.streamArn();
      if (!streamArn) return 0;
      const shards = await this.listShards(streamArn);
      let delivered = 0;
      for (const shard of shards) {
        const shardId = shard.ShardId as string;
        if (this.finishedShards.has(shardId)) continue;
        // Order across a split: a child shard is read only after its parent is finished.
        if (shard.ParentShardId && shards.some((s) => s.ShardId === shard.ParentShardId) && !this.finishedShards.has(shard.ParentShardId)) continue;
        delivered += await this.pollShard(streamArn, shardId);
      }
      this.firstDiscovery = false;
      return delivered;
    } finally {
      this.busy = false;
    }
  }

  private async streamArn(): Promise<string | undefined> {
    const { Table } = await this.dynamoDb.send(new DescribeTableCommand({ TableName: this.options.tableName }));
    return Table?.LatestStreamArn;
  }

  private async listShards(streamArn: string): Promise<Shard[]> {
    const shards: Shard[] = [];
    let exclusiveStartShardId: string | undefined;
    do {
      const { StreamDescription } = await this.streams.send(
        new DescribeStreamCommand({ StreamArn: streamArn, ExclusiveStartShardId: exclusiveStartShardId }),
      );
      shards.push(...(StreamDescription?.Shards ?? []));
      exclusiveStartShardId = StreamDescription?.LastEvaluatedShardId;
    } while (exclusiveStartShardId);
    return shards;
  }

  private async shardIterator(streamArn: string, shardId: string): Promise<string | undefined> {
    const existing = this.iterators.get(shardId);
    if (existing) return existing;
    const checkpoint = this.checkpoints[shardId];
    // LATEST applies to the shards that exist when the mapping starts; later shards start at their beginning.
    const startAtLatest = this.options.consumer.startingPosition === 'LATEST' && this.firstDiscovery;
    const { ShardIterator } = await this.streams.send(
      new GetShardIteratorCommand({
        StreamArn: streamArn,
        ShardId: shardId,
        ...(checkpoint
          ? { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: checkpoint }
          : { ShardIteratorType: startAtLatest ? 'LATEST' : 'TRIM_HORIZON' }),
      }),
    );
    if (ShardIterator) this.iterators.set(shardId, ShardIterator);
    return ShardIterator;
  }

  private async pollShard(streamArn: string, shardId: string): Promise<number> {
    const iterator = await this.shardIterator(streamArn, shardId);
    if (!iterator) {
      this.finishedShards.add(shardId);
      return 0;
    }
    let page;
    try {
      page = await this.streams.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: this.options.consumer.batchSize }));
    } catch (error) {
      if (error instanceof ExpiredIteratorException) {
        this.iterators.delete(shardId);
        return 0;
      }
      throw error;
    }
    if (page.NextShardIterator) this.iterators.set(shardId, page.NextShardIterator);
    else {
      this.iterators.delete(shardId);
      this.finishedShards.add(shardId);
    }
    const records = page.Records ?? [];
    if (records.length === 0) return 0;
    // Lambda event filtering: records no pattern matches are dropped, never delivered.
    const patterns = this.options.consumer.filterPatterns;
    const batch = records.map((record) => toLambdaRecord(record, streamArn)).filter((record) => !patterns || patterns.some((pattern) => matchesEventPattern(pattern, record)));
    if (batch.length > 0) await this.deliver(batch, shardId, streamArn);
    this.checkpoint(shardId, records[records.length - 1]?.dynamodb?.SequenceNumber as string);
    return records.length;
  }

  /** Delivers a batch until it succeeds, or hands it to the on-failure destination. */
  private async deliver(batch: DynamoDBRecord[], shardId: string, streamArn: string): Promise<void> {
    const { consumer } = this.options;
    let pending = batch;
    for (let invocation = 1; pending.length > 0; invocation++) {
      const outcome = await this.invokeOnce(pending);
      if (outcome.ok) return;
      const retriesLeft = consumer.maximumRetryAttempts < 0 || invocation <= consumer.maximumRetryAttempts;
      if (!retriesLeft) {
        await this.giveUp(pending, shardId, streamArn, invocation, outcome.error);
        return;
      }
      if (consumer.bisectBatchOnFunctionError && outcome.retryFrom === 0 && pending.length > 1) {
        const middle = Math.ceil(pending.length / 2);
        await this.deliver(pending.slice(0, middle), shardId, streamArn);
        await this.deliver(pending.slice(middle), shardId, streamArn);
        return;
      }
      pending = pending.slice(outcome.retryFrom);
      this.options.log?.({ level: 'WARN', message: 'Retrying stream batch', consumer: consumer.name, shardId, invocation, size: pending.length, error: outcome.error });
      await sleep(this.options.retryDelayMs ?? 100);
    }
  }

  private async invokeOnce(batch: DynamoDBRecord[]): Promise<BatchOutcome> {
    let response: unknown;
    try {
      response = await this.options.invoke({ Records: batch });
    } catch (error) {
      return { ok: false, retryFrom: 0, error: (error as Error).name || 'Error' };
    }
    if (!this.options.consumer.reportBatchItemFailures) return { ok: true };
    const failures = (response as { batchItemFailures?: { itemIdentifier?: unknown }[] } | null | undefined)?.batchItemFailures;
    if (!failures || failures.length === 0) return { ok: true };
    // As on AWS: an identifier that names no record of the batch fails the whole batch.
    const indexes = failures.map((failure) => batch.findIndex((record) => record.dynamodb?.SequenceNumber === failure.itemIdentifier));
    const retryFrom = indexes.some((index) => index < 0) ? 0 : Math.min(...indexes);
    return { ok: false, retryFrom, error: 'PartialBatchFailure' };
  }

  private async giveUp(batch: DynamoDBRecord[], shardId: string, streamArn: string, invocations: number, error: string) {
    await this.options.onFailure({
      version: '1.0',
      timestamp: new Date().toISOString(),
      requestContext: { condition: 'RetryAttemptsExhausted', approximateInvokeCount: invocations },
      responseContext: { functionError: error },
      DDBStreamBatchInfo: {
        shardId,
        startSequenceNumber: batch[0]?.dynamodb?.SequenceNumber as string,
        endSequenceNumber: batch[batch.length - 1]?.dynamodb?.SequenceNumber as string,
        batchSize: batch.length,
        streamArn,
      },
    });
    this.options.log?.({ level: 'ERROR', message: 'Stream batch sent to the on-failure destination', consumer: this.options.consumer.name, shardId, invocations });
  }

  private checkpoint(shardId: string, sequenceNumber: string): void {
    this.checkpoints[shardId] = sequenceNumber;
    const file = this.options.checkpointFile;
    if (!file) return;
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(`${file}.tmp`, JSON.stringify(this.checkpoints));
    renameSync(`${file}.tmp`, file);
  }
}

/**
 * A local SQS standard queue and the slice of the SQS API (JSON protocol, target prefix `AmazonSQS`)
 * that the OMS uses, for the queues the stateless stack creates: the event rules' dead-letter queue
 * is the one so far. Messages keep their AWS shape (id, body and its MD5, message attributes,
 * SentTimestamp, ApproximateReceiveCount); a receive hides them for the visibility timeout and hands
 * out a new receipt handle, which delete and change-visibility need; they are kept 14 days, as the
 * stack keeps them. With a file, the queue survives restarts (rewritten atomically on each change).
 */
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { AwsServiceError, type AwsJsonService } from '../aws-json-server';

export interface MessageAttributeValue {
  readonly DataType: 'String' | 'Number';
  readonly StringValue: string;
}

interface StoredMessage {
  readonly MessageId: string;
  readonly Body: string;
  readonly MD5OfBody: string;
  readonly MessageAttributes: Readonly<Record<string, MessageAttributeValue>>;
  readonly SentTimestamp: number;
  receiveCount: number;
  firstReceiveTimestamp?: number;
  visibleAt: number;
  receiptHandle?: string;
}

const retentionMs = 14 * 24 * 3600 * 1000;
const defaultVisibilityTimeoutSeconds = 30;
const maxVisibilityTimeoutSeconds = 43_200;

const md5 = (text: string) => createHash('md5').update(text, 'utf8').digest('hex');

export class LocalQueue {
  readonly arn: string;
  private messages: StoredMessage[] = [];

  constructor(
    readonly name: string,
    private readonly options: { readonly region: string; readonly accountId: string; readonly file?: string; readonly now?: () => number },
  ) {
    this.arn = `arn:aws:sqs:${options.region}:${options.accountId}:${name}`;
    if (options.file) this.load(options.file);
  }

  /** The queue URL on a local endpoint, shaped as on AWS: `<endpoint>/<account>/<name>`. */
  urlOn(endpoint: string): string {
    return `${endpoint.replace(/\/$/, '')}/${this.options.accountId}/${this.name}`;
  }

  send(body: string, attributes: Readonly<Record<string, MessageAttributeValue>> = {}): { MessageId: string; MD5OfMessageBody: string } {
    const message: StoredMessage = { MessageId: randomUUID(), Body: body, MD5OfBody: md5(body), MessageAttributes: attributes, SentTimestamp: this.now(), receiveCount: 0, visibleAt: 0 };
    this.messages.push(message);
    this.save();
    return { MessageId: message.MessageId, MD5OfMessageBody: message.MD5OfBody };
  }

  receive({ max, visibilityTimeoutSeconds }: { max: number; visibilityTimeoutSeconds: number }): StoredMessage[] {
    const now = this.now();
    this.messages = this.messages.filter((message) => now - message.SentTimestamp < retentionMs);
    const received = this.messages.filter((message) => message.visibleAt <= now).slice(0, max);
    for (const message of received) {
      message.receiveCount += 1;
      message.firstReceiveTimestamp ??= now;
      message.visibleAt = now + visibilityTimeoutSeconds * 1000;
      message.receiptHandle = Buffer.from(`${message.MessageId}:${randomUUID()}`).toString('base64url');
    }
    if (received.length > 0) this.save();
    return received;
  }

  /** As on AWS, a handle of a message already deleted deletes nothing and is no error. */
  delete(receiptHandle: string): void {
    this.requireWellFormed(receiptHandle);
    const before = this.messages.length;
    this.messages = this.messages.filter((message) => message.receiptHandle !== receiptHandle);
    if (this.messages.length !== before) this.save();
  }

  changeVisibility(receiptHandle: string, visibilityTimeoutSeconds: number): void {
    this.requireWellFormed(receiptHandle);
    const message = this.messages.find((candidate) => candidate.receiptHandle === receiptHandle);
    if (!message || message.visibleAt <= this.now()) throw new AwsServiceError('MessageNotInflight', 'The message referred to is not in flight.');
    message.visibleAt = this.now() + visibilityTimeoutSeconds * 1000;
    this.save();
  }

  attributes(): Record<string, string> {
    const now = this.now();
    return {
      QueueArn: this.arn,
      ApproximateNumberOfMessages: String(this.messages.filter((message) => message.visibleAt <= now).length),
      ApproximateNumberOfMessagesNotVisible: String(this.messages.filter((message) => message.visibleAt > now).length),
      MessageRetentionPeriod: String(retentionMs / 1000),
      VisibilityTimeout: String(defaultVisibilityTimeoutSeconds),
    };
  }

  private now(): number {
    return this.options.now?.() ?? Date.now();
  }

  private requireWellFormed(receiptHandle: string): void {
    if (!Buffer.from(receiptHandle, 'base64url').toString('utf8').includes(':')) throw new AwsServiceError('ReceiptHandleIsInvalid', `The input receipt handle "${receiptHandle}" is not a valid receipt handle.`);
  }

  private load(file: string): void {
    mkdirSync(dirname(file), { recursive: true });
    if (!existsSync(file)) return;
    this.messages = JSON.parse(readFileSync(file, 'utf8')) as StoredMessage[];
  }

  private save(): void {
    const file = this.options.file;
    if (!file) return;
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify(this.messages), 'utf8');
    renameSync(temporary, file);
  }
}

type Input = Record<string, unknown>;

const integerIn = (input: Input, field: string, min: number, max: number, fallback: number): number => {
  const value = input[field] ?? fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) throw new AwsServiceError('InvalidParameterValue', `Value ${String(value)} for parameter ${field} is invalid. Must be between ${min} and ${max}.`);
  return value;
};

const stringField = (input: Input, field: string): string => {
  const value = input[field];
  if (typeof value !== 'string' || value === '') throw new AwsServiceError('MissingParameter', `The request must contain the parameter ${field}.`);
  return value;
};

const wants = (names: unknown, name: string) => Array.isArray(names) && (names.includes('All') || names.includes('.*') || names.includes(name));

interface BatchEntry {
  readonly Id: string;
  readonly ReceiptHandle: string;
  readonly VisibilityTimeout?: number;
}

/** The SQS API over local queues, found by the name that ends their URL (whatever host it names). */
export function sqsService(queues: readonly LocalQueue[]): AwsJsonService {
  const byName = new Map(queues.map((queue) => [queue.name, queue]));
  const queueOf = (input: Input): LocalQueue => {
    const url = stringField(input, 'QueueUrl');
    const queue = byName.get(url.split('/').at(-1) ?? '');
    if (!queue) throw new AwsServiceError('AWS.SimpleQueueService.NonExistentQueue', 'The specified queue does not exist.');
    return queue;
  };
  const batch = (input: Input, apply: (queue: LocalQueue, entry: BatchEntry) => void) => {
    const queue = queueOf(input);
    const entries = input.Entries;
    if (!Array.isArray(entries) || entries.length === 0) throw new AwsServiceError('AWS.SimpleQueueService.EmptyBatchRequest', 'There should be at least one entry in the request.');
    if (entries.length > 10) throw new AwsServiceError('AWS.SimpleQueueService.TooManyEntriesInBatchRequest', 'Maximum number of entries per request are 10.');
    const Successful: { Id: string }[] = [];
    const Failed: { Id: string; SenderFault: boolean; Code: string; Message: string }[] = [];
    for (const entry of entries as BatchEntry[]) {
      try {
        apply(queue, entry);
        Successful.push({ Id: entry.Id });
      } catch (error) {
        if (!(error instanceof AwsServiceError)) throw error;
        Failed.push({ Id: entry.Id, SenderFault: true, Code: error.type, Message: error.message });
      }
    }
    return { Successful, Failed };
  };

  return {
    targetPrefix: 'AmazonSQS',
    contentType: 'application/x-amz-json-1.0',
    operations: {
      GetQueueAttributes: async (input) => ({ Attributes: queueOf(input).attributes() }),
      SendMessage: async (input) => queueOf(input).send(stringField(input, 'MessageBody'), (input.MessageAttributes ?? {}) as Record<string, MessageAttributeValue>),
      ReceiveMessage: async (input) => {
        const messages = queueOf(input).receive({
          max: integerIn(input, 'MaxNumberOfMessages', 1, 10, 1),
          visibilityTimeoutSeconds: integerIn(input, 'VisibilityTimeout', 0, maxVisibilityTimeoutSeconds, defaultVisibilityTimeoutSeconds),
        });
        // Long polling (WaitTimeSeconds) answers at once: a local queue has no servers to sample.
        const systemNames = input.MessageSystemAttributeNames ?? input.AttributeNames;
        return {
          Messages: messages.map((message) => ({
            MessageId: message.MessageId,
            ReceiptHandle: message.receiptHandle,
            MD5OfBody: message.MD5OfBody,
            Body: message.Body,
            Attributes: {
              ...(wants(systemNames, 'SentTimestamp') && { SentTimestamp: String(message.SentTimestamp) }),
              ...(wants(systemNames, 'ApproximateReceiveCount') && { ApproximateReceiveCount: String(message.receiveCount) }),
              ...(wants(systemNames, 'ApproximateFirstReceiveTimestamp') && { ApproximateFirstReceiveTimestamp: String(message.firstReceiveTimestamp) }),
            },
            MessageAttributes: Object.fromEntries(Object.entries(message.MessageAttributes).filter(([name]) => wants(input.MessageAttributeNames, name))),
          })),
        };
      },
      DeleteMessage: async (input) => {
        queueOf(input).delete(stringField(input, 'ReceiptHandle'));
        return {};
      },
      DeleteMessageBatch: async (input) => batch(input, (queue, entry) => queue.delete(entry.ReceiptHandle)),
      ChangeMessageVisibility: async (input) => {
        queueOf(input).changeVisibility(stringField(input, 'ReceiptHandle'), integerIn(input, 'VisibilityTimeout', 0, maxVisibilityTimeoutSeconds, 0));
        return {};
      },
      ChangeMessageVisibilityBatch: async (input) =>
        batch(input, (queue, entry) => queue.changeVisibility(entry.ReceiptHandle, integerIn(entry as unknown as Input, 'VisibilityTimeout', 0, maxVisibilityTimeoutSeconds, 0))),
    },
  };
}

import {
  ChangeMessageVisibilityBatchCommand,
  DeleteMessageBatchCommand,
  ReceiveMessageCommand,
  SQSClient,
  type BatchResultErrorEntry,
  type Message,
} from '@aws-sdk/client-sqs';
import type { DeadLetteredEvent, IntegrationDeadLetters, LeasedDeadLetter } from '../../ports/integration-dead-letters';

let client: SQSClient | undefined;
/** One client per process; AWS_ENDPOINT_URL_SQS points it at the local runtime's queue. */
const sqsClient = () => (client ??= new SQSClient({ maxAttempts: 5 }));

/** SQS takes 10 messages per receive and per batch. */
const maxBatch = 10;

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);

/** The function, state machine or API destination an ARN names. */
function resourceName(arn: string | undefined): string | undefined {
  if (!arn) return undefined;
  const parts = arn.split(':');
  // arn:aws:lambda:<region>:<account>:function:<name>[:<qualifier>]
  if (parts[2] === 'lambda') return parts[6];
  // arn:aws:states:…:stateMachine:<name>, arn:aws:events:…:api-destination/<name>/<id>
  const resource = parts.slice(5).join(':');
  return resource.startsWith('api-destination/') ? resource.split('/')[1] : parts.at(-1);
}

/** A rule ARN ends in `rule/<bus>/<name>` (or `rule/<name>` on the default bus). */
const ruleName = (arn: string | undefined) => arn?.split('/').at(-1);

/**
 * An AWS Lambda on-failure destination record: the function's asynchronous invocation failed after
 * Lambda's own retries; the event is the request payload.
 */
interface InvocationRecord {
  readonly requestContext: { readonly functionArn?: string; readonly condition?: string };
  readonly requestPayload: unknown;
  readonly responsePayload?: { readonly errorMessage?: string; readonly errorType?: string };
}
const isInvocationRecord = (body: unknown): body is InvocationRecord => isObject(body) && isObject(body.requestContext) && 'requestPayload' in body;

function republishable(event: unknown): DeadLetteredEvent | undefined {
  if (!isObject(event) || !isObject(event.detail)) return undefined;
  const source = text(event.source);
  const detailType = text(event['detail-type']);
  // `aws.*` sources (a schedule's tick) are EventBridge's own: PutEvents refuses them.
  if (!source || !detailType || source.startsWith('aws.')) return undefined;
  return { source, detailType, detail: JSON.stringify(event.detail) };
}

function orderIdOf(event: unknown): string | undefined {
  if (!isObject(event) || !isObject(event.detail)) return undefined;
  const { metadata, data } = event.detail;
  const correlation = isObject(metadata) && isObject(metadata.correlation) ? metadata.correlation : {};
  return text(correlation.orderId) ?? (isObject(data) ? text(data.orderId) : undefined);
}

/**
 * One message of the dead-letter queue as a dead letter. Two shapes arrive: what EventBridge sends a
 * rule's DLQ (the event as the body; rule, target and error as message attributes), and what Lambda
 * sends an on-failure destination (an invocation record around the event).
 */
export function deadLetterOf(message: Message): LeasedDeadLetter {
  const attribute = (name: string) => message.MessageAttributes?.[name]?.StringValue;
  const sent = Number(message.Attributes?.SentTimestamp);
  const common = { id: message.MessageId ?? '', lease: message.ReceiptHandle ?? '', failedAt: new Date(Number.isFinite(sent) ? sent : 0).toISOString() };
  let body: unknown;
  try {
    body = JSON.parse(message.Body ?? '');
  } catch {
    return { ...common, target: 'unknown', detailType: 'unknown', error: 'The message is not JSON: neither an event nor an invocation record' };
  }
  const record = isInvocationRecord(body) ? body : undefined;
  const event = record ? record.requestPayload : body;
  const orderId = orderIdOf(event);
  const replay = republishable(event);
  const target = record
    ? (resourceName(record.requestContext.functionArn) ?? 'unknown function')
    : [ruleName(attribute('RULE_ARN')), resourceName(attribute('TARGET_ARN'))].filter(Boolean).join('/') || 'unknown';
  const error = record
    ? (record.responsePayload?.errorMessage ?? record.responsePayload?.errorType ?? record.requestContext.condition ?? 'invocation failed')
    : (attribute('ERROR_MESSAGE') ?? attribute('ERROR_CODE') ?? 'delivery failed');
  return {
    ...common,
    target,
    detailType: (isObject(event) && text(event['detail-type'])) || 'unknown',
    ...(orderId !== undefined && { orderId }),
    error,
    ...(replay && { event: replay }),
  };
}

function throwOnFailures(action: string, failed: readonly BatchResultErrorEntry[] | undefined): void {
  if (failed && failed.length > 0) throw new Error(`Could not ${action} ${failed.length} dead letter(s): ${failed.map((entry) => entry.Message ?? entry.Code).join('; ')}`);
}

/** The rule targets' dead-letter queue on SQS: a lease is a receive with a visibility timeout. */
export function sqsIntegrationDeadLetters(queueUrl: string, sdk: SQSClient = sqsClient()): IntegrationDeadLetters {
  const inBatches = async (letters: readonly LeasedDeadLetter[], send: (batch: readonly LeasedDeadLetter[]) => Promise<void>) => {
    for (let start = 0; start < letters.length; start += maxBatch) await send(letters.slice(start, start + maxBatch));
  };
  return {
    async lease(limit, leaseSeconds) {
      const { Messages = [] } = await sdk.send(
        new ReceiveMessageCommand({
          QueueUrl: queueUrl,
          MaxNumberOfMessages: Math.min(maxBatch, Math.max(1, limit)),
          VisibilityTimeout: leaseSeconds,
          // Long polling asks every SQS server, so a small queue's messages are all found; it waits only when the queue is empty.
          WaitTimeSeconds: 1,
          MessageAttributeNames: ['All'],
          MessageSystemAttributeNames: ['SentTimestamp'],
        }),
      );
      return Messages.map(deadLetterOf);
    },
    acknowledge: (letters) =>
      inBatches(letters, async (batch) => {
        const { Failed } = await sdk.send(new DeleteMessageBatchCommand({ QueueUrl: queueUrl, Entries: batch.map((letter, index) => ({ Id: String(index), ReceiptHandle: letter.lease })) }));
        throwOnFailures('remove', Failed);
      }),
    release: (letters) =>
      inBatches(letters, async (batch) => {
        const { Failed } = await sdk.send(
          new ChangeMessageVisibilityBatchCommand({ QueueUrl: queueUrl, Entries: batch.map((letter, index) => ({ Id: String(index), ReceiptHandle: letter.lease, VisibilityTimeout: 0 })) }),
        );
        throwOnFailures('release', Failed);
      }),
  };
}

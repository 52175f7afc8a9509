/**
 * The local runtime's dead-letter queue of the rule targets, spoken to over the SQS JSON protocol by
 * the same adapter the ops functions use on AWS; and the local bus filling it as EventBridge fills a
 * rule's DLQ.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FunctionDefinition } from '../../../infra/definitions/api';
import { startAwsJsonServer } from '../../../infra/local/cloud/aws-json-server';
import { LocalEventBus } from '../../../infra/local/cloud/eventbridge/local-event-bus';
import { LocalQueue, sqsService } from '../../../infra/local/cloud/sqs/local-queue';
import type { ListeningServer } from '../../../infra/local/listen';
import { sqsIntegrationDeadLetters } from '../../../shared/adapters/sqs/sqs-integration-dead-letters';

const directory = mkdtempSync(join(tmpdir(), 'oms-local-queue-'));
const queue = new LocalQueue('oms-event-target-dead-letters', { region: 'eu-central-1', accountId: '000000000000', file: join(directory, 'queue.json') });
let server: ListeningServer;
let deadLetters: ReturnType<typeof sqsIntegrationDeadLetters>;

beforeAll(async () => {
  server = await startAwsJsonServer({ services: [sqsService([queue])], port: 0 });
  const client = new SQSClient({ endpoint: server.url, region: 'eu-central-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  deadLetters = sqsIntegrationDeadLetters(queue.urlOn(server.url), client);
});

afterAll(async () => {
  await server.close();
  rmSync(directory, { recursive: true, force: true });
});

const failing: FunctionDefinition = { name: 'always-fails', entry: 'functions/none.ts', tables: {} };

describe('the local dead-letter queue', () => {
  it('takes what the bus gives up on, in the shape EventBridge gives a rule’s DLQ, and hands it out like SQS', async () => {
    // Prepare: a rule whose one target always fails, with a single retry
    const bus = new LocalEventBus({
      rules: [{ name: 'fail-rule', description: 'fails', eventPattern: { source: ['oms.test'] }, targets: [{ id: 'fails', kind: 'function', function: failing, retryPolicy: { maximumRetryAttempts: 1, maximumEventAgeSeconds: 60 } }] }],
      timeScale: 0.001,
      log: () => undefined,
      invokers: { invokeFunction: async () => Promise.reject(new Error('boom')), startExecution: async () => undefined },
      onDeadLetter: (record, arns) =>
        queue.send(JSON.stringify(record.event), {
          RULE_ARN: { DataType: 'String', StringValue: arns.ruleArn },
          TARGET_ARN: { DataType: 'String', StringValue: arns.targetArn },
          ERROR_MESSAGE: { DataType: 'String', StringValue: record.error },
        }),
    });
    bus.putEvents([{ EventBusName: 'oms-events', Source: 'oms.test', DetailType: 'Thing', Detail: JSON.stringify({ metadata: { correlation: { orderId: 'ord_9' } }, data: {} }) }]);
    await bus.idle();

    // Act
    const [letter, ...others] = await deadLetters.lease(10, 30);
    const whileLeased = await deadLetters.lease(10, 30);

    // Assess
    expect(others).toEqual([]);
    expect(letter).toMatchObject({ target: 'fail-rule/oms-local-always-fails', detailType: 'Thing', orderId: 'ord_9', error: 'boom', event: { source: 'oms.test', detailType: 'Thing' } });
    expect(whileLeased).toEqual([]);
    expect(queue.attributes()).toMatchObject({ ApproximateNumberOfMessages: '0', ApproximateNumberOfMessagesNotVisible: '1' });

    // A release makes it visible at once; an acknowledge removes it for good, also from the file
    await deadLetters.release([letter!]);
    const [again] = await deadLetters.lease(10, 30);
    expect(again?.id).toBe(letter?.id);
    expect(again?.lease).not.toBe(letter?.lease);
    await deadLetters.acknowledge([again!]);
    expect(await deadLetters.lease(10, 30)).toEqual([]);
    expect(new LocalQueue('oms-event-target-dead-letters', { region: 'eu-central-1', accountId: '000000000000', file: join(directory, 'queue.json') }).attributes()).toMatchObject({
      ApproximateNumberOfMessages: '0',
      ApproximateNumberOfMessagesNotVisible: '0',
    });
  });

  it('keeps messages across restarts, as the SQS queue does', async () => {
    queue.send('{"source":"oms.test"}');

    const reloaded = new LocalQueue('oms-event-target-dead-letters', { region: 'eu-central-1', accountId: '000000000000', file: join(directory, 'queue.json') });

    expect(reloaded.attributes().ApproximateNumberOfMessages).toBe('1');
  });
});

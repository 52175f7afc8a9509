import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import {
  DescribeEventBusCommand,
  DescribeRuleCommand,
  EventBridgeClient,
  ListRulesCommand,
  ListTargetsByRuleCommand,
  PutEventsCommand,
  TestEventPatternCommand,
} from '@aws-sdk/client-eventbridge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAwsJsonServer } from '../../../../infra/local/cloud/aws-json-server';
import { eventBridgeService } from '../../../../infra/local/cloud/eventbridge/eventbridge-service';
import { LocalEventBus } from '../../../../infra/local/cloud/eventbridge/local-event-bus';
import { notifyCustomer, orderPlacedDetail, orderPlacedEnvelope, orderPlacedPattern, reserveStock, rule } from '../../../fixtures/eventbridge/order-events';

const run = promisify(execFile);
const awsCliAvailable = spawnSync('aws', ['--version'], { stdio: 'ignore' }).status === 0;
const cliSkipNote = awsCliAvailable ? '' : ' [skipped: the aws CLI is not on PATH]';

/** The AWS CLI with dummy credentials and no user configuration, against the local endpoint. */
async function awsCli(endpoint: string, args: string[]): Promise<unknown> {
  const { AWS_PROFILE: _profile, ...environment } = process.env;
  const { stdout } = await run('aws', ['events', ...args, '--endpoint-url', endpoint, '--output', 'json'], {
    env: {
      ...environment,
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
      AWS_DEFAULT_REGION: 'eu-central-1',
      AWS_CONFIG_FILE: '/dev/null',
      AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    },
  });
  return JSON.parse(stdout) as unknown;
}

describe('local EventBridge endpoint (AWSEvents over the AWS JSON protocol)', () => {
  const invocations: { fn: string; event: unknown }[] = [];
  let bus: LocalEventBus;
  let endpoint: { url: string; close(): Promise<void> };
  let client: EventBridgeClient;

  beforeAll(async () => {
    bus = new LocalEventBus({
      rules: [
        rule('order-placed-notify', [{ id: 'notify', kind: 'function', function: notifyCustomer }]),
        rule(
          'order-placed-reserve',
          [
            {
              id: 'reserve',
              kind: 'function',
              function: reserveStock,
              inputPath: '$.detail',
              retryPolicy: { maximumRetryAttempts: 3, maximumEventAgeSeconds: 3_600 },
            },
            {
              id: 'fulfilment',
              kind: 'state-machine',
              stateMachineName: 'order-fulfilment',
              inputTransformer: { inputPathsMap: { orderId: '$.detail.orderId' }, inputTemplate: '{"orderId": <orderId>}' },
            },
          ],
          { ...orderPlacedPattern, detail: { status: ['PLACED'] } },
        ),
      ],
      region: 'eu-central-1',
      timeScale: 0.001,
      log: () => undefined,
      invokers: {
        invokeFunction: async (fn, event) => {
          invocations.push({ fn: fn.name, event });
        },
        startExecution: async () => undefined,
      },
    });
    endpoint = await startAwsJsonServer({ services: [eventBridgeService(bus)], port: 0 });
    client = new EventBridgeClient({ endpoint: endpoint.url, region: 'eu-central-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  });

  afterAll(async () => {
    client.destroy();
    await endpoint.close();
    await bus.close();
  });

  it('PutEvents through the SDK delivers the event to the matching rules’ targets', async () => {
    // Prepare
    invocations.length = 0;
    const time = new Date('2026-03-02T18:43:48Z');

    // Act
    const result = await client.send(
      new PutEventsCommand({ Entries: [{ Source: 'oms.orders', DetailType: 'Order Placed', Detail: JSON.stringify(orderPlacedDetail), EventBusName: 'oms-events', Time: time }] }),
    );
    await bus.idle();

    // Assess
    expect(result.FailedEntryCount).toBe(0);
    const eventId = result.Entries?.[0]?.EventId;
    expect(eventId).toBeDefined();
    expect(invocations).toHaveLength(2);
    expect(invocations.find((call) => call.fn === notifyCustomer.name)?.event).toMatchObject({ id: eventId, time: '2026-03-02T18:43:48Z', region: 'eu-central-1', detail: orderPlacedDetail });
    expect(invocations.find((call) => call.fn === reserveStock.name)?.event).toEqual(orderPlacedDetail);
  });

  it('PutEvents through the SDK reports invalid entries per entry', async () => {
    // Prepare
    const entries = [
      { Source: 'oms.orders', DetailType: 'Order Placed', Detail: '{}', EventBusName: 'oms-events' },
      { Source: 'oms.orders', DetailType: 'Order Placed', Detail: 'not json', EventBusName: 'oms-events' },
    ];

    // Act
    const result = await client.send(new PutEventsCommand({ Entries: entries }));

    // Assess
    expect(result.FailedEntryCount).toBe(1);
    expect(result.Entries?.[0]?.EventId).toBeDefined();
    expect(result.Entries?.[1]).toMatchObject({ ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' });
  });

  it('PutEvents through the SDK refuses 11 entries and an unknown bus with the AWS exception names', async () => {
    // Prepare
    const entry = { Source: 'oms.orders', DetailType: 'Order Placed', Detail: '{}', EventBusName: 'oms-events' };

    // Act
    const tooMany = client.send(new PutEventsCommand({ Entries: Array.from({ length: 11 }, () => entry) }));
    const unknownBus = client.send(new PutEventsCommand({ Entries: [{ ...entry, EventBusName: 'nope' }] }));

    // Assess
    await expect(tooMany).rejects.toMatchObject({ name: 'ValidationException', $metadata: { httpStatusCode: 400 } });
    await expect(unknownBus).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });

  it('TestEventPattern through the SDK answers with the same matcher the bus routes with', async () => {
    // Prepare
    const event = JSON.stringify(orderPlacedEnvelope());

    // Act
    const matching = await client.send(new TestEventPatternCommand({ EventPattern: JSON.stringify({ detail: { lineItems: { sku: ['SKU-BLUE'], quantity: [2] } } }), Event: event }));
    const splitAcrossItems = await client.send(new TestEventPatternCommand({ EventPattern: JSON.stringify({ detail: { lineItems: { sku: ['SKU-BLUE'], quantity: [1] } } }), Event: event }));
    const invalid = client.send(new TestEventPatternCommand({ EventPattern: JSON.stringify({ detail: { status: [{ wildcard: 'PL**' }] } }), Event: event }));
    const incompleteEvent = client.send(new TestEventPatternCommand({ EventPattern: JSON.stringify(orderPlacedPattern), Event: JSON.stringify({ source: 'oms.orders' }) }));

    // Assess
    expect(matching.Result).toBe(true);
    expect(splitAcrossItems.Result).toBe(false);
    await expect(invalid).rejects.toMatchObject({ name: 'InvalidEventPatternException', message: expect.stringContaining('Consecutive wildcard characters') });
    await expect(incompleteEvent).rejects.toMatchObject({ name: 'InvalidEventPatternException', message: expect.stringContaining('missing required fields') });
  });

  it('ListRules, DescribeRule and ListTargetsByRule through the SDK show the defined rules in the API shapes', async () => {
    // Prepare
    const busName = 'oms-events';

    // Act
    const all = await client.send(new ListRulesCommand({ EventBusName: busName }));
    const firstPage = await client.send(new ListRulesCommand({ EventBusName: busName, Limit: 1 }));
    const secondPage = await client.send(new ListRulesCommand({ EventBusName: busName, Limit: 1, NextToken: firstPage.NextToken }));
    const prefixed = await client.send(new ListRulesCommand({ EventBusName: busName, NamePrefix: 'order-placed-res' }));
    const onDefault = await client.send(new ListRulesCommand({}));
    const described = await client.send(new DescribeRuleCommand({ Name: 'order-placed-reserve', EventBusName: busName }));
    const targets = await client.send(new ListTargetsByRuleCommand({ Rule: 'order-placed-reserve', EventBusName: busName }));
    const unknownRule = client.send(new DescribeRuleCommand({ Name: 'nope', EventBusName: busName }));

    // Assess
    expect(all.Rules?.map((listed) => listed.Name)).toEqual(['order-placed-notify', 'order-placed-reserve']);
    expect(all.Rules?.[0]).toEqual({
      Name: 'order-placed-notify',
      Arn: 'arn:aws:events:eu-central-1:000000000000:rule/oms-events/order-placed-notify',
      EventPattern: JSON.stringify(orderPlacedPattern),
      State: 'ENABLED',
      Description: 'Test rule order-placed-notify',
      EventBusName: 'oms-events',
    });
    expect(firstPage.Rules?.map((listed) => listed.Name)).toEqual(['order-placed-notify']);
    expect(secondPage.Rules?.map((listed) => listed.Name)).toEqual(['order-placed-reserve']);
    expect(secondPage.NextToken).toBeUndefined();
    expect(prefixed.Rules?.map((listed) => listed.Name)).toEqual(['order-placed-reserve']);
    expect(onDefault.Rules).toEqual([]);
    expect(described).toMatchObject({ Name: 'order-placed-reserve', State: 'ENABLED', EventBusName: busName, CreatedBy: '000000000000' });
    expect(JSON.parse(described.EventPattern ?? '')).toEqual({ ...orderPlacedPattern, detail: { status: ['PLACED'] } });
    expect(targets.Targets).toEqual([
      {
        Id: 'reserve',
        Arn: 'arn:aws:lambda:eu-central-1:000000000000:function:oms-local-reserve-stock',
        InputPath: '$.detail',
        RetryPolicy: { MaximumRetryAttempts: 3, MaximumEventAgeInSeconds: 3_600 },
      },
      {
        Id: 'fulfilment',
        Arn: 'arn:aws:states:eu-central-1:000000000000:stateMachine:order-fulfilment',
        InputTransformer: { InputPathsMap: { orderId: '$.detail.orderId' }, InputTemplate: '{"orderId": <orderId>}' },
      },
    ]);
    await expect(unknownRule).rejects.toMatchObject({ name: 'ResourceNotFoundException', message: 'Rule nope does not exist on EventBus oms-events.' });
  });

  it('DescribeEventBus through the SDK knows the OMS bus and default, and no other', async () => {
    // Prepare
    const arn = 'arn:aws:events:eu-central-1:000000000000:event-bus/oms-events';

    // Act
    const oms = await client.send(new DescribeEventBusCommand({ Name: arn }));
    const byDefault = await client.send(new DescribeEventBusCommand({}));
    const unknown = client.send(new DescribeEventBusCommand({ Name: 'nope' }));

    // Assess
    expect(oms).toMatchObject({ Name: 'oms-events', Arn: arn });
    expect(oms.CreationTime).toBeInstanceOf(Date);
    expect(byDefault.Name).toBe('default');
    await expect(unknown).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });

  it.skipIf(!awsCliAvailable)(`aws events put-events publishes to the local bus${cliSkipNote}`, async () => {
    // Prepare
    invocations.length = 0;
    const entries = JSON.stringify([{ Source: 'oms.orders', DetailType: 'Order Placed', Detail: JSON.stringify(orderPlacedDetail), EventBusName: 'oms-events' }]);

    // Act
    const result = (await awsCli(endpoint.url, ['put-events', '--entries', entries])) as { FailedEntryCount: number; Entries: { EventId: string }[] };
    await bus.idle();

    // Assess
    expect(result.FailedEntryCount).toBe(0);
    expect(invocations.find((call) => call.fn === notifyCustomer.name)?.event).toMatchObject({ id: result.Entries[0]?.EventId, detail: orderPlacedDetail });
  });

  it.skipIf(!awsCliAvailable)(`aws events test-event-pattern matches and reports invalid patterns${cliSkipNote}`, async () => {
    // Prepare
    const event = JSON.stringify(orderPlacedEnvelope());

    // Act
    const matching = await awsCli(endpoint.url, ['test-event-pattern', '--event-pattern', JSON.stringify({ detail: { total: { amount: [{ prefix: '62.' }] } } }), '--event', event]);
    const invalid = awsCli(endpoint.url, ['test-event-pattern', '--event-pattern', JSON.stringify({ detail: { status: 'PLACED' } }), '--event', event]);

    // Assess
    expect(matching).toEqual({ Result: true });
    await expect(invalid).rejects.toMatchObject({ stderr: expect.stringContaining('InvalidEventPatternException') });
  });
});

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FunctionDefinition } from '../../../../infra/definitions/api';
import type { RuleDefinition } from '../../../../infra/definitions/event-bus';
import {
  LocalEventBus,
  type LocalEventBusOptions,
  maxPutEventsBytes,
  type PutEventsEntry,
  putEventsEntrySize,
} from '../../../../infra/local/cloud/eventbridge/local-event-bus';
import {
  notifyCustomer,
  orderPlacedDetail,
  orderPlacedEntry,
  reserveStock,
  rule,
  startPartnerEndpoint,
  syncErp,
} from '../../../fixtures/eventbridge/order-events';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

interface Recorder {
  readonly functionCalls: { fn: string; event: unknown }[];
  readonly executions: { stateMachine: string; input: string }[];
  readonly logs: Record<string, unknown>[];
}

/** A bus whose function and state-machine targets are recorded; `failing` functions always throw. */
function busWith(rules: readonly RuleDefinition[], options: Partial<LocalEventBusOptions> & { failing?: readonly FunctionDefinition[] } = {}) {
  const recorder: Recorder = { functionCalls: [], executions: [], logs: [] };
  const { failing = [], ...rest } = options;
  const bus = new LocalEventBus({
    rules,
    timeScale: 0.001,
    log: (entry) => recorder.logs.push(entry),
    invokers: {
      invokeFunction: async (fn, event) => {
        recorder.functionCalls.push({ fn: fn.name, event });
        if (failing.includes(fn)) throw new Error(`${fn.name} is down`);
      },
      startExecution: async (stateMachine, input) => {
        recorder.executions.push({ stateMachine, input });
      },
    },
    ...rest,
  });
  buses.push(bus);
  return { bus, ...recorder };
}

const buses: LocalEventBus[] = [];
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const bus of buses.splice(0)) await bus.close();
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

describe('LocalEventBus fan-out, retries and dead letters', () => {
  it('delivers one event to every target of a matching rule, and dead-letters the one that keeps failing after maximumRetryAttempts + 1 attempts', async () => {
    // Prepare
    const partner = await startPartnerEndpoint([200]);
    cleanups.push(partner.close);
    const { bus, functionCalls, executions } = busWith(
      [
        rule('order-placed-fan-out', [
          { id: 'notify', kind: 'function', function: notifyCustomer },
          { id: 'reserve', kind: 'function', function: reserveStock, retryPolicy: { maximumRetryAttempts: 2, maximumEventAgeSeconds: 3_600 } },
          { id: 'partner-webhook', kind: 'api-destination', endpointUrl: partner.url, httpMethod: 'POST' },
          { id: 'fulfilment', kind: 'state-machine', stateMachineName: 'order-fulfilment' },
        ]),
      ],
      { failing: [reserveStock] },
    );

    // Act
    const result = bus.putEvents([orderPlacedEntry()]);
    const callsBeforeReturn = functionCalls.length + executions.length + partner.requests.length;
    await bus.idle();

    // Assess
    expect(result.FailedEntryCount).toBe(0);
    const eventId = (result.Entries[0] as { EventId: string }).EventId;
    expect(eventId).toMatch(uuid);
    expect(callsBeforeReturn).toBe(0);
    expect(functionCalls.filter((call) => call.fn === notifyCustomer.name)).toHaveLength(1);
    expect(functionCalls.filter((call) => call.fn === reserveStock.name)).toHaveLength(3);
    expect(partner.requests).toHaveLength(1);
    expect(executions).toEqual([{ stateMachine: 'order-fulfilment', input: expect.stringContaining(eventId) }]);
    expect(bus.deadLetters()).toEqual([
      {
        ruleName: 'order-placed-fan-out',
        targetId: 'reserve',
        event: expect.objectContaining({ id: eventId, detail: orderPlacedDetail }),
        error: 'reserve-stock is down',
        reason: 'retry-attempts-exhausted',
        attempts: 3,
        failedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      },
    ]);
  });

  it('sends each target the EventBridge envelope, with time at seconds precision from Time', async () => {
    // Prepare
    const { bus, functionCalls } = busWith([rule('notify', [{ id: 'notify', kind: 'function', function: notifyCustomer }])], { region: 'eu-central-1' });
    const resources = ['arn:aws:dynamodb:eu-central-1:000000000000:table/oms-orders'];

    // Act
    const result = bus.putEvents([orderPlacedEntry({ Time: new Date('2026-03-02T18:43:48.789Z'), Resources: resources })]);
    await bus.idle();

    // Assess
    expect(functionCalls).toHaveLength(1);
    expect(functionCalls[0]?.event).toEqual({
      version: '0',
      id: (result.Entries[0] as { EventId: string }).EventId,
      'detail-type': 'Order Placed',
      source: 'oms.orders',
      account: '000000000000',
      time: '2026-03-02T18:43:48Z',
      region: 'eu-central-1',
      resources,
      detail: orderPlacedDetail,
    });
  });

  it('accepts Time as epoch seconds, the way the JSON protocol sends timestamps', async () => {
    // Prepare
    const { bus, functionCalls } = busWith([rule('notify', [{ id: 'notify', kind: 'function', function: notifyCustomer }])]);

    // Act
    bus.putEvents([orderPlacedEntry({ Time: 1_772_477_028.5 })]);
    await bus.idle();

    // Assess
    expect(functionCalls[0]?.event).toMatchObject({ time: '2026-03-02T18:43:48Z' });
  });

  it('delivers nothing for an event no rule matches', async () => {
    // Prepare
    const { bus, functionCalls } = busWith([rule('notify', [{ id: 'notify', kind: 'function', function: notifyCustomer }])]);

    // Act
    const result = bus.putEvents([orderPlacedEntry({ DetailType: 'Order Cancelled' })]);
    await bus.idle();

    // Assess
    expect(result.FailedEntryCount).toBe(0);
    expect(functionCalls).toEqual([]);
  });

  it('delivers to every matching rule, not only the first', async () => {
    // Prepare
    const { bus, functionCalls } = busWith([
      rule('notify', [{ id: 'notify', kind: 'function', function: notifyCustomer }]),
      rule('reserve', [{ id: 'reserve', kind: 'function', function: reserveStock }], { detail: { status: ['PLACED'] } }),
      rule('erp-for-app-orders', [{ id: 'erp', kind: 'function', function: syncErp }], { detail: { channelId: [{ prefix: 'app-' }] } }),
    ]);

    // Act
    bus.putEvents([orderPlacedEntry()]);
    await bus.idle();

    // Assess
    expect(functionCalls.map((call) => call.fn).sort()).toEqual([notifyCustomer.name, reserveStock.name]);
  });

  it('retries a transient failure and delivers once it succeeds, without a dead letter', async () => {
    // Prepare
    let calls = 0;
    const bus = new LocalEventBus({
      rules: [rule('notify', [{ id: 'notify', kind: 'function', function: notifyCustomer, retryPolicy: { maximumRetryAttempts: 5, maximumEventAgeSeconds: 3_600 } }])],
      timeScale: 0.001,
      log: () => undefined,
      invokers: {
        invokeFunction: async () => {
          calls++;
          if (calls < 3) throw new Error('throttled');
        },
        startExecution: async () => undefined,
      },
    });
    buses.push(bus);

    // Act
    bus.putEvents([orderPlacedEntry()]);
    await bus.idle();

    // Assess
    expect(calls).toBe(3);
    expect(bus.deadLetters()).toEqual([]);
  });

  it('gives up when the next retry would exceed maximumEventAgeSeconds, before the attempts run out', async () => {
    // Prepare
    const { bus, functionCalls } = busWith(
      [rule('notify', [{ id: 'notify', kind: 'function', function: notifyCustomer, retryPolicy: { maximumRetryAttempts: 185, maximumEventAgeSeconds: 60 } }])],
      { failing: [notifyCustomer], random: () => 0.99 },
    );

    // Act
    bus.putEvents([orderPlacedEntry()]);
    await bus.idle();

    // Assess
    const [record] = bus.deadLetters();
    expect(record?.reason).toBe('maximum-event-age-exceeded');
    expect(record?.attempts).toBe(functionCalls.length);
    expect(record?.attempts).toBeLessThan(186);
  });

  it('logs each failed delivery as one JSON line with the rule, the target and the event id', async () => {
    // Prepare
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    cleanups.push(() => errors.mockRestore());
    const { bus } = busWith([rule('notify', [{ id: 'notify', kind: 'function', function: notifyCustomer, retryPolicy: { maximumRetryAttempts: 1, maximumEventAgeSeconds: 60 } }])], {
      failing: [notifyCustomer],
      log: undefined,
    });

    // Act
    const result = bus.putEvents([orderPlacedEntry()]);
    await bus.idle();

    // Assess
    const lines = errors.mock.calls.map(([line]) => JSON.parse(String(line)) as Record<string, unknown>);
    const eventId = (result.Entries[0] as { EventId: string }).EventId;
    const failures = lines.filter((line) => line.message === 'EventBridge target delivery failed');
    expect(failures).toEqual([
      expect.objectContaining({ rule: 'notify', target: 'notify', eventId, attempt: 1, willRetry: true, error: 'notify-customer is down' }),
      expect.objectContaining({ rule: 'notify', target: 'notify', eventId, attempt: 2, willRetry: false }),
    ]);
  });
});

describe('LocalEventBus API destinations', () => {
  it('POSTs the event as JSON and retries a 5xx and a 429, as EventBridge does', async () => {
    // Prepare
    const partner = await startPartnerEndpoint([503, 429, 202]);
    cleanups.push(partner.close);
    const { bus } = busWith([rule('webhook', [{ id: 'webhook', kind: 'api-destination', endpointUrl: partner.url, httpMethod: 'POST' }])]);

    // Act
    const result = bus.putEvents([orderPlacedEntry()]);
    await bus.idle();

    // Assess
    expect(partner.requests).toHaveLength(3);
    expect(partner.requests[2]).toMatchObject({ method: 'POST', url: '/webhooks/orders', headers: { 'content-type': 'application/json; charset=utf-8' } });
    expect(JSON.parse(partner.requests[2]?.body ?? '')).toMatchObject({ id: (result.Entries[0] as { EventId: string }).EventId, detail: orderPlacedDetail });
    expect(bus.deadLetters()).toEqual([]);
  });

  it('does not retry a 400 and dead-letters the event after one attempt', async () => {
    // Prepare
    const partner = await startPartnerEndpoint([400]);
    cleanups.push(partner.close);
    const { bus } = busWith([rule('webhook', [{ id: 'webhook', kind: 'api-destination', endpointUrl: partner.url, httpMethod: 'PUT' }])]);

    // Act
    bus.putEvents([orderPlacedEntry()]);
    await bus.idle();

    // Assess
    expect(partner.requests).toHaveLength(1);
    expect(partner.requests[0]?.method).toBe('PUT');
    expect(bus.deadLetters()).toMatchObject([{ targetId: 'webhook', reason: 'not-retryable', attempts: 1, error: expect.stringContaining('answered 400') }]);
  });

  it('retries a connection failure until the retry policy runs out', async () => {
    // Prepare
    const partner = await startPartnerEndpoint([200]);
    await partner.close();
    const { bus } = busWith([
      rule('webhook', [
        { id: 'webhook', kind: 'api-destination', endpointUrl: partner.url, httpMethod: 'POST', retryPolicy: { maximumRetryAttempts: 2, maximumEventAgeSeconds: 3_600 } },
      ]),
    ]);

    // Act
    bus.putEvents([orderPlacedEntry()]);
    await bus.idle();

    // Assess
    expect(bus.deadLetters()).toMatchObject([{ targetId: 'webhook', reason: 'retry-attempts-exhausted', attempts: 3 }]);
  });
});

describe('LocalEventBus target input', () => {
  it('passes the part of the event an InputPath selects', async () => {
    // Prepare
    const { bus, functionCalls, executions } = busWith([
      rule('detail-only', [
        { id: 'notify', kind: 'function', function: notifyCustomer, inputPath: '$.detail' },
        { id: 'fulfilment', kind: 'state-machine', stateMachineName: 'order-fulfilment', inputPath: '$.detail.lineItems[1].sku' },
      ]),
    ]);

    // Act
    bus.putEvents([orderPlacedEntry()]);
    await bus.idle();

    // Assess
    expect(functionCalls[0]?.event).toEqual(orderPlacedDetail);
    expect(executions[0]?.input).toBe('"SKU-BLUE"');
  });

  it('renders a JSON input template: JSON values outside quotes, raw strings inside, reserved variables', async () => {
    // Prepare
    const { bus, functionCalls } = busWith([
      rule('transformed', [
        {
          id: 'notify',
          kind: 'function',
          function: notifyCustomer,
          inputTransformer: {
            inputPathsMap: { orderId: '$.detail.orderId', total: '$.detail.total', quantity: '$.detail.lineItems[1].quantity', missing: '$.detail.coupon' },
            inputTemplate:
              '{"orderId": <orderId>, "summary": "Order <orderId> totals <quantity> items", "total": <total>, "quantity": <quantity>, "coupon": <missing>,' +
              ' "rule": <aws.events.rule-name>, "ruleArn": "<aws.events.rule-arn>", "received": <aws.events.event.ingestion-time>, "original": <aws.events.event.json>}',
          },
        },
      ]),
    ]);

    // Act
    const result = bus.putEvents([orderPlacedEntry()]);
    await bus.idle();

    // Assess
    const eventId = (result.Entries[0] as { EventId: string }).EventId;
    expect(functionCalls[0]?.event).toEqual({
      orderId: '820982911946154508',
      summary: 'Order 820982911946154508 totals 2 items',
      total: { amount: '62.67', currency: 'EUR' },
      quantity: 2,
      coupon: null,
      rule: 'transformed',
      ruleArn: 'arn:aws:events:eu-central-1:000000000000:rule/oms-events/transformed',
      received: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      original: expect.objectContaining({ id: eventId, 'detail-type': 'Order Placed', detail: orderPlacedDetail }),
    });
  });

  it('renders a string input template into a JSON string, and the event without detail for <aws.events.event>', async () => {
    // Prepare
    const { bus, executions, functionCalls } = busWith([
      rule('transformed', [
        {
          id: 'fulfilment',
          kind: 'state-machine',
          stateMachineName: 'order-fulfilment',
          inputTransformer: { inputPathsMap: { orderId: '$.detail.orderId', status: '$.detail.status' }, inputTemplate: '"order <orderId> is <status>"' },
        },
        {
          id: 'notify',
          kind: 'function',
          function: notifyCustomer,
          inputTransformer: { inputPathsMap: {}, inputTemplate: '{"envelope": <aws.events.event>}' },
        },
      ]),
    ]);

    // Act
    bus.putEvents([orderPlacedEntry()]);
    await bus.idle();

    // Assess
    expect(executions[0]?.input).toBe('"order 820982911946154508 is PLACED"');
    const envelope = (functionCalls[0]?.event as { envelope: Record<string, unknown> }).envelope;
    expect(envelope).toMatchObject({ source: 'oms.orders', 'detail-type': 'Order Placed' });
    expect(envelope).not.toHaveProperty('detail');
  });

  it('gives each function invocation its own copy of the event', async () => {
    // Prepare
    const received: unknown[] = [];
    const bus = new LocalEventBus({
      rules: [rule('two', [
        { id: 'a', kind: 'function', function: notifyCustomer },
        { id: 'b', kind: 'function', function: reserveStock },
      ])],
      invokers: {
        invokeFunction: async (_fn, event) => {
          received.push(structuredClone(event));
          (event as { detail: Record<string, unknown> }).detail.status = 'MUTATED';
        },
        startExecution: async () => undefined,
      },
    });
    buses.push(bus);

    // Act
    bus.putEvents([orderPlacedEntry()]);
    await bus.idle();

    // Assess
    expect(received).toHaveLength(2);
    expect(received.map((event) => (event as { detail: { status: string } }).detail.status)).toEqual(['PLACED', 'PLACED']);
  });
});

describe('LocalEventBus PutEvents limits and per-entry errors', () => {
  const bus = () => busWith([rule('notify', [{ id: 'notify', kind: 'function', function: notifyCustomer }])]);

  it('rejects more than 10 entries with a ValidationException', () => {
    // Prepare
    const { bus: eventBus } = bus();
    const entries = Array.from({ length: 11 }, () => orderPlacedEntry());

    // Act
    const attempt = () => eventBus.putEvents(entries);

    // Assess
    expect(attempt).toThrow(expect.objectContaining({ type: 'ValidationException', message: expect.stringContaining('less than or equal to 10') }));
  });

  it('rejects an empty request with a ValidationException', () => {
    // Prepare
    const { bus: eventBus } = bus();

    // Act
    const attempt = () => eventBus.putEvents([]);

    // Assess
    expect(attempt).toThrow(expect.objectContaining({ type: 'ValidationException' }));
  });

  it('accepts a request of exactly 256 KB as AWS counts it, and rejects one byte more', async () => {
    // Prepare
    const { bus: eventBus, functionCalls } = bus();
    const base: PutEventsEntry = { ...orderPlacedEntry(), Time: new Date(), Resources: ['arn:aws:s3:::bucket'] };
    const padding = maxPutEventsBytes - putEventsEntrySize({ ...base, Detail: '{"pad":""}' });
    // Two-byte characters, so the test fails if the size were counted in characters rather than UTF-8 bytes.
    const filler = (bytes: number) => 'é'.repeat(Math.floor(bytes / 2)) + 'x'.repeat(bytes % 2);
    const atLimit = { ...base, Detail: JSON.stringify({ pad: filler(padding) }) };
    const overLimit = { ...base, Detail: JSON.stringify({ pad: filler(padding + 1) }) };

    // Act
    const accepted = eventBus.putEvents([atLimit]);
    const rejected = () => eventBus.putEvents([overLimit]);
    await eventBus.idle();

    // Assess
    expect(putEventsEntrySize(atLimit)).toBe(maxPutEventsBytes);
    expect(accepted.FailedEntryCount).toBe(0);
    expect(functionCalls).toHaveLength(1);
    expect(rejected).toThrow(expect.objectContaining({ type: 'ValidationException', message: expect.stringContaining('over the limit') }));
  });

  it('counts the size over all entries of a request', () => {
    // Prepare
    const { bus: eventBus } = bus();
    const third = JSON.stringify({ pad: 'x'.repeat(Math.ceil(maxPutEventsBytes / 3)) });

    // Act
    const attempt = () => eventBus.putEvents([orderPlacedEntry({ Detail: third }), orderPlacedEntry({ Detail: third }), orderPlacedEntry({ Detail: third })]);

    // Assess
    expect(attempt).toThrow(expect.objectContaining({ type: 'ValidationException' }));
  });

  it('reports invalid entries one by one, with FailedEntryCount, while the valid ones are accepted and delivered', async () => {
    // Prepare
    const { bus: eventBus, functionCalls } = bus();
    const entries: PutEventsEntry[] = [
      orderPlacedEntry(),
      { DetailType: 'Order Placed', Detail: '{}' },
      { Source: 'oms.orders', Detail: '{}' },
      { Source: 'oms.orders', DetailType: 'Order Placed' },
      orderPlacedEntry({ Detail: '{"orderId": ' }),
      orderPlacedEntry({ Detail: '["not", "an", "object"]' }),
      orderPlacedEntry({ Time: 'yesterday' }),
      orderPlacedEntry(),
    ];

    // Act
    const result = eventBus.putEvents(entries);
    await eventBus.idle();

    // Assess
    expect(result.FailedEntryCount).toBe(6);
    expect(result.Entries).toEqual([
      { EventId: expect.stringMatching(uuid) },
      { ErrorCode: 'InvalidArgument', ErrorMessage: 'Parameter Source is not valid. Reason: Source is a required argument.' },
      { ErrorCode: 'InvalidArgument', ErrorMessage: 'Parameter DetailType is not valid. Reason: DetailType is a required argument.' },
      { ErrorCode: 'InvalidArgument', ErrorMessage: 'Parameter Detail is not valid. Reason: Detail is a required argument.' },
      { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' },
      { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' },
      { ErrorCode: 'InvalidArgument', ErrorMessage: expect.stringContaining('Parameter Time is not valid') },
      { EventId: expect.stringMatching(uuid) },
    ]);
    expect(functionCalls).toHaveLength(2);
  });

  it('accepts the bus by name or ARN, takes events for the default bus without routing them, and refuses an unknown bus', async () => {
    // Prepare
    const { bus: eventBus, functionCalls } = bus();

    // Act
    const byArn = eventBus.putEvents([orderPlacedEntry({ EventBusName: 'arn:aws:events:eu-central-1:000000000000:event-bus/oms-events' })]);
    const toDefault = eventBus.putEvents([orderPlacedEntry({ EventBusName: undefined })]);
    const unknown = () => eventBus.putEvents([orderPlacedEntry(), orderPlacedEntry({ EventBusName: 'oms-evnets' })]);
    await eventBus.idle();

    // Assess
    expect(byArn.FailedEntryCount).toBe(0);
    expect(toDefault.FailedEntryCount).toBe(0);
    expect(functionCalls).toHaveLength(1);
    expect(unknown).toThrow(expect.objectContaining({ type: 'ResourceNotFoundException', message: 'Event bus oms-evnets does not exist.' }));
  });
});

describe('LocalEventBus construction', () => {
  it('refuses a rule whose pattern EventBridge would reject, naming the rule', () => {
    // Prepare
    const rules = [rule('broken', [{ id: 'notify', kind: 'function', function: notifyCustomer }], { detail: { status: 'PLACED' } })];

    // Act
    const attempt = () => new LocalEventBus({ rules, invokers: { invokeFunction: async () => undefined, startExecution: async () => undefined } });

    // Assess
    expect(attempt).toThrow(expect.objectContaining({ name: 'InvalidEventPatternException', message: expect.stringContaining('rule broken') }));
  });

  it('refuses a retry policy outside the ranges AWS allows', () => {
    // Prepare
    const rules = [rule('too-patient', [{ id: 'notify', kind: 'function', function: notifyCustomer, retryPolicy: { maximumRetryAttempts: 186, maximumEventAgeSeconds: 60 } }])];

    // Act
    const attempt = () => new LocalEventBus({ rules, invokers: { invokeFunction: async () => undefined, startExecution: async () => undefined } });

    // Assess
    expect(attempt).toThrow('retry policy out of');
  });
});

describe('LocalEventBus dead-letter file', () => {
  it('appends dead letters as JSON lines and reloads them after a restart', async () => {
    // Prepare
    const directory = mkdtempSync(join(tmpdir(), 'oms-eventbridge-'));
    cleanups.push(() => rmSync(directory, { recursive: true, force: true }));
    const deadLetterFile = join(directory, 'nested', 'dead-letters.jsonl');
    const rules = [rule('notify', [{ id: 'notify', kind: 'function', function: notifyCustomer, retryPolicy: { maximumRetryAttempts: 0, maximumEventAgeSeconds: 60 } }])];
    const { bus: first } = busWith(rules, { failing: [notifyCustomer], deadLetterFile });
    first.putEvents([orderPlacedEntry(), orderPlacedEntry({ DetailType: 'Order Placed', Detail: '{"orderId":"2"}' })]);
    await first.idle();
    await first.close();

    // Act
    const { bus: restarted } = busWith(rules, { deadLetterFile });

    // Assess
    const lines = readFileSync(deadLetterFile, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(restarted.deadLetters()).toEqual(first.deadLetters());
    expect(restarted.deadLetters()).toMatchObject([
      { ruleName: 'notify', targetId: 'notify', attempts: 1, reason: 'retry-attempts-exhausted' },
      { ruleName: 'notify', targetId: 'notify', attempts: 1, reason: 'retry-attempts-exhausted' },
    ]);
  });
});

import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import type { RuleDefinition, ScheduledRule } from '../../../../infra/definitions/event-bus';
import { eventBridgeService } from '../../../../infra/local/cloud/eventbridge/eventbridge-service';
import { LocalEventBus, type LocalEventBusOptions } from '../../../../infra/local/cloud/eventbridge/local-event-bus';
import { notifyCustomer, orderPlacedEntry, reserveStock, rule } from '../../../fixtures/eventbridge/order-events';

/** rate(1 minute) at this time scale ticks every 30 ms. */
const timeScale = 0.0005;

const sweeperRule = (overrides: Partial<ScheduledRule> = {}): ScheduledRule => ({
  name: 'sweep',
  description: 'Test schedule',
  schedule: { rateMinutes: 1 },
  targets: [{ id: 'sweeper', kind: 'function', function: reserveStock }],
  ...overrides,
});

const buses: LocalEventBus[] = [];
afterEach(async () => {
  for (const bus of buses.splice(0)) await bus.close();
});

/** A bus whose function targets are recorded (and take `invocationMs` to run). */
function busWith(rules: readonly RuleDefinition[], { invocationMs = 0, ...options }: Partial<LocalEventBusOptions> & { invocationMs?: number } = {}) {
  const calls: { fn: string; event: Record<string, unknown>; at: number }[] = [];
  let running = 0;
  let overlapping = false;
  const bus = new LocalEventBus({
    rules,
    timeScale,
    region: 'eu-central-1',
    accountId: '000000000000',
    log: () => undefined,
    invokers: {
      invokeFunction: async (fn, event) => {
        running += 1;
        overlapping ||= running > 1;
        calls.push({ fn: fn.name, event: event as Record<string, unknown>, at: Date.now() });
        await sleep(invocationMs);
        running -= 1;
      },
      startExecution: async () => undefined,
    },
    ...options,
  });
  buses.push(bus);
  return { bus, calls, overlapped: () => overlapping };
}

describe('LocalEventBus scheduled rules', () => {
  it('sends the targets an AWS Scheduled Event at every tick, naming the rule on the default bus', async () => {
    // Prepare
    const { bus, calls } = busWith([sweeperRule()]);

    // Act
    bus.startSchedules();
    await sleep(200);

    // Assess
    expect(calls.length).toBeGreaterThanOrEqual(3);
    expect(calls[0]?.event).toEqual({
      version: '0',
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      'detail-type': 'Scheduled Event',
      source: 'aws.events',
      account: '000000000000',
      time: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/),
      region: 'eu-central-1',
      resources: ['arn:aws:events:eu-central-1:000000000000:rule/sweep'],
      detail: {},
    });
    expect(new Set(calls.map((call) => call.event.id)).size).toBe(calls.length);
  });

  it('does not start a tick for a target whose previous tick is still running', async () => {
    // Prepare: each run takes three periods
    const { bus, calls, overlapped } = busWith([sweeperRule()], { invocationMs: 90 });

    // Act
    bus.startSchedules();
    await sleep(400);
    await bus.close();

    // Assess
    expect(calls.length).toBeGreaterThanOrEqual(2);
    expect(overlapped()).toBe(false);
  });

  it('stops ticking once closed, and does not tick before it is started', async () => {
    // Prepare
    const { bus, calls } = busWith([sweeperRule()]);
    await sleep(100);
    const beforeStart = calls.length;
    bus.startSchedules();
    await sleep(100);

    // Act
    await bus.close();
    const atClose = calls.length;
    await sleep(100);

    // Assess
    expect(beforeStart).toBe(0);
    expect(atClose).toBeGreaterThan(0);
    expect(calls.length).toBe(atClose);
  });

  it('never routes a put event to a scheduled rule, even one that looks like a tick', async () => {
    // Prepare
    const { bus, calls } = busWith([sweeperRule(), rule('order-placed-notify', [{ id: 'notify', kind: 'function', function: notifyCustomer }])]);

    // Act
    bus.putEvents([orderPlacedEntry(), orderPlacedEntry({ Source: 'aws.events', DetailType: 'Scheduled Event', Detail: '{}' })]);
    await bus.idle();

    // Assess
    expect(calls.map((call) => call.fn)).toEqual(['notify-customer']);
  });

  it.each([0, 1.5, -1])('refuses a schedule of %s minutes, naming the rule', (rateMinutes) => {
    // Act
    const build = () => busWith([sweeperRule({ schedule: { rateMinutes } })]);

    // Assess
    expect(build).toThrow(/Rule sweep: .*rateMinutes/);
  });

  it('lists a scheduled rule on the default bus with its schedule expression, and pattern rules on the OMS bus', async () => {
    // Prepare
    const { bus } = busWith([sweeperRule({ schedule: { rateMinutes: 5 } }), rule('order-placed-notify', [{ id: 'notify', kind: 'function', function: notifyCustomer }])]);
    const service = eventBridgeService(bus);

    // Act
    const onDefault = (await service.operations.ListRules?.({})) as { Rules: Record<string, unknown>[] };
    const onOmsBus = (await service.operations.ListRules?.({ EventBusName: 'oms-events' })) as { Rules: Record<string, unknown>[] };

    // Assess
    expect(onDefault.Rules).toEqual([
      expect.objectContaining({ Name: 'sweep', ScheduleExpression: 'rate(5 minutes)', EventBusName: 'default', Arn: 'arn:aws:events:eu-central-1:000000000000:rule/sweep' }),
    ]);
    expect(onDefault.Rules[0]).not.toHaveProperty('EventPattern');
    expect(onOmsBus.Rules.map((listed) => listed.Name)).toEqual(['order-placed-notify']);
  });
});

describe('LocalEventBus recent events', () => {
  it('keeps the events put on the OMS bus with their id and time, oldest first, and not those put on the default bus', () => {
    // Prepare
    const { bus } = busWith([]);

    // Act
    const result = bus.putEvents([orderPlacedEntry(), orderPlacedEntry({ EventBusName: 'default' }), orderPlacedEntry({ DetailType: 'Order Cancelled' })]);

    // Assess
    const recent = bus.recentEvents();
    expect(recent.map((event) => event.detailType)).toEqual(['Order Placed', 'Order Cancelled']);
    expect(recent[0]).toEqual({
      id: (result.Entries[0] as { EventId: string }).EventId,
      time: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
      source: 'oms.orders',
      detailType: 'Order Placed',
      detail: expect.objectContaining({ channelId: 'demo-web' }),
    });
  });

  it('keeps only the latest events once full', () => {
    // Prepare
    const { bus } = busWith([], { recentEventsLimit: 3 });

    // Act
    for (let index = 1; index <= 5; index++) bus.putEvents([orderPlacedEntry({ DetailType: `Event ${index}` })]);

    // Assess
    expect(bus.recentEvents().map((event) => event.detailType)).toEqual(['Event 3', 'Event 4', 'Event 5']);
  });

  it('narrows by detail-type, source and the time the bus took the event', async () => {
    // Prepare
    const { bus } = busWith([]);
    bus.putEvents([orderPlacedEntry({ DetailType: 'Early' })]);
    await sleep(5);
    const since = new Date();
    bus.putEvents([orderPlacedEntry({ DetailType: 'Late' }), orderPlacedEntry({ DetailType: 'Late', Source: 'oms.inventory' })]);

    // Act
    const bySource = bus.recentEvents({ source: 'oms.inventory' });
    const byType = bus.recentEvents({ detailType: 'Early' });
    const bySince = bus.recentEvents({ since });

    // Assess
    expect(bySource.map((event) => `${event.source} ${event.detailType}`)).toEqual(['oms.inventory Late']);
    expect(byType.map((event) => event.detailType)).toEqual(['Early']);
    expect(bySince.map((event) => event.detailType)).toEqual(['Late', 'Late']);
  });
});

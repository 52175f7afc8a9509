/**
 * Local cloud throughput, run as its own process so its CPU and RSS are its own:
 * - PutEvents through the AWS JSON endpoint with 20 rules, targets delivered in-process.
 * Prints `BENCH <name> <value> <unit>` lines; bench/run.ts runs it.
 */
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import type { FunctionDefinition } from '../infra/definitions/api';
import { eventBusName, type RuleDefinition } from '../infra/definitions/event-bus';
import { startAwsJsonServer } from '../infra/local/cloud/aws-json-server';
import { eventBridgeService } from '../infra/local/cloud/eventbridge/eventbridge-service';
import { LocalEventBus } from '../infra/local/cloud/eventbridge/local-event-bus';

const durationSeconds = Number(process.env.BENCH_CLOUD_DURATION_S ?? 10);
const callers = 8;

const report = (name: string, value: number, unit: string, label: string) => {
  console.log(`${label.padEnd(44)} ${value} ${unit}`);
  console.log(`BENCH ${name} ${value} ${unit}`);
};

const noOp: FunctionDefinition = { name: 'bench-no-op', entry: 'unused', tables: {} };

/** 20 rules of the kinds the OMS will have: by source, detail-type, channel, money, prefixes. */
function twentyRules(): RuleDefinition[] {
  const rules: RuleDefinition[] = [];
  for (let i = 0; i < 20; i++) {
    const patterns = [
      { source: ['oms.orders'], 'detail-type': [`Kind ${i}`] },
      { source: ['oms.orders'], detail: { channelId: [`channel-${i}`] } },
      { source: [{ prefix: 'oms.' }], detail: { total: { amount: [{ numeric: ['>', i * 1000] }] } } },
      { 'detail-type': [{ 'anything-but': ['Ping'] }], detail: { status: ['PLACED', 'SHIPPED'] } },
    ];
    rules.push({
      name: `bench-rule-${i}`,
      description: 'bench',
      eventPattern: patterns[i % patterns.length] as Record<string, unknown>,
      targets: [{ id: 'no-op', kind: 'function', function: noOp }],
    });
  }
  return rules;
}

async function main() {
  let deliveries = 0;
  const bus = new LocalEventBus({
    rules: twentyRules(),
    eventBusName,
    invokers: {
      invokeFunction: async () => {
        deliveries++;
      },
      startExecution: async () => undefined,
    },
  });
  const server = await startAwsJsonServer({ services: [eventBridgeService(bus)], port: 0 });
  const client = new EventBridgeClient({
    endpoint: server.url,
    region: 'eu-central-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const entries = Array.from({ length: 10 }, (_, i) => ({
    EventBusName: eventBusName,
    Source: 'oms.orders',
    DetailType: `Kind ${i}`,
    Detail: JSON.stringify({ channelId: `channel-${i}`, status: 'PLACED', total: { amount: 4999 * i, currency: 'EUR' } }),
  }));

  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const deadline = started + durationSeconds * 1000;
  let accepted = 0;
  await Promise.all(
    Array.from({ length: callers }, async () => {
      while (performance.now() < deadline) {
        const result = await client.send(new PutEventsCommand({ Entries: entries }));
        accepted += entries.length - (result.FailedEntryCount ?? 0);
      }
    }),
  );
  await bus.idle();
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);

  report('putevents_events_per_s', Math.round(accepted / seconds), 'events/s', 'PutEvents (10 per call, 20 rules) throughput');
  report('putevents_deliveries_per_s', Math.round(deliveries / seconds), 'deliveries/s', 'Rule target deliveries');
  report('putevents_cpu_percent', Math.round(((cpu.user + cpu.system) / 1000 / (seconds * 1000)) * 100), '%', 'Local cloud CPU (one core = 100%)');
  report('putevents_rss_mb', Math.round(process.memoryUsage().rss / 1024 / 1024), 'MB', 'Local cloud RSS');

  client.destroy();
  bus.close();
  await server.close();
}

await main();

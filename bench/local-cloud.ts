/**
 * Local cloud throughput, run as its own process so its CPU and RSS are its own:
 * - PutEvents through the AWS JSON endpoint with 20 rules, targets delivered in-process.
 * - Executions of a 10-state machine with a Map of 5 items on the local Step Functions.
 * Prints `BENCH <name> <value> <unit>` lines; bench/run.ts runs it.
 */
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import type { FunctionDefinition } from '../infra/definitions/api';
import type { StateMachineDefinition } from '../infra/definitions/state-machines';
import { stateMachineArn } from '../infra/local/cloud/stepfunctions/arns';
import { createLocalFunctionInvoker } from '../infra/local/cloud/stepfunctions/function-invoker';
import { loadStateMachineDefinition, localSubstitutionResolver } from '../infra/local/cloud/stepfunctions/load-definition';
import { LocalStepFunctions } from '../infra/local/cloud/stepfunctions/local-step-functions';
import { repositoryRoot } from '../infra/local/runtime';
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

const echo: FunctionDefinition = { name: 'bench-echo', entry: 'bench/fixtures/echo.ts', tables: {} };
const tenStates: StateMachineDefinition = {
  name: 'bench-ten-states',
  definitionFile: 'bench/fixtures/ten-states.asl.json',
  type: 'STANDARD',
  substitutions: { EchoFunction: { kind: 'function', function: echo } },
};

/** Executions run to completion per second, as a storefront's orders would start them. */
async function benchStateMachine() {
  const region = 'eu-central-1';
  const engine = new LocalStepFunctions({
    invokeFunction: await createLocalFunctionInvoker({ functions: [echo], repositoryRoot, region }),
    // The Wait state's 1 s is scaled to 1 ms: the bench measures the engine, not the clock.
    timeScale: 0.001,
    region,
    logger: { debug: () => undefined, info: () => undefined, warn: console.error, error: console.error },
  });
  engine.registerStateMachine({
    name: tenStates.name,
    type: tenStates.type,
    definition: loadStateMachineDefinition(tenStates, localSubstitutionResolver({ region }), { repositoryRoot }),
  });

  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const deadline = started + durationSeconds * 1000;
  let succeeded = 0;
  let failed = 0;
  await Promise.all(
    Array.from({ length: callers }, async () => {
      while (performance.now() < deadline) {
        const { executionArn } = engine.startExecution({ stateMachineArn: stateMachineArn(region, tenStates.name), input: '{}' });
        const { status } = await engine.waitForExecution(executionArn);
        if (status === 'SUCCEEDED') succeeded++;
        else failed++;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  report('sfn_executions_per_s', Math.round((succeeded / seconds) * 10) / 10, 'executions/s', '10-state machine with a Map of 5, to completion');
  report('sfn_failed_executions', failed, 'count', 'Executions that did not succeed');
  report('sfn_cpu_percent', Math.round(((cpu.user + cpu.system) / 1000 / (seconds * 1000)) * 100), '%', 'Local Step Functions CPU (one core = 100%)');
  report('sfn_rss_mb', Math.round(process.memoryUsage().rss / 1024 / 1024), 'MB', 'Local Step Functions RSS');
  await engine.close();
}

/** PutEvents through the endpoint, 10 entries a call, with 20 rules matching in-process targets. */
async function benchPutEvents() {
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

await benchPutEvents();
await benchStateMachine();

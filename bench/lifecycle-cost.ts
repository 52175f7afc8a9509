/**
 * What one order costs on AWS, measured on the local runtime: N two-shipment orders run from
 * POST /orders to COMPLETED (sandbox WMS and carrier answering through the HTTP callbacks), and
 * everything they caused is counted where the local runtime does the work AWS would bill:
 * - Step Functions Standard: state transitions (`*StateEntered` history events, plus task retries)
 *   of the `order-lifecycle` executions;
 * - Step Functions Express: `order-intake` executions (requests) and their duration;
 * - Lambda: invocations and duration per function (the local invoker's stats);
 * - DynamoDB: read and write request units as DynamoDB Local reports them (ReturnConsumedCapacity
 *   on the shared client); stream reads by the Lambda event source mappings are free on AWS;
 * - EventBridge: events put on the custom bus;
 * - API Gateway HTTP API: requests (the order POST and the partners' callbacks).
 * Prints a table per category and `BENCH <name> <value> <unit>` lines; bench/run.ts runs it in its
 * own process. BENCH_LIFECYCLE_ORDERS (default 20) orders, BENCH_LIFECYCLE_CONCURRENCY (default 4)
 * in flight at once.
 */
import { GetExecutionHistoryCommand, ListExecutionsCommand, SFNClient, type ExecutionListItem, type HistoryEvent } from '@aws-sdk/client-sfn';
import { orderIntakeName, orderLifecycleName } from '../infra/definitions/lifecycle';
import { deployedDefinitions } from '../infra/local/cloud/local-cloud';
import { executionArn, stateMachineArn } from '../infra/local/cloud/stepfunctions/arns';
import { httpGatewayRequestCounts, resetHttpGatewayRequestCounts } from '../infra/local/http-gateway';
import { lambdaInvocationStats, resetLambdaInvocationStats, type LambdaInvocationStats } from '../infra/local/lambda-invoker';
import { startLocalRuntime, type LocalRuntime } from '../infra/local/runtime';
import { consumedCapacity, resetConsumedCapacity, type ConsumedCapacitySnapshot } from '../shared/adapters/dynamodb/consumed-capacity';

const orderCount = Number(process.env.BENCH_LIFECYCLE_ORDERS ?? 20);
const concurrency = Number(process.env.BENCH_LIFECYCLE_CONCURRENCY ?? 4);
const orderTimeoutMs = 120_000;
const region = 'eu-central-1';

/**
 * AWS list prices, us-east-1, on-demand, first pricing tier, free tiers ignored. Taken from the AWS
 * pricing pages as of 2025 (Step Functions: https://aws.amazon.com/step-functions/pricing/, Lambda:
 * https://aws.amazon.com/lambda/pricing/, DynamoDB on-demand (after the November 2024 cut):
 * https://aws.amazon.com/dynamodb/pricing/on-demand/, EventBridge:
 * https://aws.amazon.com/eventbridge/pricing/, API Gateway: https://aws.amazon.com/api-gateway/pricing/,
 * CloudWatch: https://aws.amazon.com/cloudwatch/pricing/).
 */
const prices = {
  standardPerTransition: 0.025 / 1000,
  expressPerRequest: 1.0 / 1e6,
  // $0.06 per GB-hour for the first 1,000 GB-hours; duration rounded up to 100 ms, memory billed in 64 MB chunks.
  expressPerGbSecond: 0.00001667,
  expressBilledMemoryMb: 64,
  expressDurationGranularityMs: 100,
  lambdaPerRequest: 0.2 / 1e6,
  // arm64; duration rounded up to 1 ms at the function's configured memory.
  lambdaArmPerGbSecond: 0.0000133334,
  dynamoDbPerWriteUnit: 0.625 / 1e6,
  dynamoDbPerReadUnit: 0.125 / 1e6,
  // Custom events; each 64 KB chunk of an entry is one event.
  eventBridgePerEvent: 1.0 / 1e6,
  eventBridgeChunkBytes: 64 * 1024,
  // HTTP API, first 300 million requests a month; each 512 KB of a request is one request.
  httpApiPerRequest: 1.0 / 1e6,
  // Vended logs (Step Functions logging to CloudWatch Logs), first 10 TB: outside the total, an estimate.
  vendedLogsPerGb: 0.5,
} as const;

const requiredCostPer1000 = 0.5;
const targetCostPer1000 = 0.25;

const round = (value: number, digits = 2) => Number(value.toFixed(digits));
const usd = (value: number) => `$${value.toFixed(4)}`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Row {
  readonly label: string;
  readonly perOrder: number;
  readonly unit: string;
  readonly costPer1000: number;
  /** Decimals of the per-order figure (default 3). */
  readonly digits?: number;
}

function printTable(title: string, rows: readonly Row[]): void {
  console.log(`\n${title}`);
  console.log(`  ${'item'.padEnd(46)} ${'per order'.padStart(12)}  ${'unit'.padEnd(10)} ${'per 1,000 orders'.padStart(16)}`);
  for (const row of rows) {
    console.log(`  ${row.label.padEnd(46)} ${String(round(row.perOrder, row.digits ?? 3)).padStart(12)}  ${row.unit.padEnd(10)} ${usd(row.costPer1000).padStart(16)}`);
  }
}

const bench = (name: string, value: number, unit: string) => console.log(`BENCH ${name} ${value} ${unit}`);

async function api(runtime: LocalRuntime, method: string, path: string, body?: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${runtime.url}${path}`, {
    method,
    headers: { 'x-api-key': runtime.demoApiKey, ...(body !== undefined && { 'content-type': 'application/json' }) },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

/** Until the stream consumers have delivered everything written and no event delivery is pending. */
async function settle(runtime: LocalRuntime): Promise<void> {
  let previous = -1;
  for (;;) {
    await Promise.all([...runtime.cloud.streamPollers.values()].map((poller) => poller.idle(30_000)));
    await runtime.cloud.eventBus.idle();
    await sleep(300);
    const invocations = lambdaInvocationStats().reduce((sum, stats) => sum + stats.invocations, 0);
    if (invocations === previous) return;
    previous = invocations;
  }
}

/** Resolves with the lifecycle execution's final status; the outbox consumer starts it a moment after the POST. */
async function lifecycleOutcome(runtime: LocalRuntime, orderId: string): Promise<string> {
  const arn = executionArn(region, orderLifecycleName, orderId);
  const deadline = Date.now() + orderTimeoutMs;
  for (;;) {
    try {
      runtime.cloud.stepFunctions.describeExecution({ executionArn: arn });
      break;
    } catch {
      if (Date.now() > deadline) return 'NOT_STARTED';
      await sleep(20);
    }
  }
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<string>((resolve) => (timer = setTimeout(() => resolve('TIMED_OUT_WAITING'), Math.max(0, deadline - Date.now()))));
  try {
    return await Promise.race([runtime.cloud.stepFunctions.waitForExecution(arn).then((description) => description.status), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function allPages<T>(fetchPage: (nextToken: string | undefined) => Promise<{ items: T[]; nextToken?: string }>): Promise<T[]> {
  const items: T[] = [];
  let nextToken: string | undefined;
  do {
    const page = await fetchPage(nextToken);
    items.push(...page.items);
    nextToken = page.nextToken;
  } while (nextToken);
  return items;
}

async function historyOf(sfn: SFNClient, arn: string): Promise<HistoryEvent[]> {
  return allPages(async (nextToken) => {
    const page = await sfn.send(new GetExecutionHistoryCommand({ executionArn: arn, maxResults: 1000, nextToken }));
    return { items: page.events ?? [], ...(page.nextToken && { nextToken: page.nextToken }) };
  });
}

/**
 * Billed transitions: every state entered, plus every retry of a task (AWS bills each retry as a
 * transition). A task's first attempt and each retry are a *Scheduled event, so the retries are
 * the Scheduled events beyond one per Task state entered (Map iterations interleave, so counting
 * them is safer than following each attempt).
 */
function billedTransitions(events: readonly HistoryEvent[]): { entered: number; retries: number } {
  let entered = 0;
  let tasksEntered = 0;
  let scheduled = 0;
  for (const event of events) {
    const type = event.type ?? '';
    if (type.endsWith('StateEntered')) entered += 1;
    if (type === 'TaskStateEntered') tasksEntered += 1;
    if (type.endsWith('Scheduled')) scheduled += 1;
  }
  return { entered, retries: Math.max(0, scheduled - tasksEntered) };
}

/** Roughly what a history event becomes as a CloudWatch Logs record (logging level ALL, execution data included). */
const logRecordBytes = (event: HistoryEvent, arn: string) => Buffer.byteLength(JSON.stringify(event)) + arn.length + 120;

async function main() {
  // The warehouse answers fast and waits are scaled down: the bench counts work, not wall-clock
  // time. The carrier keeps its default pace: it scans IN_TRANSIT after the delay and DELIVERED
  // after twice it, and with a few tens of milliseconds the scans overtake each other (a refused
  // IN_TRANSIT) and the workflow (a shipment delivered before the order waits for it), which a
  // real order, delivered days later, never does; either would undercount the work.
  process.env.OMS_SANDBOX_WMS_DELAY_MS ??= '50';
  process.env.OMS_SANDBOX_CARRIER_DELAY_MS ??= '1500';
  process.env.OMS_SANDBOX_WMS_REJECT_RATE = '0';

  // Scheduled rules are left out: the reservation-expiry sweeper runs once a minute whatever the
  // volume (a fixed cost, not an order's), and at a time scale of 0.01 it would tick every 0.6 s.
  const runtime = await startLocalRuntime({
    inMemory: true,
    port: 0,
    awsPort: 0,
    timeScale: 0.01,
    cloudDefinitions: { ...deployedDefinitions, eventRules: deployedDefinitions.eventRules.filter((rule) => !rule.schedule) },
  });
  const sfn = new SFNClient({ endpoint: runtime.awsEndpoint, region, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  try {
    // Two fresh SKUs, each stocked at one warehouse only: every order needs two shipments.
    const run = `${Date.now().toString(36)}${process.pid.toString(36)}`.toUpperCase();
    const skus = [
      { sku: `BENCH-LC-A-${run}`, locationId: 'wh-leipzig' },
      { sku: `BENCH-LC-B-${run}`, locationId: 'wh-munich' },
    ];
    for (const { sku, locationId } of skus) {
      const answer = await api(runtime, 'PUT', `/stock/${sku}/${locationId}`, { onHand: orderCount + 10, safetyStock: 0 });
      if (answer.status >= 300) throw new Error(`Stock set-up failed: ${answer.status} ${JSON.stringify(answer.body)}`);
    }
    await settle(runtime);

    // From here on, everything counted is caused by the orders.
    resetLambdaInvocationStats();
    resetConsumedCapacity();
    resetHttpGatewayRequestCounts();
    const measuredFrom = new Date();
    let eventChunks = 0;
    const eventsByType = new Map<string, number>();
    runtime.cloud.eventBus.onEvent((event) => {
      if (Date.parse(event.time) < measuredFrom.getTime()) return;
      const bytes = Buffer.byteLength(event.source) + Buffer.byteLength(event.detailType) + Buffer.byteLength(JSON.stringify(event.detail));
      eventChunks += Math.max(1, Math.ceil(bytes / prices.eventBridgeChunkBytes));
      eventsByType.set(event.detailType, (eventsByType.get(event.detailType) ?? 0) + 1);
    });

    console.log(`Running ${orderCount} two-shipment orders to COMPLETED (${concurrency} at a time)...`);
    const started = performance.now();
    const orderIds: string[] = [];
    const outcomes = new Map<string, string>();
    let next = 0;
    const worker = async () => {
      while (next < orderCount) {
        const index = next++;
        const body = {
          channelOrderRef: `BENCH-LC-${run}-${index}`,
          customer: { id: `bench-lc-${run}-${index}`, email: 'lifecycle-bench@example.com' },
          currency: 'EUR',
          lines: skus.map(({ sku }) => ({ sku, quantity: 1, unitPrice: { amount: 1000, currency: 'EUR' } })),
          deliveryMethod: 'HOME_DELIVERY',
          shippingAddress: { name: 'Ada Lovelace', line1: 'Unter den Linden 1', city: 'Berlin', postalCode: '10117', country: 'DE' },
          shippingPrice: { amount: 495, currency: 'EUR' },
          payment: { reference: 'pm_card_visa' },
        };
        const answer = await api(runtime, 'POST', '/orders', body);
        if (answer.status !== 201) throw new Error(`POST /orders answered ${answer.status}: ${JSON.stringify(answer.body)}`);
        const orderId = answer.body.id as string;
        orderIds.push(orderId);
        // Waiting on the engine in process, not by polling GET /orders, so the wait adds nothing to the counts.
        outcomes.set(orderId, await lifecycleOutcome(runtime, orderId));
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, orderCount) }, worker));
    await settle(runtime);
    const seconds = (performance.now() - started) / 1000;

    // Snapshot before anything else touches the API.
    const lambda = lambdaInvocationStats();
    const capacity = consumedCapacity();
    const requests = httpGatewayRequestCounts();

    const statuses = await Promise.all(orderIds.map(async (orderId) => (await api(runtime, 'GET', `/orders/${orderId}`)).body.status as string));
    const notCompleted = orderIds.filter((orderId, index) => statuses[index] !== 'COMPLETED' || outcomes.get(orderId) !== 'SUCCEEDED');
    console.log(`${orderIds.length - notCompleted.length} of ${orderIds.length} orders COMPLETED in ${round(seconds, 1)} s`);
    if (notCompleted.length > 0) {
      for (const orderId of notCompleted) {
        console.error(`  ${orderId}: order ${statuses[orderIds.indexOf(orderId)]}, execution ${outcomes.get(orderId)}`);
      }
      throw new Error('Not every order completed: the cost figures would not describe a whole lifecycle');
    }

    // Step Functions, read through the API as one would on AWS.
    let standardEntered = 0;
    let standardRetries = 0;
    let logBytes = 0;
    const transitionsPerOrder: number[] = [];
    for (const orderId of orderIds) {
      const arn = executionArn(region, orderLifecycleName, orderId);
      const history = await historyOf(sfn, arn);
      const { entered, retries } = billedTransitions(history);
      standardEntered += entered;
      standardRetries += retries;
      transitionsPerOrder.push(entered + retries);
      logBytes += history.reduce((sum, event) => sum + logRecordBytes(event, arn), 0);
    }
    const intake: ExecutionListItem[] = (
      await allPages(async (nextToken) => {
        const page = await sfn.send(new ListExecutionsCommand({ stateMachineArn: stateMachineArn(region, orderIntakeName), maxResults: 1000, nextToken }));
        return { items: page.executions ?? [], ...(page.nextToken && { nextToken: page.nextToken }) };
      })
    ).filter((execution) => execution.startDate !== undefined && execution.startDate >= measuredFrom);
    let expressDurationMs = 0;
    let expressBilledMs = 0;
    for (const execution of intake) {
      const duration = (execution.stopDate ?? new Date()).getTime() - (execution.startDate as Date).getTime();
      expressDurationMs += duration;
      expressBilledMs += Math.max(1, Math.ceil(duration / prices.expressDurationGranularityMs)) * prices.expressDurationGranularityMs;
      const history = await historyOf(sfn, execution.executionArn as string);
      logBytes += history.reduce((sum, event) => sum + logRecordBytes(event, execution.executionArn as string), 0);
    }

    const perOrder = (value: number) => value / orderCount;
    const per1000 = (cost: number) => (cost / orderCount) * 1000;

    // Step Functions
    const transitions = standardEntered + standardRetries;
    const expressGbSeconds = (expressBilledMs / 1000) * (prices.expressBilledMemoryMb / 1024);
    const sfnRows: Row[] = [
      { label: `Standard ${orderLifecycleName}: state transitions`, perOrder: perOrder(transitions), unit: 'count', costPer1000: per1000(transitions * prices.standardPerTransition) },
      { label: '  of which task retries', perOrder: perOrder(standardRetries), unit: 'count', costPer1000: per1000(standardRetries * prices.standardPerTransition) },
      { label: `Express ${orderIntakeName}: requests`, perOrder: perOrder(intake.length), unit: 'count', costPer1000: per1000(intake.length * prices.expressPerRequest) },
      { label: `Express ${orderIntakeName}: duration (avg ${round(expressDurationMs / Math.max(1, intake.length), 1)} ms)`, perOrder: perOrder(expressBilledMs), unit: 'billed ms', costPer1000: per1000(expressGbSeconds * prices.expressPerGbSecond) },
    ];
    printTable('Step Functions', sfnRows);
    // Orders of the same shape should take the same path; a spread means some took another.
    console.log(`  transitions per order: min ${Math.min(...transitionsPerOrder)}, max ${Math.max(...transitionsPerOrder)}`);

    // Lambda
    const lambdaCost = (stats: LambdaInvocationStats) =>
      stats.invocations * prices.lambdaPerRequest + (stats.billedDurationMs / 1000) * (stats.memorySizeMb / 1024) * prices.lambdaArmPerGbSecond;
    const lambdaRows: Row[] = [...lambda]
      .sort((a, b) => b.invocations - a.invocations)
      .map((stats) => ({
        label: `${stats.functionName.replace(/^oms-local-/, '')} (${stats.memorySizeMb} MB, avg ${round(stats.totalDurationMs / stats.invocations, 1)} ms)`,
        perOrder: perOrder(stats.invocations),
        unit: 'invocations',
        costPer1000: per1000(lambdaCost(stats)),
      }));
    const lambdaInvocations = lambda.reduce((sum, stats) => sum + stats.invocations, 0);
    const lambdaTotal = lambda.reduce((sum, stats) => sum + lambdaCost(stats), 0);
    const lambdaErrors = lambda.reduce((sum, stats) => sum + stats.errors, 0);
    lambdaRows.push({ label: 'all functions', perOrder: perOrder(lambdaInvocations), unit: 'invocations', costPer1000: per1000(lambdaTotal) });
    printTable(`Lambda (arm64; local duration, rounded up to 1 ms; ${lambdaErrors} failed invocations)`, lambdaRows);

    // DynamoDB
    const ddbRows = dynamoDbRows(capacity, perOrder, per1000);
    const wru = capacity.writeUnits + capacity.failedWriteUnitsEstimate;
    const rru = capacity.readUnits;
    const dynamoDbCost = wru * prices.dynamoDbPerWriteUnit + rru * prices.dynamoDbPerReadUnit;
    printTable('DynamoDB on-demand (ReturnConsumedCapacity from DynamoDB Local; stream reads by Lambda are free)', ddbRows);
    console.log('  per order, by call: calls / WRU / RRU');
    for (const [command, count] of Object.entries(capacity.operations).sort((a, b) => b[1] - a[1])) {
      const units = capacity.byCommand[command] ?? { readUnits: 0, writeUnits: 0 };
      console.log(`    ${command.replace(/Command$/, '').padEnd(20)} ${round(perOrder(count), 1)} / ${round(perOrder(units.writeUnits), 1)} / ${round(perOrder(units.readUnits), 1)}`);
    }
    if (Object.keys(capacity.unreported).length > 0) console.log(`  answers without ConsumedCapacity: ${JSON.stringify(capacity.unreported)}`);
    if (Object.keys(capacity.failed).length > 0) console.log(`  failed calls (no capacity reported, estimated by the unit rules): ${JSON.stringify(capacity.failed)}`);

    // EventBridge
    const eventRows: Row[] = [...eventsByType]
      .sort((a, b) => b[1] - a[1])
      .map(([detailType, count]) => ({ label: detailType, perOrder: perOrder(count), unit: 'events', costPer1000: per1000(count * prices.eventBridgePerEvent) }));
    eventRows.push({ label: 'all events (64 KB chunks)', perOrder: perOrder(eventChunks), unit: 'events', costPer1000: per1000(eventChunks * prices.eventBridgePerEvent) });
    printTable('EventBridge custom events', eventRows);

    // API Gateway
    const apiRequests = Object.values(requests).reduce((sum, count) => sum + count, 0);
    const apiRows: Row[] = Object.entries(requests)
      .sort((a, b) => b[1] - a[1])
      .map(([routeKey, count]) => ({ label: routeKey, perOrder: perOrder(count), unit: 'requests', costPer1000: per1000(count * prices.httpApiPerRequest) }));
    apiRows.push({ label: 'all requests', perOrder: perOrder(apiRequests), unit: 'requests', costPer1000: per1000(apiRequests * prices.httpApiPerRequest) });
    printTable('API Gateway HTTP API', apiRows);

    const costs = {
      'Step Functions Standard': transitions * prices.standardPerTransition,
      'Step Functions Express': intake.length * prices.expressPerRequest + expressGbSeconds * prices.expressPerGbSecond,
      Lambda: lambdaTotal,
      DynamoDB: dynamoDbCost,
      EventBridge: eventChunks * prices.eventBridgePerEvent,
      'API Gateway': apiRequests * prices.httpApiPerRequest,
    };
    const total = Object.values(costs).reduce((sum, cost) => sum + cost, 0);
    printTable(
      'Total',
      Object.entries(costs).map(([label, cost]) => ({ label, perOrder: cost / orderCount, unit: 'usd', costPer1000: per1000(cost), digits: 7 })),
    );
    const totalPer1000 = per1000(total);
    console.log(`  ${'all'.padEnd(46)} ${''.padStart(12)}  ${''.padEnd(10)} ${usd(totalPer1000).padStart(16)}`);
    console.log(`\nNot in the total (estimates): Step Functions logs at level ALL with execution data, ~${round(perOrder(logBytes) / 1024, 1)} KB per order, ` +
      `${usd(per1000((logBytes / 1024 ** 3) * prices.vendedLogsPerGb))} per 1,000 orders at $0.50/GB; Lambda logs, X-Ray traces, the expiry sweeper's fixed once-a-minute run.`);

    bench('lifecycle_standard_transitions_per_order', round(perOrder(transitions)), 'count');
    bench('lifecycle_express_requests_per_order', round(perOrder(intake.length)), 'count');
    bench('lifecycle_lambda_invocations_per_order', round(perOrder(lambdaInvocations)), 'count');
    bench('lifecycle_ddb_wru_per_order', round(perOrder(wru)), 'units');
    bench('lifecycle_ddb_rru_per_order', round(perOrder(rru)), 'units');
    bench('lifecycle_events_per_order', round(perOrder(eventChunks)), 'count');
    bench('lifecycle_api_requests_per_order', round(perOrder(apiRequests)), 'count');
    bench('cost_per_1000_orders_usd', round(totalPer1000, 4), 'usd');
    console.log(`Cost per 1,000 orders ${usd(totalPer1000)}: ${totalPer1000 <= requiredCostPer1000 ? 'meets' : 'DOES NOT meet'} the required <= $${requiredCostPer1000.toFixed(2)}; ` +
      `${totalPer1000 <= targetCostPer1000 ? 'meets' : 'misses'} the $${targetCostPer1000.toFixed(2)} target`);
  } finally {
    sfn.destroy();
    await runtime.stop();
  }
}

function dynamoDbRows(capacity: ConsumedCapacitySnapshot, perOrder: (value: number) => number, per1000: (cost: number) => number): Row[] {
  const rows: Row[] = [];
  for (const [table, units] of Object.entries(capacity.byTable).sort(([a], [b]) => a.localeCompare(b))) {
    rows.push({ label: `${table}: write units`, perOrder: perOrder(units.writeUnits), unit: 'WRU', costPer1000: per1000(units.writeUnits * prices.dynamoDbPerWriteUnit) });
    rows.push({ label: `${table}: read units`, perOrder: perOrder(units.readUnits), unit: 'RRU', costPer1000: per1000(units.readUnits * prices.dynamoDbPerReadUnit) });
  }
  if (capacity.failedWriteUnitsEstimate > 0) {
    rows.push({ label: 'failed writes (estimate)', perOrder: perOrder(capacity.failedWriteUnitsEstimate), unit: 'WRU', costPer1000: per1000(capacity.failedWriteUnitsEstimate * prices.dynamoDbPerWriteUnit) });
  }
  return rows;
}

await main();

/**
 * `npm run bench`: capture throughput and latency on the local runtime, against the raw cost of a
 * DynamoDB Local transaction, the size of every Lambda bundle, and what an order's lifecycle costs on AWS.
 * Each figure is printed for people and as `BENCH <name> <value> <unit>` for scripts.
 * BENCH_DURATION_S (default 30) sets the length of the load run; BENCH_CONNECTIONS (default 4) its concurrency;
 * BENCH_CLOUD_DURATION_S (default 10) the local cloud runs; BENCH_LIFECYCLE_ORDERS (default 20) the
 * orders the lifecycle cost report runs to COMPLETED; BENCH_ANALYTICS_ORDERS (default 100,000) the orders behind the KPI query.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { findFreePort } from '../infra/local/dynamodb-local';
import { repositoryRoot } from '../infra/local/runtime';
import { localTableName, tables } from '../infra/definitions/tables';
import { placeOrderExample } from '../shared/contracts/order';
import { measureBundleSizes } from './bundle-sizes';

const durationSeconds = Number(process.env.BENCH_DURATION_S ?? 30);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 4);

const report = (name: string, value: number, unit: string, label: string) => {
  console.log(`${label.padEnd(44)} ${value} ${unit}`);
  console.log(`BENCH ${name} ${value} ${unit}`);
};

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
const round = (value: number, digits = 2) => Number(value.toFixed(digits));

function peakRssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kilobytes = Number(/VmHWM:\s+(\d+)\s+kB/.exec(status)?.[1] ?? 0);
  return round(kilobytes / 1024, 1);
}

async function startRuntimeProcess(port: number, apiKey: string) {
  const child = spawn('node', ['--import', 'tsx', 'infra/local/start.ts', '--in-memory', '--port', String(port), '--aws-port', '0'], {
    cwd: repositoryRoot,
    env: { ...process.env, OMS_DEMO_API_KEY: apiKey },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const deadline = Date.now() + 30_000;
  while (!output.includes('Press Ctrl-C')) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`The runtime did not start:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const dynamoDbEndpoint = /DynamoDB Local (http:\/\/\S+)/.exec(output)?.[1] as string;
  const stop = () => new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
  return { pid: child.pid as number, dynamoDbEndpoint, stop };
}

/**
 * The floor under capture latency: the same two-item conditional transaction an order insert
 * sends, straight to DynamoDB Local, by as many concurrent callers as the load run uses (DynamoDB
 * Local serializes transactions, so a sequential baseline would hide its queueing).
 */
async function measureRawTransactionP50(endpoint: string, concurrency: number): Promise<number> {
  const client = DynamoDBDocumentClient.from(
    new DynamoDBClient({ endpoint, region: 'eu-central-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }),
    { marshallOptions: { removeUndefinedValues: true } },
  );
  const tableName = localTableName(tables.orders);
  const timings: number[] = [];
  const perCaller = 1200;
  const warmUp = 200;
  const caller = async (callerId: number) => {
    for (let i = 0; i < perCaller; i++) {
      const id = `bench-raw-${concurrency}-${callerId}-${i}`;
      const started = performance.now();
      await client.send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName: tableName, Item: { pk: `ORDER#${id}`, sk: 'ORDER', ...placeOrderExample, id }, ConditionExpression: 'attribute_not_exists(pk)' } },
            { Put: { TableName: tableName, Item: { pk: `CHANNELREF#bench#${id}`, sk: 'CHANNELREF', orderId: id }, ConditionExpression: 'attribute_not_exists(pk)' } },
          ],
        }),
      );
      if (i >= warmUp) timings.push(performance.now() - started);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, (_, callerId) => caller(callerId)));
  client.destroy();
  return round(percentile(timings.sort((a, b) => a - b), 50));
}

async function loadCapture(url: string, apiKey: string, seconds: number) {
  let sequence = 0;
  const result = await autocannon({
    url: `${url}/orders`,
    connections,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': apiKey },
        setupRequest: (request) => ({
          ...request,
          body: JSON.stringify({ ...placeOrderExample, channelOrderRef: `BENCH-${process.pid}-${++sequence}` }),
        }),
      },
    ],
  });
  return result;
}

async function main() {
  console.log('Lambda bundles (minified, as deployed):');
  const sizes = await measureBundleSizes(repositoryRoot);
  for (const { name, bytes } of sizes) console.log(`  ${name.padEnd(20)} ${round(bytes / 1024, 1)} KB`);
  report('bundle_max_kb', round(Math.max(...sizes.map((s) => s.bytes)) / 1024, 1), 'KB', 'Largest bundle');

  const apiKey = 'oms_bench-key-0123456789abcdefghij';
  const port = await findFreePort();
  const runtime = await startRuntimeProcess(port, apiKey);
  try {
    const url = `http://127.0.0.1:${port}`;
    const sequentialP50 = await measureRawTransactionP50(runtime.dynamoDbEndpoint, 1);
    report('ddb_txn_sequential_p50_ms', sequentialP50, 'ms', 'Raw TransactWriteItems p50, one caller');
    const rawP50 = await measureRawTransactionP50(runtime.dynamoDbEndpoint, connections);
    report('ddb_txn_p50_ms', rawP50, 'ms', `Raw TransactWriteItems p50, ${connections} callers`);

    await loadCapture(url, apiKey, 3); // warm-up: JIT, connection pools, caches
    console.log(`\nPOST /orders for ${durationSeconds} s with ${connections} connections...`);
    const result = await loadCapture(url, apiKey, durationSeconds);
    const errors = result.errors + result.timeouts + result.non2xx;
    report('capture_rps', round(result.requests.average, 1), 'req/s', 'Capture throughput');
    report('capture_p50_ms', result.latency.p50, 'ms', 'Capture latency p50');
    report('capture_p99_ms', result.latency.p99, 'ms', 'Capture latency p99');
    report('capture_errors', errors, 'count', 'Capture errors (non-2xx, timeouts, socket)');
    report('capture_requests', result.requests.total, 'count', 'Capture requests in the run');
    report('capture_p50_over_txn', round(result.latency.p50 / rawP50), 'ratio', 'Capture p50 / raw transaction p50 (goal <= 3)');
    report('runtime_peak_rss_mb', peakRssMb(runtime.pid), 'MB', 'Runtime (Node.js) peak RSS');
  } finally {
    await runtime.stop();
  }

  console.log('\nLocal cloud:');
  await runScript('bench/local-cloud.ts');

  console.log('\nSourcing engine:');
  await runScript('bench/sourcing.ts');

  console.log('\nAnalytics:');
  await runScript('bench/analytics.ts');

  console.log('\nLifecycle cost:');
  // Its runtime logs every execution to stderr; shown only if the run fails.
  await runScript('bench/lifecycle-cost.ts', { quiet: true });
}

/**
 * Runs another bench script in its own process, so its CPU and RSS are measured alone. `quiet`
 * holds back its stderr unless it fails.
 */
function runScript(script: string, { quiet = false }: { quiet?: boolean } = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('node', ['--import', 'tsx', script], { cwd: repositoryRoot, stdio: ['ignore', 'inherit', quiet ? 'pipe' : 'inherit'] });
    const stderr: Buffer[] = [];
    child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.once('exit', (code) => {
      if (code === 0) return resolve();
      process.stderr.write(Buffer.concat(stderr));
      reject(new Error(`${script} exited with ${code}`));
    });
  });
}

await main();

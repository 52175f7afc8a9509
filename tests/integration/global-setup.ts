import type { TestProject } from 'vitest/node';
import { startLocalRuntime, type LocalRuntime } from '../../infra/local/runtime';

let runtime: LocalRuntime | undefined;

export async function setup(project: TestProject) {
  // Lifecycle tests: quick sandbox partners, and a channel whose deadlines run out within seconds.
  process.env.OMS_SANDBOX_WMS_DELAY_MS ??= '200';
  process.env.OMS_SANDBOX_CARRIER_DELAY_MS ??= '200';
  process.env.OMS_LIFECYCLE_POLICIES ??= JSON.stringify({
    defaults: { shortStock: 'backorder' },
    channels: { 'lifecycle-fast': { paymentActionTimeoutSeconds: 150, fulfilmentTimeoutSeconds: 150, fulfilmentHeartbeatSeconds: 150, pickupDeadlineSeconds: 150, restockTimeoutSeconds: 300, maxResourcingAttempts: 1 } },
  });
  // Return tests: the fast channel's returns expire within seconds, and keep a 10 % restocking fee.
  process.env.OMS_RETURN_POLICIES ??= JSON.stringify({
    defaults: { categories: [{ skuPrefix: 'FINAL-', finalSale: true }] },
    channels: { 'lifecycle-fast': { receiptTimeoutSeconds: 150, restockingFeePercent: 10 } },
  });
  // Partner webhook tests: retries within a second and dead letters after 3 s, instead of minutes and a day.
  process.env.OMS_WEBHOOK_RETRY_POLICY ??= JSON.stringify({ baseDelaySeconds: 0.2, maxDelaySeconds: 0.5, retryWindowSeconds: 3, maxRetryAfterSeconds: 1 });
  // Ops tests: an order waiting for its warehouse is stuck after a second (not 48 h), and the sandbox
  // carrier refuses one postal code for good, so an order shipping there fails its execution for real.
  process.env.OMS_OPS_SERVICE_LEVELS ??= JSON.stringify({ IN_FULFILMENT: 1 });
  process.env.OMS_SANDBOX_CARRIER_REJECT_POSTAL_CODES ??= 'OPS-REJECT';
  runtime = await startLocalRuntime({ inMemory: true, port: 0, awsPort: 0, timeScale: 0.01 });
  project.provide('apiUrl', runtime.url);
  project.provide('demoApiKey', runtime.demoApiKey);
  project.provide('dynamoDbEndpoint', runtime.dynamoDbEndpoint);
  project.provide('awsEndpoint', runtime.awsEndpoint);
  project.provide('ordersTableName', runtime.tableNames.orders);
  project.provide('sandboxWarehouseUrl', runtime.sandboxWarehouse?.url ?? '');
  const otherChannelKey = 'test-other-channel-key-0123456789';
  await runtime.addChannel({ id: 'other-shop', name: 'Another shop', defaultCurrency: 'EUR' }, otherChannelKey, ['orders']);
  project.provide('otherChannelApiKey', otherChannelKey);
  const fastChannelKey = 'test-fast-lifecycle-channel-key-0123456789';
  await runtime.addChannel({ id: 'lifecycle-fast', name: 'Short deadlines', defaultCurrency: 'EUR' }, fastChannelKey, ['orders']);
  project.provide('fastLifecycleChannelApiKey', fastChannelKey);
  project.provide(
    'channelConnections',
    runtime.channelConnections.map(({ platform, channelId, secret, apiKey }) => ({ platform, channelId, secret, apiKey })),
  );
}

export async function teardown() {
  await runtime?.stop();
}

declare module 'vitest' {
  export interface ProvidedContext {
    apiUrl: string;
    demoApiKey: string;
    dynamoDbEndpoint: string;
    awsEndpoint: string;
    ordersTableName: string;
    /** GET lists the fulfilment messages the sandbox warehouse received, and what it answered. */
    sandboxWarehouseUrl: string;
    otherChannelApiKey: string;
    fastLifecycleChannelApiKey: string;
    /** The webhook channels: their platform, channel, signing secret and an API key to read their orders. */
    channelConnections: { platform: string; channelId: string; secret: string; apiKey: string }[];
  }
}

import type { TestProject } from 'vitest/node';
import { startLocalRuntime, type LocalRuntime } from '../../infra/local/runtime';

let runtime: LocalRuntime | undefined;

export async function setup(project: TestProject) {
  runtime = await startLocalRuntime({ inMemory: true, port: 0, awsPort: 0, timeScale: 0.01 });
  project.provide('apiUrl', runtime.url);
  project.provide('demoApiKey', runtime.demoApiKey);
  project.provide('dynamoDbEndpoint', runtime.dynamoDbEndpoint);
  project.provide('awsEndpoint', runtime.awsEndpoint);
  project.provide('ordersTableName', runtime.tableNames.orders);
  const otherChannelKey = 'test-other-channel-key-0123456789';
  await runtime.addChannel({ id: 'other-shop', name: 'Another shop', defaultCurrency: 'EUR' }, otherChannelKey, ['orders']);
  project.provide('otherChannelApiKey', otherChannelKey);
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
    otherChannelApiKey: string;
  }
}

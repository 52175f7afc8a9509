/**
 * The local runtime: DynamoDB Local, the tables CDK would create, the demo seed, and the HTTP API
 * served by the same handler modules that are deployed to Lambda.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { apiRoutes, eventBusEnvVar, eventDeadLetterQueueEnvVar, metricsNamespace, serviceName, stateMachineArnEnvVar } from '../definitions/api';
import { eventBusName } from '../definitions/event-bus';
import { localTableName, tables } from '../definitions/tables';
import { generateApiKey } from '../../shared/domain/api-key';
import type { ApiScope } from '../../shared/ports/channel-repository';
import { channelConnectionEnvironment, resolveLocalChannelConnections, seedChannelConnections, type LocalChannelConnection } from './channel-connections';
import { deployedDefinitions, startLocalCloud, type LocalCloud, type LocalCloudDefinitions } from './cloud/local-cloud';
import { stateMachineArn } from './cloud/stepfunctions/arns';
import { createTables } from './create-tables';
import { devEventsRoute } from './dev-events';
import { devOutboxRoute } from './dev-outbox';
import { backfillOrderIndexKeys } from '../../shared/adapters/dynamodb/order-index-backfill';
import { opsConsoleRoutes } from './ops-console';
import { localConsoleSigningKey } from './ops-console-signing-key';
import { DynamoDbSandboxOutbox } from '../../shared/adapters/dynamodb/sandbox-outbox';
import { notificationEnvVars } from '../../shared/notifications/notification-config';
import { startDynamoDbLocal } from './dynamodb-local';
import { startHttpGateway } from './http-gateway';
import { DynamoDbSandboxPaymentStore } from '../../shared/adapters/dynamodb/sandbox-payment-store';
import { SandboxPaymentProvider } from '../../shared/adapters/sandbox/sandbox-payment-provider';
import { startDemoWebhookReceiver, type DemoWebhookReceiver } from './demo-webhook-receiver';
import { sandboxPartnerSettings, startSandboxPartners } from './sandbox-partners';
import { startSandboxWarehouse, type SandboxWarehouse } from './sandbox-warehouse';
import { generateSigningSecret } from '../../shared/domain/webhooks/signing';
import { WarehouseConnectionSchema, warehouseConnectionSettings } from '../../shared/warehouses/warehouse-connection';
import { seedChannel, seedDemoChannel, seedDemoNetwork } from './seed';
import { localWebhookEnvironment } from './webhook-settings';
import { describeLocalWiring, type LocalWiring } from './wiring';

export const repositoryRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');

export interface LocalRuntimeOptions {
  readonly port?: number;
  readonly host?: string;
  /** Keep no data on disk. */
  readonly inMemory?: boolean;
  /** Where persistent data lives; default `.data/` in the repository (git-ignored). */
  readonly dataDirectory?: string;
  readonly dynamoDbPort?: number;
  /** The demo channel's API key; default OMS_DEMO_API_KEY, else a generated one (kept with the data). */
  readonly demoApiKey?: string;
  /** Port of the local AWS endpoint (Step Functions, EventBridge); 0 picks a free one. */
  readonly awsPort?: number;
  /** Multiplies waits, retries and timeouts of the local cloud; default OMS_TIME_SCALE, else 1 (as on AWS). */
  readonly timeScale?: number;
  /** Subscribe a local webhook receiver to the demo channel's events (npm start does; tests need not). */
  readonly demoWebhookReceiver?: boolean;
  /** Run the sandbox warehouse, store and carrier partners; default on unless OMS_SANDBOX_PARTNERS=off. */
  readonly sandboxPartners?: boolean;
  /** Tests may run the local cloud with their own state machines, rules and consumers. */
  readonly cloudDefinitions?: LocalCloudDefinitions;
}

export interface LocalRuntime {
  readonly url: string;
  readonly dynamoDbEndpoint: string;
  /** The AWS JSON-protocol endpoint of the local Step Functions and EventBridge. */
  readonly awsEndpoint: string;
  readonly cloud: LocalCloud;
  readonly demoApiKey: string;
  /** The local webhook receiver subscribed to the demo channel, when asked for. */
  readonly webhookReceiver?: DemoWebhookReceiver;
  /** The sandbox warehouse that takes every location's fulfilment messages, when the sandbox partners run. */
  readonly sandboxWarehouse?: SandboxWarehouse;
  /** The inbound webhook channels (one per commerce platform), their secrets and API keys. */
  readonly channelConnections: readonly LocalChannelConnection[];
  readonly tableNames: Record<keyof typeof tables, string>;
  /** What is served, read from the running pieces: the parity check compares it with the CDK template. */
  describeWiring(): Promise<LocalWiring>;
  /** Adds a channel with its API key and what the key may do (tests use it to prove isolation). */
  addChannel(channel: { id: string; name: string; defaultCurrency: string }, apiKey: string, scopes: readonly ApiScope[]): Promise<void>;
  stop(): Promise<void>;
}

function resolveDemoApiKey(explicit: string | undefined, dataDirectory: string | undefined): string {
  const configured = explicit ?? process.env.OMS_DEMO_API_KEY;
  if (configured) return configured;
  if (!dataDirectory) return generateApiKey();
  // With persistent data, keep the generated key too, so it works across restarts.
  const keyFile = join(dataDirectory, 'demo-api-key');
  if (existsSync(keyFile)) return readFileSync(keyFile, 'utf8').trim();
  const apiKey = generateApiKey();
  mkdirSync(dataDirectory, { recursive: true });
  writeFileSync(keyFile, `${apiKey}\n`, { mode: 0o600 });
  return apiKey;
}

/**
 * What a Lambda function finds in its environment on AWS, pointed at local endpoints. Handlers
 * read only these, which is why the same code runs on both targets.
 */
function configureFunctionEnvironment(dynamoDbEndpoint: string, tableNames: Record<string, string>): void {
  const defaults: Record<string, string> = {
    AWS_REGION: 'eu-central-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    POWERTOOLS_SERVICE_NAME: serviceName,
    POWERTOOLS_METRICS_NAMESPACE: metricsNamespace,
    POWERTOOLS_LOG_LEVEL: 'WARN',
    // There is no X-Ray daemon or CloudWatch locally; logs remain, on stdout.
    POWERTOOLS_TRACE_ENABLED: 'false',
    POWERTOOLS_METRICS_DISABLED: 'true',
  };
  for (const [name, value] of Object.entries(defaults)) process.env[name] ??= value;
  process.env.AWS_ENDPOINT_URL_DYNAMODB = dynamoDbEndpoint;
  for (const [key, definition] of Object.entries(tables)) process.env[definition.envVar] = tableNames[key];
}

/** The sandbox partners call the API like real partners: with their own integration key. */
async function startPartners(
  client: DynamoDBDocumentClient,
  ordersTable: string,
  apiUrl: string,
  cloud: LocalCloud,
  settings: ReturnType<typeof sandboxPartnerSettings>,
  warehouse: SandboxWarehouse | undefined,
) {
  const apiKey = generateApiKey();
  await seedChannel(client, ordersTable, { id: 'sandbox-partners', name: 'Sandbox WMS, stores, carrier and payment provider', defaultCurrency: 'EUR' }, apiKey, [
    'integrations:wms',
    'integrations:carrier',
    'integrations:payments',
  ]);
  // The same provider records the lifecycle's functions use, so the customer's 3-D Secure outcome is theirs to read.
  const payments = new SandboxPaymentProvider({ store: new DynamoDbSandboxPaymentStore(client, ordersTable) });
  warehouse?.connect({ apiUrl, apiKey });
  return startSandboxPartners(cloud.eventBus, {
    apiUrl,
    apiKey,
    ...settings,
    completePaymentAction: (authorizationId, outcome) => payments.completeAction(authorizationId, outcome),
    log: (entry) => console.error(JSON.stringify(entry)),
  });
}

/**
 * The sandbox warehouse, and the warehouse connection pointed at it (unless OMS_WMS_ENDPOINTS says
 * otherwise): every location's fulfilment messages go there, signed with a secret of this run.
 */
async function startLocalWarehouse(settings: ReturnType<typeof sandboxPartnerSettings>): Promise<SandboxWarehouse> {
  const { local } = warehouseConnectionSettings;
  process.env[local.signingSecret] ||= generateSigningSecret();
  const warehouse = await startSandboxWarehouse({
    // As the forwarding function will read it (a plain-text secret becomes a whsec_ one).
    signingSecret: WarehouseConnectionSchema.shape.signingSecret.parse(process.env[local.signingSecret]),
    settings: settings.warehouse,
    log: (entry) => console.error(JSON.stringify(entry)),
  });
  // An operator's own endpoints stay; one an earlier runtime of this process set is replaced.
  const configured = process.env[local.endpoints];
  if (!configured || configured === endpointsSetByRuntime) {
    endpointsSetByRuntime = JSON.stringify({ '*': warehouse.url });
    process.env[local.endpoints] = endpointsSetByRuntime;
  }
  return warehouse;
}
let endpointsSetByRuntime: string | undefined;

export async function startLocalRuntime(options: LocalRuntimeOptions = {}): Promise<LocalRuntime> {
  const dataDirectory = options.inMemory ? undefined : resolve(options.dataDirectory ?? join(repositoryRoot, '.data'));
  const stateDirectory = join(repositoryRoot, '.data', 'run');
  const dynamoDb = await startDynamoDbLocal({
    ...(options.dynamoDbPort !== undefined && { port: options.dynamoDbPort }),
    ...(dataDirectory && { dataDirectory: join(dataDirectory, 'dynamodb') }),
    stateDirectory,
  });
  let cloud: LocalCloud | undefined;
  let warehouse: SandboxWarehouse | undefined;
  try {
    const tableNames = Object.fromEntries(
      Object.entries(tables).map(([key, definition]) => [key, localTableName(definition)]),
    ) as Record<keyof typeof tables, string>;
    configureFunctionEnvironment(dynamoDb.endpoint, tableNames);

    const client = new DynamoDBClient({ endpoint: dynamoDb.endpoint });
    const documentClient = DynamoDBDocumentClient.from(client);
    await createTables(
      client,
      Object.entries(tables).map(([key, definition]) => ({ definition, tableName: tableNames[key as keyof typeof tables] })),
    );
    // Orders kept in .data from an earlier version get the index keys added since (a no-op when fresh).
    const backfill = await backfillOrderIndexKeys(documentClient, tableNames.orders);
    if (backfill.updated > 0) console.error(`Added the current index keys to ${backfill.updated} of ${backfill.orders} stored orders`);
    const demoApiKey = resolveDemoApiKey(options.demoApiKey, dataDirectory);
    await seedDemoChannel(documentClient, tableNames.orders, demoApiKey);
    await seedDemoNetwork(documentClient, tableNames.inventory);
    const channelConnections = resolveLocalChannelConnections(dataDirectory);
    await seedChannelConnections(documentClient, tableNames.orders, channelConnections);
    Object.assign(process.env, channelConnectionEnvironment(channelConnections));
    Object.assign(process.env, localWebhookEnvironment(dataDirectory));
    const consoleSigningKey = localConsoleSigningKey(dataDirectory);
    Object.assign(process.env, consoleSigningKey.environment);
    const partnerSettings = sandboxPartnerSettings();
    const withPartners = options.sandboxPartners ?? partnerSettings.enabled;
    // The warehouse listens before the functions load, because the forwarding function reads its URL at start.
    warehouse = withPartners ? await startLocalWarehouse(partnerSettings) : undefined;

    // Names and ARNs, as CDK sets them for the functions granted access (locally, every function
    // sees them); set before the cloud loads the handlers, which read them at import.
    process.env[eventBusEnvVar] = eventBusName;
    // Customer messages go to the sandbox outbox (GET /dev/outbox), never to a real address.
    process.env[notificationEnvVars.sender] = 'outbox';
    process.env[notificationEnvVars.trackingUrlTemplate] ??= 'https://sandbox-carrier.oms.invalid/track/{trackingNumber}';
    for (const machine of (options.cloudDefinitions ?? deployedDefinitions).stateMachines) {
      process.env[stateMachineArnEnvVar(machine.name)] = stateMachineArn(process.env.AWS_REGION ?? 'eu-central-1', machine.name);
    }
    cloud = await startLocalCloud({
      repositoryRoot,
      dynamoDbEndpoint: dynamoDb.endpoint,
      tableNames,
      ...(dataDirectory && { dataDirectory }),
      port: options.awsPort ?? Number(process.env.OMS_AWS_PORT ?? 4566),
      ...(options.host && { host: options.host }),
      timeScale: options.timeScale ?? Number(process.env.OMS_TIME_SCALE ?? 1),
      ...(options.cloudDefinitions && { definitions: options.cloudDefinitions }),
    });
    // Functions reach the local services through the SDK's standard endpoint variables.
    process.env.AWS_ENDPOINT_URL_SFN = cloud.endpoint;
    process.env.AWS_ENDPOINT_URL_EVENTBRIDGE = cloud.endpoint;
    process.env.AWS_ENDPOINT_URL_SQS = cloud.endpoint;
    process.env[eventDeadLetterQueueEnvVar] = cloud.eventDeadLetterQueue.url;

    const gateway = await startHttpGateway({
      routes: apiRoutes,
      localOnlyRoutes: [devEventsRoute(cloud.eventBus), devOutboxRoute(new DynamoDbSandboxOutbox(documentClient, tableNames.orders)), ...opsConsoleRoutes({ signingKey: consoleSigningKey })],
      repositoryRoot,
      port: options.port ?? 3000,
      ...(options.host && { host: options.host }),
    });
    const startedCloud = cloud;
    const startedWarehouse = warehouse;
    const partners = withPartners ? await startPartners(documentClient, tableNames.orders, gateway.url, startedCloud, partnerSettings, startedWarehouse) : undefined;
    const webhookReceiver = options.demoWebhookReceiver ? await startDemoWebhookReceiver({ apiUrl: gateway.url, apiKey: demoApiKey }) : undefined;
    return {
      url: gateway.url,
      ...(webhookReceiver && { webhookReceiver }),
      ...(startedWarehouse && { sandboxWarehouse: startedWarehouse }),
      dynamoDbEndpoint: dynamoDb.endpoint,
      awsEndpoint: startedCloud.endpoint,
      cloud: startedCloud,
      demoApiKey,
      channelConnections,
      tableNames,
      describeWiring: () => describeLocalWiring({ routes: gateway.routes, dynamoDb: client, tableNames, cloud: startedCloud }),
      addChannel: (channel, apiKey, scopes) => seedChannel(documentClient, tableNames.orders, channel, apiKey, scopes),
      async stop() {
        partners?.stop();
        await startedWarehouse?.close();
        await webhookReceiver?.close();
        await gateway.close();
        await startedCloud.stop();
        client.destroy();
        await dynamoDb.stop();
      },
    };
  } catch (error) {
    await warehouse?.close();
    await cloud?.stop();
    await dynamoDb.stop();
    throw error;
  }
}

/**
 * `npm start`: runs the OMS on this machine. Options: --in-memory, --port N (or PORT), --aws-port N
 * (or OMS_AWS_PORT, default 4566), and OMS_TIME_SCALE to speed up waits and retries of the local cloud.
 */
import { parseArgs } from 'node:util';
import { eventBusName } from '../definitions/event-bus';
import { demoCatalog } from '../../shared/contracts/demo-catalog';
import { describeChannelConnections } from './channel-connections';
import { JavaMissingError } from './dynamodb-local';
import { executionArn } from './cloud/stepfunctions/arns';
import { opsConsolePath } from './ops-console';
import { startLocalRuntime } from './runtime';
import { sandboxPartnerSettings } from './sandbox-partners';

const { values } = parseArgs({
  options: {
    'in-memory': { type: 'boolean', default: false },
    port: { type: 'string' },
    'aws-port': { type: 'string' },
    host: { type: 'string' },
  },
});

const port = Number(values.port ?? process.env.PORT ?? 3000);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`Invalid port: ${values.port ?? process.env.PORT}`);
  process.exit(2);
}

const startedAt = performance.now();
try {
  const runtime = await startLocalRuntime({
    port,
    inMemory: values['in-memory'],
    ...(values['aws-port'] !== undefined && { awsPort: Number(values['aws-port']) }),
    ...(values.host && { host: values.host }),
    demoWebhookReceiver: true,
  });
  const seconds = ((performance.now() - startedAt) / 1000).toFixed(1);
  console.log(`
Serverless OMS is running locally (ready in ${seconds} s, ${values['in-memory'] ? 'in memory' : 'data in .data/'})

  API            ${runtime.url}
  OpenAPI        ${runtime.url}/openapi.json
  Ops console    ${runtime.url}${opsConsolePath}   (sign in with the demo key printed below)
  DynamoDB Local ${runtime.dynamoDbEndpoint}   (tables: ${Object.values(runtime.tableNames).join(', ')})
  AWS endpoint   ${runtime.awsEndpoint}   (Step Functions, EventBridge bus ${eventBusName})

  With the AWS CLI or SDK (any credentials work):
    export AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local AWS_DEFAULT_REGION=eu-central-1
    aws dynamodb scan --table-name ${runtime.tableNames.orders} --max-items 5 --endpoint-url ${runtime.dynamoDbEndpoint}
    aws stepfunctions list-state-machines --endpoint-url ${runtime.awsEndpoint}
    aws events list-rules --event-bus-name ${eventBusName} --endpoint-url ${runtime.awsEndpoint}
    aws events put-events --endpoint-url ${runtime.awsEndpoint} \\
      --entries '[{"EventBusName":"${eventBusName}","Source":"oms.dev","DetailType":"Ping","Detail":"{}"}]'

  Demo channel   ${demoCatalog.channel.id}
  API key        ${runtime.demoApiKey}

  Channel webhooks (a demo channel per platform; secrets from the env vars below, generated when unset)
${describeChannelConnections(runtime.channelConnections)}

Try it:
  curl -s -X POST ${runtime.url}/orders -H 'content-type: application/json' -H 'x-api-key: ${runtime.demoApiKey}' \\
    -d "$(curl -s ${runtime.url}/openapi.json | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.stringify(JSON.parse(s).paths["/orders"].post.requestBody.content["application/json"].example)))')"
  curl -s ${runtime.url}/orders -H 'x-api-key: ${runtime.demoApiKey}'

The order runs by itself to COMPLETED (sandbox warehouse, store and carrier ${sandboxPartnerSettings().enabled ? 'answer' : 'are OFF (OMS_SANDBOX_PARTNERS=off)'}). Follow it:
  curl -s ${runtime.url}/orders/<id>/timeline -H 'x-api-key: ${runtime.demoApiKey}'
  aws stepfunctions get-execution-history --endpoint-url ${runtime.awsEndpoint} \
    --execution-arn ${executionArn(process.env.AWS_REGION ?? 'eu-central-1', 'order-lifecycle', '<id>')}
  curl -s '${runtime.url}/dev/events?source=oms.orders'     # every event on the bus
  curl -s '${runtime.url}/dev/outbox'                         # customer emails and SMS the order triggered
  curl -s ${runtime.webhookReceiver?.url ?? '<receiver>'}                             # signed partner webhooks, verified with standardwebhooks
  curl -s ${runtime.sandboxWarehouse?.url ?? '<warehouse>'}                   # signed fulfilment requests the sandbox warehouse got, and its answers

Press Ctrl-C to stop.`);

  // An execution that was running when the runtime last stopped hard is reported, never left silently.
  for (const stranded of runtime.cloud.stepFunctions.strandedExecutions()) {
    console.log(
      `\nInterrupted by the last restart: ${stranded.executionArn}\n` +
        `  aws stepfunctions redrive-execution --execution-arn ${stranded.executionArn} --endpoint-url ${runtime.awsEndpoint}`,
    );
  }

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal} received, stopping...`);
    await runtime.stop();
    console.log('Stopped.');
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
} catch (error) {
  if (error instanceof JavaMissingError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}

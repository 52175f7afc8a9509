/**
 * The local stand-ins for the AWS services around the functions: EventBridge (the domain bus with
 * its rules and targets), DynamoDB Streams event source mappings and Step Functions, built from the
 * same definitions CDK deploys and served on one AWS JSON-protocol endpoint.
 */
import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { FunctionDefinition } from '../../definitions/api';
import { eventBusName, eventRules, type RuleDefinition } from '../../definitions/event-bus';
import { stateMachines, type StateMachineDefinition } from '../../definitions/state-machines';
import { streamConsumers, type StreamConsumerDefinition } from '../../definitions/stream-consumers';
import type { TableName } from '../../definitions/tables';
import { invokeHandler, loadHandler, type LambdaHandler } from '../lambda-invoker';
import type { ListeningServer } from '../listen';
import { startAwsJsonServer, type AwsJsonService } from './aws-json-server';
import { eventBridgeService } from './eventbridge/eventbridge-service';
import { LocalEventBus, type DeadLetterRecord } from './eventbridge/local-event-bus';
import { LocalQueue, sqsService } from './sqs/local-queue';
import { stateMachineArn } from './stepfunctions/arns';
import { createLocalFunctionInvoker, functionsOfStateMachines } from './stepfunctions/function-invoker';
import { loadStateMachineDefinition, localSubstitutionResolver } from './stepfunctions/load-definition';
import { LocalStepFunctions, type StepFunctionsLogger } from './stepfunctions/local-step-functions';
import { stepFunctionsService } from './stepfunctions/stepfunctions-service';
import { DynamoDbStreamPoller } from './streams/dynamodb-stream-poller';

export interface LocalCloudDefinitions {
  readonly stateMachines: readonly StateMachineDefinition[];
  readonly eventRules: readonly RuleDefinition[];
  readonly streamConsumers: readonly StreamConsumerDefinition[];
}

export const deployedDefinitions: LocalCloudDefinitions = { stateMachines, eventRules, streamConsumers };

export interface LocalCloudOptions {
  readonly repositoryRoot: string;
  readonly dynamoDbEndpoint: string;
  readonly tableNames: Readonly<Record<TableName, string>>;
  /** Where executions, dead letters and stream checkpoints persist; undefined keeps them in memory. */
  readonly dataDirectory?: string;
  readonly port: number;
  readonly host?: string;
  /** Multiplies waits, retries and timeouts (1 = as on AWS). */
  readonly timeScale: number;
  readonly definitions?: LocalCloudDefinitions;
  readonly log?: (entry: Record<string, unknown>) => void;
}

export interface LocalCloud {
  /** The AWS JSON-protocol endpoint for Step Functions and EventBridge. */
  readonly endpoint: string;
  readonly eventBus: LocalEventBus;
  readonly stepFunctions: LocalStepFunctions;
  readonly streamPollers: ReadonlyMap<string, DynamoDbStreamPoller>;
  /** The state machines registered with the local Step Functions. */
  readonly stateMachines: readonly StateMachineDefinition[];
  /** Where rule targets' undeliverable events go, as the stack's SQS dead-letter queue (SQS API on the endpoint). */
  readonly eventDeadLetterQueue: { readonly queue: LocalQueue; readonly url: string };
  stop(): Promise<void>;
}

/** The name the local dead-letter queue of the rule targets has in its URL. */
export const eventDeadLetterQueueName = 'oms-event-target-dead-letters';
const localAccountId = '000000000000';

const jsonLog = (entry: Record<string, unknown>) => console.error(JSON.stringify({ timestamp: new Date().toISOString(), ...entry }));

/** Step-by-step execution lines only at OMS_LOG_LEVEL=DEBUG: ops read executions via the API. */
const stepFunctionsLogger = (): StepFunctionsLogger => {
  const debug = process.env.OMS_LOG_LEVEL === 'DEBUG';
  return { debug: (line) => debug && console.error(line), info: (line) => console.error(line), warn: (line) => console.error(line), error: (line) => console.error(line) };
};

export async function startLocalCloud(options: LocalCloudOptions): Promise<LocalCloud> {
  const definitions = options.definitions ?? deployedDefinitions;
  const log = options.log ?? jsonLog;
  const stateDirectory = options.dataDirectory && join(options.dataDirectory, 'cloud');
  if (stateDirectory) mkdirSync(stateDirectory, { recursive: true });

  // A handler module is loaded once, however many routes, rules or consumers use it.
  const handlers = new Map<string, Promise<LambdaHandler>>();
  const invokeFunction = async (definition: FunctionDefinition, event: unknown): Promise<unknown> => {
    let handler = handlers.get(definition.name);
    if (!handler) {
      handler = loadHandler(options.repositoryRoot, definition);
      handlers.set(definition.name, handler);
    }
    return invokeHandler(await handler, definition, event);
  };

  const region = process.env.AWS_REGION ?? 'eu-central-1';
  // The machines put events on the bus and the bus starts executions: each calls the other lazily.
  const stepFunctions = new LocalStepFunctions({
    invokeFunction: await createLocalFunctionInvoker({
      functions: functionsOfStateMachines(definitions.stateMachines),
      repositoryRoot: options.repositoryRoot,
      region,
    }),
    putEvents: async (entries) => eventBus.putEvents(entries),
    timeScale: options.timeScale,
    region,
    logger: stepFunctionsLogger(),
    ...(stateDirectory && { storageDirectory: join(stateDirectory, 'executions') }),
  });
  const resolveSubstitution = localSubstitutionResolver({ region });
  for (const machine of definitions.stateMachines) {
    stepFunctions.registerStateMachine({
      name: machine.name,
      type: machine.type,
      definition: loadStateMachineDefinition(machine, resolveSubstitution, { repositoryRoot: options.repositoryRoot }),
    });
  }

  // The stateless stack's dead-letter queue of the rule targets, in EventBridge's DLQ message shape:
  // the event as the body, the rule, target and error as message attributes.
  const eventDeadLetterQueue = new LocalQueue(eventDeadLetterQueueName, {
    region,
    accountId: localAccountId,
    ...(stateDirectory && { file: join(stateDirectory, 'event-dead-letter-queue.json') }),
  });
  const toDeadLetterQueue = (record: DeadLetterRecord, arns: { ruleArn: string; targetArn: string }) => {
    const text = (StringValue: string) => ({ DataType: 'String' as const, StringValue });
    eventDeadLetterQueue.send(JSON.stringify(record.event), {
      RULE_ARN: text(arns.ruleArn),
      TARGET_ARN: text(arns.targetArn),
      ERROR_CODE: text(record.reason === 'not-retryable' ? 'NOT_RETRYABLE' : 'TARGET_INVOCATION_FAILED'),
      ERROR_MESSAGE: text(record.error),
      ...(record.reason !== 'not-retryable' && { EXHAUSTED_RETRY_CONDITION: text(record.reason === 'retry-attempts-exhausted' ? 'MaximumRetryAttemptsExhausted' : 'MaximumEventAgeExhausted') }),
      RETRY_ATTEMPTS: text(String(Math.max(0, record.attempts - 1))),
    });
  };

  const eventBus = new LocalEventBus({
    onDeadLetter: toDeadLetterQueue,
    rules: definitions.eventRules,
    eventBusName,
    timeScale: options.timeScale,
    log,
    ...(stateDirectory && { deadLetterFile: join(stateDirectory, 'event-dead-letters.jsonl') }),
    invokers: {
      invokeFunction: async (definition, event) => {
        await invokeFunction(definition, event);
      },
      startExecution: async (stateMachineName, input) => {
        stepFunctions.startExecution({ stateMachineArn: stateMachineArn(region, stateMachineName), input });
      },
    },
  });

  const streamPollers = new Map<string, DynamoDbStreamPoller>();
  for (const consumer of definitions.streamConsumers) {
    const failureFile = stateDirectory && join(stateDirectory, `stream-failures-${consumer.name}.jsonl`);
    const poller = new DynamoDbStreamPoller({
      consumer,
      tableName: options.tableNames[consumer.table],
      endpoint: options.dynamoDbEndpoint,
      invoke: (event) => invokeFunction(consumer.function, event),
      // The local on-failure destination: a JSON-lines file, as the SQS queue is on AWS.
      onFailure: (record) => {
        log({ level: 'ERROR', message: 'Stream batch given up', consumer: consumer.name, ...record });
        if (failureFile) appendFileSync(failureFile, `${JSON.stringify(record)}\n`);
      },
      ...(stateDirectory && { checkpointFile: join(stateDirectory, `stream-checkpoint-${consumer.name}.json`) }),
      log,
    });
    streamPollers.set(consumer.name, poller);
  }

  const services: AwsJsonService[] = [eventBridgeService(eventBus), stepFunctionsService(stepFunctions), sqsService([eventDeadLetterQueue])];
  let server: ListeningServer;
  try {
    server = await startAwsJsonServer({ services, port: options.port, ...(options.host && { host: options.host }) });
  } catch (error) {
    await Promise.all([...streamPollers.values()].map((poller) => poller.stop()));
    await stepFunctions.close();
    throw error;
  }
  // Stream pollers and schedules start last, once the endpoint their functions call is up; their
  // first invocation comes after network I/O, so after the caller has set the functions' environment.
  for (const poller of streamPollers.values()) poller.start();
  eventBus.startSchedules();

  return {
    endpoint: server.url,
    eventBus,
    stepFunctions: stepFunctions,
    streamPollers,
    stateMachines: definitions.stateMachines,
    eventDeadLetterQueue: { queue: eventDeadLetterQueue, url: eventDeadLetterQueue.urlOn(server.url) },
    async stop() {
      // Pollers first: a batch being delivered may still publish through the endpoint.
      await Promise.all([...streamPollers.values()].map((poller) => poller.stop()));
      await server.close();
      eventBus.close();
      await stepFunctions.close();
    },
  };
}

import { CfnOutput, CrossStackReferences, Duration, ReferenceStrength, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import type { StackProps } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { Alarm, MathExpression, Metric } from 'aws-cdk-lib/aws-cloudwatch';
import { HttpApi, HttpMethod, LogGroupLogDestination } from 'aws-cdk-lib/aws-apigatewayv2';
import type { HttpStage } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { CfnRule, IEventBus } from 'aws-cdk-lib/aws-events';
import { FilterCriteria, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import type { StateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { apiFunctions, apiRoutes, serviceName } from '../definitions/api';
import type { FunctionDefinition, RouteDefinition } from '../definitions/api';
import { eventRules } from '../definitions/event-bus';
import { eventLake } from '../definitions/event-lake';
import type { RuleDefinition } from '../definitions/event-bus';
import { stateMachines } from '../definitions/state-machines';
import type { StateMachineDefinition } from '../definitions/state-machines';
import { streamConsumers } from '../definitions/stream-consumers';
import type { StreamConsumerDefinition } from '../definitions/stream-consumers';
import type { SecretName } from '../definitions/secrets';
import { notificationDeploymentFrom, type NotificationDeployment } from '../definitions/notifications';
import { tables as tableDefinitions } from '../definitions/tables';
import type { TableName } from '../definitions/tables';
import { deadLetterQueue } from './constructs/dead-letter-queue';
import { OmsAlarm } from './constructs/oms-alarm';
import { OmsDashboard } from './constructs/oms-dashboard';
import { OmsEventRule } from './constructs/oms-event-rule';
import { eventTargetDeadLettersId, OmsFunction, type ConsoleSigningKeyGrant } from './constructs/oms-function';
import { OmsStateMachine } from './constructs/oms-state-machine';

/**
 * Stage-wide ceiling that keeps a runaway client from exhausting Lambda concurrency and
 * DynamoDB capacity; per-channel limits belong to the application.
 */
const THROTTLE = { rateLimit: 100, burstLimit: 200 } as const;

/** One JSON object per request, so CloudWatch Logs Insights can query fields directly. */
const ACCESS_LOG_FORMAT = AccessLogFormat.custom(
  JSON.stringify({
    requestId: '$context.requestId',
    requestTime: '$context.requestTime',
    sourceIp: '$context.identity.sourceIp',
    userAgent: '$context.identity.userAgent',
    httpMethod: '$context.httpMethod',
    routeKey: '$context.routeKey',
    path: '$context.path',
    protocol: '$context.protocol',
    status: '$context.status',
    responseLength: '$context.responseLength',
    responseLatency: '$context.responseLatency',
    integrationLatency: '$context.integrationLatency',
    integrationStatus: '$context.integrationStatus',
    integrationError: '$context.integrationErrorMessage',
    error: '$context.error.message',
  }),
);

/** No route has an API Gateway authorizer, on purpose; cdk-nag's APIG4 is acknowledged with these reasons. */
const IN_FUNCTION_AUTH_REASON =
  'Authorization is done in the function, not by API Gateway: a middleware authenticates the channel API key (x-api-key, stored hashed in the orders table) with a per-container cache, because an HTTP API Lambda authorizer answers a rejected key with 403 and cannot return our RFC 9457 problem+json 401.';
const WEBHOOK_SIGNATURE_REASON =
  'The /channels/* routes receive webhooks from commerce platforms (Shopify, WooCommerce, BigCommerce), which cannot send an API key or call an authorizer: the function authenticates each request by the platform\'s HMAC signature of the raw body (or the configured BigCommerce token) with the connection secret, before reading it, and answers a bad one 401.';
const PUBLIC_DOCUMENTATION_REASON =
  'GET /openapi.json is public on purpose: it serves the API documentation (the OpenAPI description), which holds no data and must be readable before a client has an API key.';

/** The stack-wide alarms look at 5-minute windows. */
const ALARM_PERIOD = Duration.minutes(5);

/**
 * The API's 5xx answers as a share of its requests, counted only in a window with at least a few of
 * them: on a busy day 1 % is a fault worth a look (a client mistake is never a 5xx), while in a quiet
 * hour one failed request, 100 % of one, pages no one.
 */
const API_SERVER_ERROR_RATE = { percent: 1, minimumErrors: 5 } as const;

/**
 * p99 latency: warm requests answer in tens of milliseconds, a cold start adds about a second, and
 * the slow routes (stock import, reports) are occasional, so 3 s for three windows in a row
 * (15 minutes) is a slowdown rather than a cold start or one large import.
 */
const API_P99_LATENCY = { milliseconds: 3000, windows: 3 } as const;

/** What the stateless stack builds; the infra tests pass their own to exercise every kind. */
export interface StatelessDefinitions {
  readonly routes: readonly RouteDefinition[];
  readonly stateMachines: readonly StateMachineDefinition[];
  readonly eventRules: readonly RuleDefinition[];
  readonly streamConsumers: readonly StreamConsumerDefinition[];
}

/** The OMS as declared in infra/definitions: what `cdk deploy` ships. */
export const omsDefinitions: StatelessDefinitions = {
  routes: apiRoutes,
  stateMachines,
  eventRules,
  streamConsumers,
};

export interface StatelessStackProps extends StackProps {
  readonly tables: Readonly<Record<TableName, ITableV2>>;
  /** The domain event bus: the rules live on it and state machines publish to it. */
  readonly eventBus: IEventBus;
  /** The secrets functions may declare (the channel connections); a function naming one that is absent is an error. */
  readonly secrets?: Readonly<Record<SecretName, ISecret>>;
  /** @default omsDefinitions */
  readonly definitions?: StatelessDefinitions;
  /** How functions that send customer messages send them. @default from CDK context (infra/definitions/notifications.ts) */
  readonly notifications?: NotificationDeployment;
  /** The ops console's cookie signing key, for the function that opens console sessions. */
  readonly consoleSigningKey?: ConsoleSigningKeyGrant;
}

/**
 * The HTTP API, the state machines, the event rules, the stream consumers and the functions
 * behind them; holds no data, so it can be replaced at will.
 */
export class StatelessStack extends Stack {
  readonly api: HttpApi;
  readonly stage: HttpStage;
  /**
   * The functions by their definition name (e.g. `create-order`): one per name, however many
   * routes, state machines, rules and consumers use it.
   */
  readonly functions: ReadonlyMap<string, OmsFunction>;
  /** The state machines by their definition name. */
  readonly stateMachines: ReadonlyMap<string, StateMachine>;
  /** The rules of the event bus by their definition name. */
  readonly eventRules: ReadonlyMap<string, CfnRule>;
  /** Where rule targets' undeliverable events go; only created when there is a rule. */
  readonly eventTargetDeadLetterQueue?: Queue;
  /** Where stream batches that exhausted their retries are described; only created when there is a consumer. */
  readonly streamFailureQueue?: Queue;

  private readonly tables: Readonly<Record<TableName, ITableV2>>;
  private readonly eventBus: IEventBus;
  private readonly secrets: Partial<Readonly<Record<SecretName, ISecret>>>;
  private readonly notifications: NotificationDeployment;
  private readonly consoleSigningKey?: ConsoleSigningKeyGrant;
  private readonly stateMachineNames: ReadonlySet<string>;
  private readonly functionsByName = new Map<string, { readonly definition: FunctionDefinition; readonly function: OmsFunction }>();

  constructor(scope: Construct, id: string, props: StatelessStackProps) {
    super(scope, id, props);
    const definitions = props.definitions ?? omsDefinitions;
    this.tables = props.tables;
    this.eventBus = props.eventBus;
    this.secrets = props.secrets ?? {};
    this.notifications = props.notifications ?? notificationDeploymentFrom((key) => this.node.tryGetContext(key));
    if (props.consoleSigningKey) this.consoleSigningKey = props.consoleSigningKey;
    this.stateMachineNames = new Set(definitions.stateMachines.map((machine) => machine.name));
    // Tables are read through CloudFormation exports (Fn::ImportValue): the stateful stack cannot
    // drop a table while a function still uses it. OmsFunction's cdk-nag acknowledgements name
    // the tables by those exports, so the strength is fixed here rather than left to a default.
    CrossStackReferences.of(this).consume(ReferenceStrength.STRONG);

    this.api = new HttpApi(this, 'HttpApi', {
      apiName: serviceName,
      description: 'Order Management System API',
      // The stage is created below: the default one cannot take access logging or throttling.
      createDefaultStage: false,
    });

    const accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.stage = this.api.addStage('DefaultStage', {
      stageName: '$default',
      autoDeploy: true,
      throttle: THROTTLE,
      accessLogSettings: { destination: new LogGroupLogDestination(accessLogs), format: ACCESS_LOG_FORMAT },
    });

    // A function serving several routes is built once and shares one integration.
    const integrations = new Map<string, HttpLambdaIntegration>();
    const integrationFor = (definition: FunctionDefinition): HttpLambdaIntegration => {
      const existing = integrations.get(definition.name);
      if (existing) return existing;
      const integration = new HttpLambdaIntegration(`${definition.name}-integration`, this.functionFor(definition).function);
      integrations.set(definition.name, integration);
      return integration;
    };

    for (const route of definitions.routes) {
      const routes = this.api.addRoutes({
        path: route.path,
        methods: [HttpMethod[route.method]],
        integration: integrationFor(route.function),
      });
      const isPublicDocumentation = route.function.name === apiFunctions.getOpenApi.name;
      const isChannelWebhook = route.path.startsWith('/channels/');
      for (const httpRoute of routes) {
        Validations.of(httpRoute).acknowledge({
          id: 'AwsSolutions-APIG4',
          reason: isPublicDocumentation ? PUBLIC_DOCUMENTATION_REASON : isChannelWebhook ? WEBHOOK_SIGNATURE_REASON : IN_FUNCTION_AUTH_REASON,
        });
      }
    }

    const alarms = this.buildAlarms(definitions.routes);

    this.stateMachines = this.buildStateMachines(definitions.stateMachines, props.eventBus);
    // The dead-letter queues exist only when something sends to them.
    this.eventTargetDeadLetterQueue =
      definitions.eventRules.length > 0
        ? deadLetterQueue(this, eventTargetDeadLettersId, 'the events a rule target could not take after its retries')
        : undefined;
    this.eventRules = this.buildEventRules(definitions.eventRules, props.eventBus, this.eventTargetDeadLetterQueue);
    this.streamFailureQueue =
      definitions.streamConsumers.length > 0
        ? deadLetterQueue(this, 'StreamFailures', 'a description (shard, sequence numbers) of each stream batch a consumer failed after its retries')
        : undefined;
    this.buildStreamConsumers(definitions.streamConsumers, this.streamFailureQueue);
    this.functions = new Map([...this.functionsByName].map(([name, entry]) => [name, entry.function]));

    // Built last, to show every function, state machine, queue and alarm built above.
    new OmsDashboard(this, 'Dashboard', {
      api: this.api,
      functions: new Map([...this.functions].map(([name, omsFunction]) => [name, omsFunction.function])),
      stateMachines: this.stateMachines,
      deadLetterQueues: [
        ...(this.eventTargetDeadLetterQueue ? [{ label: 'event rule targets', queueName: this.eventTargetDeadLetterQueue.queueName }] : []),
        ...(this.streamFailureQueue ? [{ label: 'stream consumers', queueName: this.streamFailureQueue.queueName }] : []),
        // In the stateful stack, found by its fixed name rather than through a stack export.
        { label: 'event lake', queueName: eventLake.deadLetterQueueName },
      ],
      ...alarms,
      alarms: this.node.findAll().filter((construct): construct is Alarm => construct instanceof Alarm),
    });

    new CfnOutput(this, 'ApiUrl', { description: 'Base URL of the OMS HTTP API', value: this.stage.url });
  }

  /**
   * The stack-wide alarms; each state machine and dead-letter queue raises its own (failed, timed-out
   * and aborted executions; a first dead letter). Partners resume waiting orders through the
   * callback endpoints: a function error there is an order stuck until the partner retries, so it
   * alarms at once. The API alarms on its 5xx rate and its p99 latency, and Lambda on throttling.
   */
  private buildAlarms(routes: readonly RouteDefinition[]): { apiServerErrorRateAlarm: Alarm; apiLatencyAlarm: Alarm; throttleAlarm: Alarm } {
    const scope = new Construct(this, 'Alarms');
    const callbackFunctions = new Set(routes.filter((route) => route.path.startsWith('/integrations/')).map((route) => route.function));
    for (const definition of callbackFunctions) {
      new OmsAlarm(scope, `${definition.name}-errors`, {
        description: `The ${definition.name} callback function failed: partner events are not reaching their orders.`,
        metric: this.functionFor(definition).function.metricErrors({ period: ALARM_PERIOD, statistic: 'Sum' }),
        threshold: 1,
      });
    }
    const { percent, minimumErrors } = API_SERVER_ERROR_RATE;
    const apiServerErrorRateAlarm = new OmsAlarm(scope, 'api-server-error-rate', {
      description: `Over ${percent} % of the HTTP API's answers in 5 minutes were 5xx (at least ${minimumErrors} of them): a client mistake never is, so this is a fault to look at. The access logs have the routes and errors.`,
      metric: new MathExpression({
        expression: `IF(errors >= ${minimumErrors}, 100 * errors / requests, 0)`,
        usingMetrics: {
          errors: this.api.metricServerError({ period: ALARM_PERIOD, statistic: 'Sum' }),
          requests: this.api.metricCount({ period: ALARM_PERIOD, statistic: 'Sum' }),
        },
        period: ALARM_PERIOD,
        label: '5xx, % of requests',
      }),
      threshold: percent,
    });
    const apiLatencyAlarm = new OmsAlarm(scope, 'api-latency-p99', {
      description: `The HTTP API's p99 latency stayed at ${API_P99_LATENCY.milliseconds} ms or more for ${API_P99_LATENCY.windows * 5} minutes: compare integration latency (the functions, DynamoDB) with the total, then the functions' traces in X-Ray.`,
      metric: this.api.metricLatency({ period: ALARM_PERIOD, statistic: 'p99' }),
      threshold: API_P99_LATENCY.milliseconds,
      evaluationPeriods: API_P99_LATENCY.windows,
    });
    // No OMS function reserves concurrency, so a throttle means the account's concurrency in the
    // region is used up: async and stream invocations are retried, but API requests fail with 5xx
    // until the quota is raised. The region-wide metric also counts other workloads of the account.
    const throttleAlarm = new OmsAlarm(scope, 'lambda-throttles', {
      description: 'Lambda throttled invocations in this region: the account\'s concurrent executions are used up. API requests fail meanwhile; raise the Lambda concurrency quota or find the runaway caller.',
      metric: new Metric({ namespace: 'AWS/Lambda', metricName: 'Throttles', period: ALARM_PERIOD, statistic: 'Sum' }),
      threshold: 1,
    });
    return { apiServerErrorRateAlarm, apiLatencyAlarm, throttleAlarm };
  }

  /**
   * The function of `definition`, built on first use: a handler is one Lambda function wherever it
   * is referenced. Two different definitions under one name would silently share the first one's
   * settings, so that is an error.
   */
  private functionFor(definition: FunctionDefinition): OmsFunction {
    const existing = this.functionsByName.get(definition.name);
    if (existing) {
      if (JSON.stringify(existing.definition) !== JSON.stringify(definition)) {
        throw new Error(`Two different function definitions are named ${definition.name}; function names must be unique.`);
      }
      return existing.function;
    }
    for (const stateMachineName of Object.keys(definition.stateMachines ?? {})) {
      if (!this.stateMachineNames.has(stateMachineName)) {
        throw new Error(`Function ${definition.name} uses state machine ${stateMachineName}, which is not defined.`);
      }
    }
    const omsFunction = OmsFunction.fromDefinition(this, definition, this.tables, this.eventBus, {
      secrets: this.secrets,
      notifications: this.notifications,
      ...(this.consoleSigningKey && { consoleSigningKey: this.consoleSigningKey }),
    });
    this.functionsByName.set(definition.name, { definition, function: omsFunction });
    return omsFunction;
  }

  private buildStateMachines(definitions: readonly StateMachineDefinition[], eventBus: IEventBus): Map<string, StateMachine> {
    const scope = new Construct(this, 'StateMachines');
    const stateMachineNames = definitions.map((definition) => definition.name);
    return new Map(
      definitions.map((definition) => [
        definition.name,
        new OmsStateMachine(scope, definition.name, {
          definition,
          eventBus,
          stateMachineNames,
          functionFor: (functionDefinition) => this.functionFor(functionDefinition).function,
        }).stateMachine,
      ]),
    );
  }

  private buildEventRules(
    definitions: readonly RuleDefinition[],
    eventBus: IEventBus,
    deadLetters: Queue | undefined,
  ): Map<string, CfnRule> {
    if (!deadLetters) return new Map();
    const scope = new Construct(this, 'EventRules');
    const stateMachineFor = (name: string): StateMachine => {
      const stateMachine = this.stateMachines.get(name);
      if (!stateMachine) throw new Error(`An event rule targets state machine ${name}, which is not defined.`);
      return stateMachine;
    };
    return new Map(
      definitions.map((definition) => [
        definition.name,
        new OmsEventRule(scope, definition.name, {
          definition,
          eventBus,
          deadLetterQueue: deadLetters,
          stateMachineFor,
          functionFor: (functionDefinition) => this.functionFor(functionDefinition).function,
        }).rule,
      ]),
    );
  }

  /** One event source mapping per consumer; DynamoEventSource also grants the function the stream reads. */
  private buildStreamConsumers(definitions: readonly StreamConsumerDefinition[], failures: Queue | undefined): void {
    if (!failures) return;
    for (const consumer of definitions) {
      if (tableDefinitions[consumer.table].stream === undefined) {
        throw new Error(`Stream consumer ${consumer.name} reads the ${consumer.table} table, which has no stream.`);
      }
      this.functionFor(consumer.function).function.addEventSource(
        new DynamoEventSource(this.tables[consumer.table], {
          batchSize: consumer.batchSize,
          startingPosition: StartingPosition[consumer.startingPosition],
          retryAttempts: consumer.maximumRetryAttempts,
          reportBatchItemFailures: consumer.reportBatchItemFailures,
          bisectBatchOnError: consumer.bisectBatchOnFunctionError,
          ...(consumer.filterPatterns && { filters: consumer.filterPatterns.map((pattern) => FilterCriteria.filter(pattern)) }),
          onFailure: new SqsDlq(failures),
        }),
      );
    }
  }
}

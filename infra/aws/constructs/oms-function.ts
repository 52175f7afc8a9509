import { ArnFormat, Duration, Lazy, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { IEventBus } from 'aws-cdk-lib/aws-events';
import { Effect, PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { Role } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { flattenCfnReference } from 'cdk-nag/lib/utils/flatten-cfn-reference';
import { Construct } from 'constructs';
import { eventBusEnvVar, eventDeadLetterQueueEnvVar, functionDefaults, metricsNamespace, serviceName, stateMachineArnEnvVar } from '../../definitions/api';
import type { FunctionDefinition, StateMachineAccess, TableAccess } from '../../definitions/api';
import { lambdaBundling } from '../../definitions/bundling';
import type { NotificationDeployment } from '../../definitions/notifications';
import { consoleSigningKeySettings } from '../../../shared/adapters/cloudfront/console-signing-key-settings';
import { notificationEnvVars } from '../../../shared/notifications/notification-config';
import { secrets as secretDefinitions } from '../../definitions/secrets';
import type { SecretDefinition, SecretName } from '../../definitions/secrets';
import { tables as tableDefinitions } from '../../definitions/tables';
import type { TableDefinition, TableName } from '../../definitions/tables';
import { repoRoot } from '../repo-root';
import { InlinePolicyRole } from './inline-policy-role';

const outputFormats = { esm: OutputFormat.ESM, cjs: OutputFormat.CJS } as const;

/** The construct id of the stateless stack's queue for the events rule targets could not take (infra/aws/stateless-stack.ts). */
export const eventTargetDeadLettersId = 'EventTargetDeadLetters';

/** The ops console's cookie signing key: the secret holding the private key, and the CloudFront public key's id. */
export interface ConsoleSigningKeyGrant {
  readonly secret: ISecret;
  readonly keyPairId: string;
}

/** What the stateful stack holds that a definition may ask for besides tables and the bus. */
export interface FunctionResources {
  readonly secrets?: Partial<Readonly<Record<SecretName, ISecret>>>;
  readonly notifications?: NotificationDeployment;
  readonly consoleSigningKey?: ConsoleSigningKeyGrant;
}

export interface OmsFunctionProps {
  /** Entry module, relative to the repository root; it exports `handler`. */
  readonly entry: string;
  readonly memorySize?: number;
  readonly timeout?: Duration;
  readonly description?: string;
}

/**
 * The house Lambda function: every OMS function gets the same runtime, architecture, tracing,
 * observability settings and bundling, so a handler only declares its entry and its tables.
 */
export class OmsFunction extends Construct {
  readonly function: NodejsFunction;
  readonly role: Role;
  readonly logGroup: LogGroup;

  /** Builds the function declared by `definition`, with exactly the access it declares. */
  static fromDefinition(
    scope: Construct,
    definition: FunctionDefinition,
    tables: Readonly<Record<TableName, ITableV2>>,
    eventBus: IEventBus,
    { secrets = {}, notifications, consoleSigningKey }: FunctionResources = {},
  ): OmsFunction {
    const omsFunction = new OmsFunction(scope, definition.name, {
      entry: definition.entry,
      description: `OMS ${definition.name} (${definition.entry})`,
      memorySize: definition.memorySize,
      timeout: definition.timeoutSeconds === undefined ? undefined : Duration.seconds(definition.timeoutSeconds),
    });
    for (const tableName of Object.keys(tableDefinitions) as TableName[]) {
      const access = definition.tables[tableName];
      if (access) omsFunction.useTable(tables[tableName], tableDefinitions[tableName], access);
    }
    if (definition.eventBus === 'publish') omsFunction.publishTo(eventBus);
    for (const [stateMachineName, access] of Object.entries(definition.stateMachines ?? {})) {
      omsFunction.useStateMachine(stateMachineName, access);
    }
    for (const secretName of definition.secrets ?? []) {
      const secret = secrets[secretName];
      if (!secret) throw new Error(`Function ${definition.name} reads secret ${secretName}, which the stack was not given.`);
      omsFunction.useSecret(secret, secretDefinitions[secretName]);
    }
    if (definition.eventDeadLetters) omsFunction.useEventDeadLetters(definition.eventDeadLetters);
    if (definition.opsConsoleSigningKey === 'sign') {
      if (!consoleSigningKey) throw new Error(`Function ${definition.name} signs ops console cookies, and the stack was given no signing key.`);
      omsFunction.signConsoleCookies(consoleSigningKey);
    }
    if (definition.notifications === 'send') {
      if (!notifications) throw new Error(`Function ${definition.name} sends notifications, and the stack was given no notification settings.`);
      omsFunction.sendNotifications(notifications);
    }
    return omsFunction;
  }

  constructor(scope: Construct, id: string, props: OmsFunctionProps) {
    super(scope, id);

    // Created explicitly (rather than left to Lambda) so retention is bounded and the group is
    // owned by the stack; the stateless stack can be torn down and redeployed without orphans.
    this.logGroup = new LogGroup(this, 'LogGroup', {
      retention: RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });

    // Own role instead of AWSLambdaBasicExecutionRole: that managed policy lets the function
    // write to every log group in the account, this one only to its own.
    this.role = new InlinePolicyRole(this, 'Role', { assumedBy: new ServicePrincipal('lambda.amazonaws.com') });
    this.logGroup.grantWrite(this.role);

    this.function = new NodejsFunction(this, 'Function', {
      entry: `${repoRoot}${props.entry}`,
      handler: 'handler',
      projectRoot: repoRoot,
      depsLockFilePath: `${repoRoot}package-lock.json`,
      description: props.description,
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? functionDefaults.memorySize,
      timeout: props.timeout ?? Duration.seconds(functionDefaults.timeoutSeconds),
      tracing: Tracing.ACTIVE,
      role: this.role,
      logGroup: this.logGroup,
      environment: {
        POWERTOOLS_SERVICE_NAME: serviceName,
        POWERTOOLS_METRICS_NAMESPACE: metricsNamespace,
        NODE_OPTIONS: '--enable-source-maps',
      },
      bundling: {
        format: outputFormats[lambdaBundling.format],
        target: lambdaBundling.target,
        minify: lambdaBundling.minify,
        sourceMap: lambdaBundling.sourceMap,
        mainFields: [...lambdaBundling.mainFields],
        banner: lambdaBundling.banner,
        // The same externals the bundle-size benchmark uses, so the measured bundle is the deployed one.
        externalModules: [...lambdaBundling.externalModules],
      },
    });

    // Tracing.ACTIVE adds xray:PutTraceSegments/PutTelemetryRecords on "*" to the role.
    Validations.of(this.role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'X-Ray PutTraceSegments and PutTelemetryRecords do not support resource-level permissions; "*" is the only valid resource.',
    });
    Validations.of(this.function).acknowledge({
      id: 'AwsSolutions-L1',
      reason:
        'Node.js 22 is pinned on purpose: the local runtime, tests and bundle target (node22) use the same major through the `node` devDependency, so the Lambda runtime is raised together with them, not alone.',
    });
  }

  /**
   * Lets the function use a table: grants the IAM access and publishes the table name in the
   * env var its adapter reads. Both happen here, together, so they can never drift apart.
   */
  useTable(table: ITableV2, definition: TableDefinition, access: TableAccess): this {
    if (access === 'readWrite') table.grantReadWriteData(this.function);
    else table.grantReadData(this.function);
    this.function.addEnvironment(definition.envVar, table.tableName);
    if (definition.globalSecondaryIndexes.length > 0) {
      Validations.of(this.role).acknowledge({
        id: `AwsSolutions-IAM5[Resource::${this.nagResourceName(table)}/index/*]`,
        reason: `The ${access} grant on table ${definition.id} covers its own global secondary indexes (table ARN + /index/*), which its access patterns query; the wildcard spans no other table.`,
      });
    }
    return this;
  }

  /**
   * Lets the function read the secret: GetSecretValue on this secret only (not DescribeSecret or
   * any other), and its ARN in the env var its adapter reads, granted together.
   */
  useSecret(secret: ISecret, definition: SecretDefinition): this {
    this.role.addToPrincipalPolicy(new PolicyStatement({ actions: ['secretsmanager:GetSecretValue'], resources: [secret.secretArn] }));
    this.function.addEnvironment(definition.envVar, secret.secretArn);
    return this;
  }

  /**
   * Lets the function sign the ops console's cookies: GetSecretValue on the signing key's secret
   * only, its ARN and the CloudFront public key's id in the env vars the signer reads, together.
   */
  signConsoleCookies(key: ConsoleSigningKeyGrant): this {
    this.role.addToPrincipalPolicy(new PolicyStatement({ actions: ['secretsmanager:GetSecretValue'], resources: [key.secret.secretArn] }));
    this.function.addEnvironment(consoleSigningKeySettings.secretArnEnvVar, key.secret.secretArn);
    this.function.addEnvironment(consoleSigningKeySettings.keyPairIdEnvVar, key.keyPairId);
    return this;
  }

  /**
   * Lets the function send customer messages with the deployment's settings, in its environment:
   * ses:SendEmail as the From address only (its address and domain identities, and the configuration
   * set if there is one), and sns:Publish to phone numbers. SMS to a phone number has no resource
   * ARN, so that Allow is on "*"; a Deny on every SNS ARN keeps it from reaching any topic or endpoint.
   */
  sendNotifications(settings: NotificationDeployment): this {
    const stack = Stack.of(this);
    const domain = settings.fromAddress.slice(settings.fromAddress.lastIndexOf('@') + 1);
    const sesArn = (resource: string, resourceName: string) => stack.formatArn({ service: 'ses', resource, resourceName });
    this.role.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['ses:SendEmail'],
        resources: [
          sesArn('identity', settings.fromAddress),
          sesArn('identity', domain),
          ...(settings.configurationSetName ? [sesArn('configuration-set', settings.configurationSetName)] : []),
        ],
        conditions: { StringEquals: { 'ses:FromAddress': settings.fromAddress } },
      }),
    );
    this.role.addToPrincipalPolicy(new PolicyStatement({ actions: ['sns:Publish'], resources: ['*'] }));
    this.role.addToPrincipalPolicy(
      new PolicyStatement({ effect: Effect.DENY, actions: ['sns:Publish'], resources: [stack.formatArn({ service: 'sns', region: '*', account: '*', resource: '*' })] }),
    );
    Validations.of(this.role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'Two grants need "*": X-Ray PutTraceSegments and PutTelemetryRecords, which have no resource-level permissions, and sns:Publish of an SMS straight to a phone number, which has no resource ARN; a Deny on every SNS ARN keeps that Publish from reaching any topic or endpoint.',
    });
    const environment: Record<string, string | undefined> = {
      [notificationEnvVars.sender]: 'ses-sns',
      [notificationEnvVars.fromAddress]: settings.fromAddress,
      [notificationEnvVars.configurationSet]: settings.configurationSetName,
      [notificationEnvVars.smsSenderId]: settings.smsSenderId,
      [notificationEnvVars.trackingUrlTemplate]: settings.trackingUrlTemplate,
      [notificationEnvVars.channelLocales]: settings.channelLocales && JSON.stringify(settings.channelLocales),
    };
    for (const [name, value] of Object.entries(environment)) if (value !== undefined) this.function.addEnvironment(name, value);
    return this;
  }

  /**
   * Lets the function read the dead-letter queue of the event rules' targets (receive, and release
   * what it read) or also remove from it ('redrive'), on that queue only, and publishes its URL in
   * EVENT_DEAD_LETTER_QUEUE_URL, granted together. The stack creates the queue after the functions of
   * its routes (and only when it has rules), so both are resolved at synthesis, from the stack's
   * queue of that construct id; a stack without it fails to synthesize rather than deploy a function
   * that cannot work.
   */
  useEventDeadLetters(access: 'read' | 'redrive'): this {
    const stack = Stack.of(this);
    const queue = (): Queue => {
      const found = stack.node.tryFindChild(eventTargetDeadLettersId);
      if (!(found instanceof Queue)) throw new Error(`Function ${this.node.id} uses the event rules' dead-letter queue, and stack ${stack.stackName} has none (${eventTargetDeadLettersId})`);
      return found;
    };
    const actions = ['sqs:ReceiveMessage', 'sqs:ChangeMessageVisibility', 'sqs:GetQueueAttributes', ...(access === 'redrive' ? ['sqs:DeleteMessage'] : [])];
    this.role.addToPrincipalPolicy(new PolicyStatement({ actions, resources: [Lazy.string({ produce: () => queue().queueArn })] }));
    this.function.addEnvironment(eventDeadLetterQueueEnvVar, Lazy.string({ produce: () => queue().queueUrl }));
    return this;
  }

  /** Lets the function publish domain events: PutEvents on this bus only, and its name in EVENT_BUS_NAME. */
  publishTo(eventBus: IEventBus): this {
    eventBus.grantPutEventsTo(this.function);
    this.function.addEnvironment(eventBusEnvVar, eventBus.eventBusName);
    return this;
  }

  /**
   * Lets the function use the state machine `name` (of this stack) as `access` says, and publishes its
   * ARN in the env var its adapter reads. The ARN is built from the fixed name, not taken from the
   * resource: a function the machine invokes may also answer its task tokens without a cycle.
   */
  useStateMachine(name: string, access: readonly StateMachineAccess[]): this {
    const stack = Stack.of(this);
    const stateMachineArn = stack.formatArn({ service: 'states', resource: 'stateMachine', resourceName: name, arnFormat: ArnFormat.COLON_RESOURCE_NAME });
    const executionsArn = stack.formatArn({ service: 'states', resource: 'execution', resourceName: `${name}:*`, arnFormat: ArnFormat.COLON_RESOURCE_NAME });
    const actions: Record<StateMachineAccess, { readonly actions: readonly string[]; readonly resource: string }> = {
      start: { actions: ['states:StartExecution'], resource: stateMachineArn },
      callback: { actions: ['states:SendTaskSuccess', 'states:SendTaskFailure', 'states:SendTaskHeartbeat'], resource: stateMachineArn },
      read: { actions: ['states:DescribeExecution', 'states:GetExecutionHistory'], resource: executionsArn },
      list: { actions: ['states:ListExecutions'], resource: stateMachineArn },
      redrive: { actions: ['states:RedriveExecution'], resource: executionsArn },
    };
    for (const kind of access) {
      this.role.addToPrincipalPolicy(new PolicyStatement({ actions: [...actions[kind].actions], resources: [actions[kind].resource] }));
    }
    if (access.includes('read') || access.includes('redrive')) {
      Validations.of(this.role).acknowledge({
        id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:states:<AWS::Region>:<AWS::AccountId>:execution:${name}:*]`,
        reason: `Executions of ${name} are named per order (or return), so reading (DescribeExecution, GetExecutionHistory) or redriving them needs the wildcard over that one state machine's executions; no other machine is covered.`,
      });
    }
    this.function.addEnvironment(stateMachineArnEnvVar(name), stateMachineArn);
    return this;
  }

  /**
   * The table ARN as cdk-nag writes it in a finding id. A table from another stack reaches the
   * policy as an import of the stack export CDK creates for it (`exportValue` returns that same
   * export), so the finding names the export rather than the table.
   */
  private nagResourceName(table: ITableV2): string {
    const consumer = Stack.of(this);
    const producer = Stack.of(table);
    const arn = producer === consumer ? table.tableArn : producer.exportValue(table.tableArn);
    return flattenCfnReference(consumer.resolve(arn));
  }
}

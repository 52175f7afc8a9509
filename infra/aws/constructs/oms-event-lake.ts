import { ArnFormat, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { CfnWorkGroup } from 'aws-cdk-lib/aws-athena';
import { Metric } from 'aws-cdk-lib/aws-cloudwatch';
import { CfnRule } from 'aws-cdk-lib/aws-events';
import type { IEventBus } from 'aws-cdk-lib/aws-events';
import { CfnDatabase, CfnTable } from 'aws-cdk-lib/aws-glue';
import { PolicyDocument, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { CfnDeliveryStream } from 'aws-cdk-lib/aws-kinesisfirehose';
import { LogGroup, LogStream, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { BlockPublicAccess, Bucket, BucketEncryption } from 'aws-cdk-lib/aws-s3';
import type { BucketProps } from 'aws-cdk-lib/aws-s3';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { S3_SERVER_ACCESS_LOGS_USE_BUCKET_POLICY } from 'aws-cdk-lib/cx-api';
import { flattenCfnReference } from 'cdk-nag/lib/utils/flatten-cfn-reference';
import { Construct } from 'constructs';
import { eventLake, eventLakeColumns, eventLakeInputTransformer, omsEventsPattern } from '../../definitions/event-lake';
import { deadLetterQueue } from './dead-letter-queue';
import { OmsAlarm } from './oms-alarm';

/**
 * Firehose writes a file when 15 minutes or 128 MB have gathered, whichever comes first: the lake
 * is for ad-hoc analysis, not live figures (the dashboard has those), and fewer, larger Parquet
 * files make cheaper Athena scans than many small ones.
 */
const BUFFERING = { intervalInSeconds: 900, sizeInMBs: 128 } as const;

/** An ad-hoc query that would scan more than this is cancelled: a forgotten `dt` filter costs cents, not dollars. */
const BYTES_SCANNED_CUTOFF_PER_QUERY = 10 * 1024 ** 3;

/** Query results can always be computed again, and they hold what the events hold. */
const QUERY_RESULT_RETENTION = Duration.days(30);
const ACCESS_LOG_RETENTION = Duration.days(365);

/** Firehose keeps trying an event for this long; the rule's dead-letter queue catches what it still refuses. */
const RULE_RETRY_POLICY = { maximumRetryAttempts: 185, maximumEventAgeInSeconds: 86_400 } as const;

const LOG_STREAM_NAME = 'S3Delivery';

/** Private, encrypted, TLS only and kept when the stack goes: every bucket of the lake starts from these. */
const SECURE_BUCKET = {
  encryption: BucketEncryption.S3_MANAGED,
  enforceSSL: true,
  blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
  removalPolicy: RemovalPolicy.RETAIN,
} as const satisfies BucketProps;

const ABORT_INCOMPLETE_UPLOADS = { abortIncompleteMultipartUploadAfter: Duration.days(1) } as const;

export interface OmsEventLakeProps {
  /** The domain event bus whose OMS events the lake keeps. */
  readonly eventBus: IEventBus;
}

/**
 * Every OMS event as a row Athena can query: a rule on the bus sends each event, flattened into the
 * columns of `infra/definitions/event-lake.ts`, to a Firehose stream that converts it to Parquet
 * with that Glue table's schema and writes it to S3 under a daily partition. An Athena workgroup
 * with its own result bucket runs the queries.
 *
 * The stream and the rule are L1 resources: the L2 destination grants its role read-write on the
 * whole bucket and glue:GetSchemaVersion on "*", where Firehose needs only to write objects under
 * two prefixes and to read this one table.
 */
export class OmsEventLake extends Construct {
  readonly bucket: Bucket;
  readonly queryResultsBucket: Bucket;
  readonly database: CfnDatabase;
  readonly table: CfnTable;
  /** The role Firehose writes with: this bucket's prefixes, this table's schema, its own log stream. */
  readonly deliveryRole: Role;
  readonly deliveryStream: CfnDeliveryStream;
  readonly rule: CfnRule;
  readonly deadLetterQueue: Queue;
  readonly workGroup: CfnWorkGroup;

  constructor(scope: Construct, id: string, props: OmsEventLakeProps) {
    super(scope, id);
    const stack = Stack.of(this);
    // S3 delivers access logs under a bucket policy rather than the legacy log-delivery ACL, which
    // buckets with ACLs disabled (the default) cannot take.
    this.node.setContext(S3_SERVER_ACCESS_LOGS_USE_BUCKET_POLICY, true);

    const accessLogs = new Bucket(this, 'AccessLogs', {
      ...SECURE_BUCKET,
      lifecycleRules: [{ expiration: ACCESS_LOG_RETENTION }, ABORT_INCOMPLETE_UPLOADS],
    });
    Validations.of(accessLogs).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'This bucket receives the server access logs of the event lake and query result buckets; logging its own access would log the log deliveries.',
    });

    this.bucket = new Bucket(this, 'Bucket', {
      ...SECURE_BUCKET,
      serverAccessLogsBucket: accessLogs,
      serverAccessLogsPrefix: 'event-lake/',
      lifecycleRules: [
        { prefix: eventLake.dataPrefix, expiration: Duration.days(eventLake.retentionDays) },
        // A failed record is looked at within days or never; it is still in the bus archive.
        { prefix: eventLake.errorPrefix, expiration: Duration.days(30) },
        ABORT_INCOMPLETE_UPLOADS,
      ],
    });
    this.queryResultsBucket = new Bucket(this, 'QueryResults', {
      ...SECURE_BUCKET,
      serverAccessLogsBucket: accessLogs,
      serverAccessLogsPrefix: 'query-results/',
      lifecycleRules: [{ expiration: QUERY_RESULT_RETENTION }, ABORT_INCOMPLETE_UPLOADS],
    });

    this.database = new CfnDatabase(this, 'Database', {
      catalogId: stack.account,
      databaseInput: { name: eventLake.databaseName, description: 'OMS domain events, for ad-hoc analysis with Athena' },
    });
    this.table = this.buildTable();

    const logGroup = new LogGroup(this, 'DeliveryLogs', { retention: RetentionDays.ONE_MONTH, removalPolicy: RemovalPolicy.DESTROY });
    new LogStream(this, 'DeliveryLogStream', { logGroup, logStreamName: LOG_STREAM_NAME, removalPolicy: RemovalPolicy.DESTROY });

    this.deliveryRole = this.buildDeliveryRole(logGroup);
    this.deliveryStream = new CfnDeliveryStream(this, 'DeliveryStream', {
      deliveryStreamName: eventLake.deliveryStreamName,
      deliveryStreamType: 'DirectPut',
      deliveryStreamEncryptionConfigurationInput: { keyType: 'AWS_OWNED_CMK' },
      extendedS3DestinationConfiguration: {
        bucketArn: this.bucket.bucketArn,
        roleArn: this.deliveryRole.roleArn,
        prefix: `${eventLake.dataPrefix}${eventLake.partitionColumn}=!{timestamp:yyyy-MM-dd}/`,
        errorOutputPrefix: `${eventLake.errorPrefix}!{firehose:error-output-type}/${eventLake.partitionColumn}=!{timestamp:yyyy-MM-dd}/`,
        bufferingHints: BUFFERING,
        // Parquet compresses its own pages (Snappy below); the file itself must stay uncompressed.
        compressionFormat: 'UNCOMPRESSED',
        cloudWatchLoggingOptions: { enabled: true, logGroupName: logGroup.logGroupName, logStreamName: LOG_STREAM_NAME },
        dataFormatConversionConfiguration: {
          enabled: true,
          // The records' keys are the column names already (the rule flattens the event), so no
          // mapping is needed, and keys are left as they are: the detail's JSON keeps its camelCase.
          inputFormatConfiguration: { deserializer: { openXJsonSerDe: { caseInsensitive: false } } },
          outputFormatConfiguration: { serializer: { parquetSerDe: { compression: 'SNAPPY' } } },
          schemaConfiguration: {
            catalogId: stack.account,
            region: stack.region,
            databaseName: this.database.ref,
            tableName: this.table.ref,
            roleArn: this.deliveryRole.roleArn,
            versionId: 'LATEST',
          },
        },
      },
    });

    this.deadLetterQueue = deadLetterQueue(this, 'DeadLetters', 'the events the event lake rule could not hand to Firehose after its retries', {
      queueName: eventLake.deadLetterQueueName,
    });
    this.rule = this.buildRule(props.eventBus);

    this.workGroup = new CfnWorkGroup(this, 'WorkGroup', {
      name: eventLake.workGroupName,
      description: `Ad-hoc queries of the OMS event lake (${eventLake.databaseName}.${eventLake.tableName})`,
      state: 'ENABLED',
      workGroupConfiguration: {
        // Queries cannot send their results (which hold event data) anywhere else, unencrypted.
        enforceWorkGroupConfiguration: true,
        publishCloudWatchMetricsEnabled: true,
        bytesScannedCutoffPerQuery: BYTES_SCANNED_CUTOFF_PER_QUERY,
        engineVersion: { selectedEngineVersion: 'Athena engine version 3' },
        resultConfiguration: {
          outputLocation: `s3://${this.queryResultsBucket.bucketName}/`,
          encryptionConfiguration: { encryptionOption: 'SSE_S3' },
        },
      },
    });

    this.alarmOnDeliveryFailures();
  }

  /**
   * The Glue table Firehose converts with and Athena reads: the columns from the definitions, stored
   * as Parquet under the data prefix, partitioned by day with partition projection, so a new day's
   * partition is queryable the moment Firehose writes it, without a crawler or MSCK REPAIR.
   */
  private buildTable(): CfnTable {
    const location = `s3://${this.bucket.bucketName}/${eventLake.dataPrefix}`;
    const partition = eventLake.partitionColumn;
    return new CfnTable(this, 'Table', {
      catalogId: Stack.of(this).account,
      databaseName: this.database.ref,
      tableInput: {
        name: eventLake.tableName,
        description: 'One row per OMS domain event (infra/definitions/event-lake.ts)',
        tableType: 'EXTERNAL_TABLE',
        partitionKeys: [{ name: partition, type: 'string', comment: 'UTC day Firehose received the event, yyyy-MM-dd' }],
        parameters: {
          classification: 'parquet',
          'projection.enabled': 'true',
          [`projection.${partition}.type`]: 'date',
          [`projection.${partition}.format`]: 'yyyy-MM-dd',
          [`projection.${partition}.range`]: `${eventLake.firstPartitionDay},NOW`,
          [`projection.${partition}.interval`]: '1',
          [`projection.${partition}.interval.unit`]: 'DAYS',
          'storage.location.template': `${location}${partition}=\${${partition}}/`,
        },
        storageDescriptor: {
          columns: eventLakeColumns.map(({ name, type, comment }) => ({ name, type, comment })),
          location,
          inputFormat: 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat',
          outputFormat: 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat',
          serdeInfo: { serializationLibrary: 'org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe' },
        },
      },
    });
  }

  /**
   * What Firehose needs, and no more: write objects under the two prefixes of this bucket (plus the
   * bucket-level calls a multipart upload makes), read this one table's schema, and write its own
   * log stream. The trust is limited to Firehose acting for this account. The policy is inline, part
   * of the role itself, because Firehose checks the role's access when the stream is created.
   */
  private buildDeliveryRole(logGroup: LogGroup): Role {
    const stack = Stack.of(this);
    const glueArn = (resource: string, resourceName?: string) => stack.formatArn({ service: 'glue', resource, resourceName });
    const objectArns = [eventLake.dataPrefix, eventLake.errorPrefix].map((prefix) => this.bucket.arnForObjects(`${prefix}*`));
    const role = new Role(this, 'DeliveryRole', {
      assumedBy: new ServicePrincipal('firehose.amazonaws.com', { conditions: { StringEquals: { 'sts:ExternalId': stack.account } } }),
      description: `Lets Firehose stream ${eventLake.deliveryStreamName} write Parquet to the event lake`,
      inlinePolicies: {
        EventLakeDelivery: new PolicyDocument({
          statements: [
            new PolicyStatement({
              actions: ['s3:GetBucketLocation', 's3:ListBucket', 's3:ListBucketMultipartUploads'],
              resources: [this.bucket.bucketArn],
            }),
            new PolicyStatement({ actions: ['s3:AbortMultipartUpload', 's3:GetObject', 's3:PutObject'], resources: objectArns }),
            new PolicyStatement({
              actions: ['glue:GetTable', 'glue:GetTableVersion', 'glue:GetTableVersions'],
              resources: [
                glueArn('catalog'),
                glueArn('database', eventLake.databaseName),
                glueArn('table', `${eventLake.databaseName}/${eventLake.tableName}`),
              ],
            }),
            new PolicyStatement({
              actions: ['logs:PutLogEvents'],
              resources: [
                stack.formatArn({
                  service: 'logs',
                  resource: 'log-group',
                  resourceName: `${logGroup.logGroupName}:log-stream:${LOG_STREAM_NAME}`,
                  arnFormat: ArnFormat.COLON_RESOURCE_NAME,
                }),
              ],
            }),
          ],
        }),
      },
    });
    for (const objectArn of objectArns) {
      Validations.of(role).acknowledge({
        id: `AwsSolutions-IAM5[Resource::${flattenCfnReference(stack.resolve(objectArn))}]`,
        reason: 'Firehose names each object it writes (partition prefix, time and a random suffix), so the grant covers objects under the prefix; it spans only this bucket\'s data or error prefix.',
      });
    }
    return role;
  }

  /**
   * Every OMS event, flattened to the table's columns, to the stream; EventBridge retries for a day
   * and then leaves the event in the dead-letter queue (and it stays in the bus archive).
   */
  private buildRule(eventBus: IEventBus): CfnRule {
    const eventsRole = new Role(this, 'RuleRole', {
      assumedBy: new ServicePrincipal('events.amazonaws.com'),
      description: `Lets rule ${eventLake.ruleName} put events to ${eventLake.deliveryStreamName}`,
    });
    eventsRole.addToPrincipalPolicy(
      new PolicyStatement({ actions: ['firehose:PutRecord', 'firehose:PutRecordBatch'], resources: [this.deliveryStream.attrArn] }),
    );
    const rule = new CfnRule(this, 'Rule', {
      name: eventLake.ruleName,
      description: 'Every OMS event, as one row of the event lake (Firehose → Parquet in S3 → Athena)',
      eventBusName: eventBus.eventBusName,
      eventPattern: omsEventsPattern,
      state: 'ENABLED',
      targets: [
        {
          id: 'event-lake',
          arn: this.deliveryStream.attrArn,
          roleArn: eventsRole.roleArn,
          inputTransformer: eventLakeInputTransformer,
          retryPolicy: RULE_RETRY_POLICY,
          deadLetterConfig: { arn: this.deadLetterQueue.queueArn },
        },
      ],
    });
    this.deadLetterQueue.addToResourcePolicy(
      new PolicyStatement({
        principals: [new ServicePrincipal('events.amazonaws.com')],
        actions: ['sqs:SendMessage'],
        resources: [this.deadLetterQueue.queueArn],
        conditions: { ArnEquals: { 'aws:SourceArn': rule.attrArn } },
      }),
    );
    return rule;
  }

  /**
   * A record Firehose cannot convert (the event no longer fits the table's schema) lands as JSON
   * under the error prefix, where Athena does not see it; a stream that stops delivering leaves
   * the lake behind. Both need someone, neither resolves itself.
   */
  private alarmOnDeliveryFailures(): void {
    const metric = (metricName: string, statistic: string) =>
      new Metric({
        namespace: 'AWS/Firehose',
        metricName,
        dimensionsMap: { DeliveryStreamName: eventLake.deliveryStreamName },
        period: Duration.minutes(5),
        statistic,
      });
    new OmsAlarm(this, 'ConversionFailures', {
      description: `Firehose could not convert events to the ${eventLake.databaseName}.${eventLake.tableName} schema: they are under s3://<event lake bucket>/${eventLake.errorPrefix}format-conversion-failed/ and missing from Athena. Compare the events with infra/definitions/event-lake.ts.`,
      metric: metric('FailedConversion.Records', 'Sum'),
      threshold: 1,
    });
    new OmsAlarm(this, 'DeliveryStale', {
      description: `The oldest event in ${eventLake.deliveryStreamName} has waited over an hour for S3 (normally at most ${BUFFERING.intervalInSeconds / 60} minutes): check the stream's log group for S3 or Glue errors.`,
      metric: metric('DeliveryToS3.DataFreshness', 'Maximum'),
      threshold: 3600,
    });
  }
}

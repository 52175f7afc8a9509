/**
 * Observability on AWS as CDK deploys it from the real definitions: the operations dashboard, the
 * alarms on the failure signals, the archive of the bus, and the event lake (rule → Firehose →
 * Parquet in S3 with a Glue schema → Athena) with a Firehose role limited to what it writes and reads.
 */
import type { CfnEventBus } from 'aws-cdk-lib/aws-events';
import { describe, expect, it } from 'vitest';
import { renderInputTemplate } from '../../infra/local/cloud/eventbridge/input-transform';
import { eventLake, eventLakeInputTransformer } from '../../infra/definitions/event-lake';
import { businessMetrics, dashboardName } from '../../infra/definitions/observability';
import { stateMachines } from '../../infra/definitions/state-machines';
import { actionsOf, logicalIdOf, omsNagFindings, resourcesOf, statementsOfRole, synthesizeAppBeforeAll } from './test-app';

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any -- CloudFormation JSON

const app = synthesizeAppBeforeAll();

const resourcesOfType = (template: typeof app.stateless, type: string): [string, Json][] => Object.entries(template.findResources(type));
const alarmsOf = (template: typeof app.stateless): Json[] => resourcesOfType(template, 'AWS::CloudWatch::Alarm').map(([, alarm]) => alarm.Properties);
type LakePart = 'bucket' | 'queryResultsBucket' | 'database' | 'table' | 'deliveryRole' | 'deliveryStream' | 'rule' | 'deadLetterQueue' | 'workGroup';
const lakeId = (part: LakePart) => logicalIdOf(app.oms.stateful.eventLake[part]);
const lakeResource = (part: LakePart): Json => app.stateful.toJSON().Resources[lakeId(part)];

/**
 * The dashboard body as the console reads it: CloudFormation joins strings and references, so each
 * reference is written as `<LogicalId>` or `<LogicalId.Attribute>` and the result parsed.
 */
function dashboardWidgets(): Json[] {
  const [[, dashboard] = []] = resourcesOfType(app.stateless, 'AWS::CloudWatch::Dashboard');
  const parts: Json[] = dashboard.Properties.DashboardBody['Fn::Join'][1];
  const text = parts
    .map((part) => (typeof part === 'string' ? part : part.Ref !== undefined ? `<${part.Ref}>` : `<${part['Fn::GetAtt'].join('.')}>`))
    .join('');
  return JSON.parse(text).widgets;
}
const widgetTitled = (title: string): Json => {
  const widget = dashboardWidgets().find((candidate) => candidate.properties.title === title);
  if (!widget) throw new Error(`No dashboard widget titled ${title}`);
  return widget;
};
/** A graph's metrics as `Namespace MetricName Dimension=Value (statistic)`, or the expression of a math line. */
const linesOf = (title: string): string[] =>
  widgetTitled(title).properties.metrics.map((line: Json[]) => {
    const options = line.at(-1) as Json;
    if (options.expression) return options.expression;
    const [namespace, metricName, ...dimensions] = line.slice(0, -1) as string[];
    const pairs = dimensions.flatMap((value, index) => (index % 2 === 0 ? [`${value}=${dimensions[index + 1]}`] : []));
    return `${[namespace, metricName, ...pairs].join(' ')} (${options.stat})`;
  });

/** An OMS event as EventBridge hands it to a target (the OrderPlaced example of docs/events.md). */
const orderPlaced = {
  version: '0',
  id: '366caf38-c806-eec5-74cc-9c4e155027ea',
  'detail-type': 'OrderPlaced',
  source: 'oms.orders',
  account: '123456789012',
  time: '2025-03-03T09:14:08Z',
  region: 'eu-central-1',
  resources: [],
  detail: {
    metadata: {
      eventId: '01JQ8Z6M3V4N5P6Q7R8S9T0VWX:OrderPlaced',
      eventVersion: 1,
      occurredAt: '2025-03-03T09:14:08.020Z',
      correlation: { orderId: '01JQ8Z6M3V4N5P6Q7R8S9T0VWX', channelId: 'demo-web' },
    },
    data: { order: { orderId: '01JQ8Z6M3V4N5P6Q7R8S9T0VWX', grandTotal: { amount: 6241, currency: 'EUR' } }, lineCount: 2 },
  },
};

/** The columns the brief of the lake names: the envelope, the ids every OMS event correlates by, the detail. */
const EXPECTED_COLUMNS = [
  { Name: 'id', Type: 'string' },
  { Name: 'source', Type: 'string' },
  { Name: 'detail_type', Type: 'string' },
  { Name: 'time', Type: 'timestamp' },
  { Name: 'region', Type: 'string' },
  { Name: 'account', Type: 'string' },
  { Name: 'event_id', Type: 'string' },
  { Name: 'event_version', Type: 'int' },
  { Name: 'occurred_at', Type: 'timestamp' },
  { Name: 'order_id', Type: 'string' },
  { Name: 'channel_id', Type: 'string' },
  { Name: 'return_id', Type: 'string' },
  { Name: 'detail', Type: 'string' },
];

describe('operations dashboard', () => {
  it('shows the business metrics per channel, searched in the functions\' namespace with the dimensions Powertools emits', () => {
    // Prepare
    const search = (metricName: string) => `SEARCH('{OMS,channel,service} MetricName="${metricName}" service="oms"', 'Sum')`;

    // Act
    const [dashboard] = resourcesOfType(app.stateless, 'AWS::CloudWatch::Dashboard');
    const placed = linesOf('Orders placed per channel');
    const value = linesOf('Value of the orders placed, in minor units, per channel');
    const totals = linesOf('Orders in the period, all channels');

    // Assess
    expect(dashboard?.[1].Properties.DashboardName).toBe(dashboardName);
    expect(placed).toEqual([search('OrdersPlaced')]);
    expect(value).toEqual([search('OrderValue')]);
    expect(totals).toEqual(['OrdersPlaced', 'OrdersShipped', 'OrdersCancelled', 'OrdersReturned'].map((name) => `SUM(${search(name)})`));
    expect(Object.values(businessMetrics).map((metric) => metric.name)).toEqual(['OrdersPlaced', 'OrdersShipped', 'OrdersCancelled', 'OrdersReturned', 'OrderValue']);
  });

  it('shows failed, timed-out and aborted executions of every state machine', () => {
    // Prepare
    const expected = stateMachines.flatMap((definition) => {
      const arn = `<${logicalIdOf(app.oms.stateless.stateMachines.get(definition.name)!)}>`;
      return ['ExecutionsFailed', 'ExecutionsTimedOut', 'ExecutionsAborted'].map((metric) => `AWS/States ${metric} StateMachineArn=${arn} (Sum)`);
    });

    // Act
    const lines = linesOf('Step Functions executions failed, timed out, aborted');

    // Assess
    expect(lines).toEqual(expected);
  });

  it('shows the HTTP API 4xx, 5xx, 5xx rate and latency', () => {
    // Prepare
    const api = `ApiId=<${logicalIdOf(app.oms.stateless.api)}>`;

    // Act
    const requests = linesOf('HTTP API requests, 4xx, 5xx');
    const rate = linesOf('HTTP API 5xx, % of requests');
    const latency = linesOf('HTTP API latency (ms)');

    // Assess
    expect(requests).toEqual([`AWS/ApiGateway Count ${api} (Sum)`, `AWS/ApiGateway 4xx ${api} (Sum)`, `AWS/ApiGateway 5xx ${api} (Sum)`]);
    expect(rate).toEqual(['IF(errors >= 5, 100 * errors / requests, 0)', `AWS/ApiGateway 5xx ${api} (Sum)`, `AWS/ApiGateway Count ${api} (Sum)`]);
    expect(latency).toContain(`AWS/ApiGateway Latency ${api} (p99)`);
    expect(widgetTitled('HTTP API latency (ms)').properties.annotations.horizontal).toEqual([expect.objectContaining({ value: 3000 })]);
  });

  it('shows the depth of every dead-letter queue of both stacks', () => {
    // Prepare
    const { eventTargetDeadLetterQueue, streamFailureQueue } = app.oms.stateless;
    const depth = (queueName: string) => `AWS/SQS ApproximateNumberOfMessagesVisible QueueName=${queueName} (Maximum)`;

    // Act
    const lines = linesOf('Dead-letter queues: messages waiting');

    // Assess
    expect(lines).toEqual([
      depth(`<${logicalIdOf(eventTargetDeadLetterQueue!)}.QueueName>`),
      depth(`<${logicalIdOf(streamFailureQueue!)}.QueueName>`),
      depth(eventLake.deadLetterQueueName),
    ]);
    expect(app.stateful.toJSON().Resources[lakeId('deadLetterQueue')].Properties.QueueName).toBe(eventLake.deadLetterQueueName);
  });

  it('shows the errors and throttles of every Lambda function, and the region\'s throttles', () => {
    // Prepare
    const functionIds = [...app.oms.stateless.functions.values()].map((omsFunction) => `FunctionName=<${logicalIdOf(omsFunction.function)}>`);

    // Act
    const errors = linesOf('Lambda errors by function');
    const throttles = linesOf('Lambda throttles: region, and by function');

    // Assess
    expect(errors).toEqual(functionIds.map((id) => `AWS/Lambda Errors ${id} (Sum)`));
    expect(throttles).toEqual(['AWS/Lambda Throttles (Sum)', ...functionIds.map((id) => `AWS/Lambda Throttles ${id} (Sum)`)]);
  });

  it('lists the state of every alarm of the stateless stack', () => {
    // Prepare
    const alarmIds = resourcesOfType(app.stateless, 'AWS::CloudWatch::Alarm').map(([logicalId]) => `<${logicalId}.Arn>`);

    // Act
    const widget = dashboardWidgets().find((candidate) => candidate.type === 'alarm');

    // Assess
    expect(widget?.properties.alarms.sort()).toEqual(alarmIds.sort());
  });
});

describe('alarms', () => {
  it.each(stateMachines.filter((definition) => definition.type === 'STANDARD').map((definition) => [definition.name, definition] as const))(
    'raises one alarm at the first failed, timed-out or aborted execution of %s',
    (name) => {
      // Prepare
      const arn = { Ref: logicalIdOf(app.oms.stateless.stateMachines.get(name)!) };

      // Act
      const alarms = alarmsOf(app.stateless).filter((alarm) => JSON.stringify(alarm.Dimensions) === JSON.stringify([{ Name: 'StateMachineArn', Value: arn }]));

      // Assess
      expect(alarms.map((alarm) => [alarm.MetricName, alarm.Statistic, alarm.Threshold, alarm.ComparisonOperator]).sort()).toEqual([
        ['ExecutionsAborted', 'Sum', 1, 'GreaterThanOrEqualToThreshold'],
        ['ExecutionsFailed', 'Sum', 1, 'GreaterThanOrEqualToThreshold'],
        ['ExecutionsTimedOut', 'Sum', 1, 'GreaterThanOrEqualToThreshold'],
      ]);
    },
  );

  it('raises an alarm at the first message of every dead-letter queue, in both stacks', () => {
    // Prepare
    const queues = [
      { template: app.stateless, queue: app.oms.stateless.eventTargetDeadLetterQueue! },
      { template: app.stateless, queue: app.oms.stateless.streamFailureQueue! },
      { template: app.stateful, queue: app.oms.stateful.eventLake.deadLetterQueue },
    ];

    for (const { template, queue } of queues) {
      // Act
      const alarms = alarmsOf(template).filter((alarm) => JSON.stringify(alarm.Dimensions ?? []).includes(logicalIdOf(queue)));

      // Assess
      expect(alarms).toEqual([
        expect.objectContaining({
          MetricName: 'ApproximateNumberOfMessagesVisible',
          Statistic: 'Maximum',
          Period: 300,
          Threshold: 1,
          ComparisonOperator: 'GreaterThanOrEqualToThreshold',
          TreatMissingData: 'notBreaching',
        }),
      ]);
    }
    expect(resourcesOfType(app.stateless, 'AWS::SQS::Queue').length + resourcesOfType(app.stateful, 'AWS::SQS::Queue').length).toBe(queues.length);
  });

  it('raises an alarm at the first Lambda throttle in the region', () => {
    // Act
    const alarms = alarmsOf(app.stateless).filter((alarm) => alarm.MetricName === 'Throttles');

    // Assess
    expect(alarms).toEqual([
      expect.objectContaining({ Namespace: 'AWS/Lambda', Statistic: 'Sum', Period: 300, Threshold: 1, ComparisonOperator: 'GreaterThanOrEqualToThreshold', EvaluationPeriods: 1 }),
    ]);
    expect(alarms[0]).not.toHaveProperty('Dimensions');
  });

  it('raises an alarm when 1 % of the API\'s answers in 5 minutes are 5xx, once there are at least 5', () => {
    // Act
    const [alarm] = alarmsOf(app.stateless).filter((candidate) => JSON.stringify(candidate.Metrics ?? []).includes('"5xx"'));
    const queries = Object.fromEntries((alarm?.Metrics ?? []).map((query: Json) => [query.Id, query]));

    // Assess
    expect(alarm).toMatchObject({ Threshold: 1, ComparisonOperator: 'GreaterThanOrEqualToThreshold', EvaluationPeriods: 1, TreatMissingData: 'notBreaching' });
    expect(Object.values(queries).find((query: Json) => query.Expression)?.Expression).toBe('IF(errors >= 5, 100 * errors / requests, 0)');
    expect(queries.errors.MetricStat).toMatchObject({ Metric: { Namespace: 'AWS/ApiGateway', MetricName: '5xx' }, Period: 300, Stat: 'Sum' });
    expect(queries.requests.MetricStat).toMatchObject({ Metric: { Namespace: 'AWS/ApiGateway', MetricName: 'Count' }, Period: 300, Stat: 'Sum' });
  });

  it('raises an alarm when the API\'s p99 latency stays at 3 s or more for three 5-minute windows', () => {
    // Act
    const alarms = alarmsOf(app.stateless).filter((alarm) => alarm.MetricName === 'Latency');

    // Assess
    expect(alarms).toEqual([
      expect.objectContaining({ Namespace: 'AWS/ApiGateway', ExtendedStatistic: 'p99', Period: 300, Threshold: 3000, EvaluationPeriods: 3, ComparisonOperator: 'GreaterThanOrEqualToThreshold' }),
    ]);
  });

  it('raises an alarm when Firehose cannot convert events or stops delivering them', () => {
    // Prepare
    const stream = [{ Name: 'DeliveryStreamName', Value: eventLake.deliveryStreamName }];

    // Act
    const alarms = alarmsOf(app.stateful).filter((alarm) => alarm.Namespace === 'AWS/Firehose');

    // Assess
    expect(alarms.map((alarm) => [alarm.MetricName, alarm.Statistic, alarm.Threshold, alarm.Dimensions]).sort()).toEqual([
      ['DeliveryToS3.DataFreshness', 'Maximum', 3600, stream],
      ['FailedConversion.Records', 'Sum', 1, stream],
    ]);
  });
});

describe('event archive', () => {
  it('archives every OMS event published on the bus for a year', () => {
    // Prepare
    const busLogicalId = logicalIdOf(app.oms.stateful.eventBus.node.defaultChild as CfnEventBus);

    // Act
    const archives = resourcesOfType(app.stateful, 'AWS::Events::Archive').map(([, archive]) => archive.Properties);

    // Assess
    expect(archives).toEqual([
      expect.objectContaining({
        SourceArn: { 'Fn::GetAtt': [busLogicalId, 'Arn'] },
        EventPattern: { account: [{ Ref: 'AWS::AccountId' }], source: [{ prefix: 'oms.' }] },
        RetentionDays: 365,
      }),
    ]);
  });
});

describe('event lake', () => {
  it('sends every OMS event of the bus to the Firehose stream, retried for a day, then to its dead-letter queue', () => {
    // Act
    const { Properties: rule } = lakeResource('rule');
    const [target] = rule.Targets;
    const roleStatements = statementsOfRole(app.stateful, target.RoleArn['Fn::GetAtt'][0]);

    // Assess
    expect(rule).toMatchObject({ Name: eventLake.ruleName, EventBusName: { Ref: logicalIdOf(app.oms.stateful.eventBus.node.defaultChild as CfnEventBus) } });
    expect(rule.EventPattern).toEqual({ source: [{ prefix: 'oms.' }] });
    expect(rule.Targets).toHaveLength(1);
    expect(target).toMatchObject({
      Arn: { 'Fn::GetAtt': [lakeId('deliveryStream'), 'Arn'] },
      RetryPolicy: { MaximumRetryAttempts: 185, MaximumEventAgeInSeconds: 86_400 },
      DeadLetterConfig: { Arn: { 'Fn::GetAtt': [lakeId('deadLetterQueue'), 'Arn'] } },
    });
    expect(roleStatements.map((statement) => [actionsOf(statement), resourcesOf(statement)])).toEqual([
      [['firehose:PutRecord', 'firehose:PutRecordBatch'], [{ 'Fn::GetAtt': [lakeId('deliveryStream'), 'Arn'] }]],
    ]);
  });

  it('flattens each event into one record whose keys are exactly the table\'s columns, the detail whole', () => {
    // Prepare
    const { InputPathsMap, InputTemplate } = lakeResource('rule').Properties.Targets[0].InputTransformer;
    const stockEvent = { ...orderPlaced, source: 'oms.inventory', 'detail-type': 'StockLow', detail: { metadata: { ...orderPlaced.detail.metadata, correlation: {} }, data: { sku: 'TSHIRT-BLK-M' } } };
    const reserved = { ruleArn: 'arn:aws:events:eu-central-1:123456789012:rule/oms-events/x', ruleName: eventLake.ruleName, ingestionTime: orderPlaced.time };

    // Act
    const order = JSON.parse(renderInputTemplate(InputTemplate, InputPathsMap, orderPlaced, reserved));
    const stock = JSON.parse(renderInputTemplate(InputTemplate, InputPathsMap, stockEvent, reserved));

    // Assess
    expect({ inputPathsMap: InputPathsMap, inputTemplate: InputTemplate }).toEqual(eventLakeInputTransformer);
    expect(Object.keys(order)).toEqual(EXPECTED_COLUMNS.map((column) => column.Name));
    expect(order).toEqual({
      id: orderPlaced.id,
      source: 'oms.orders',
      detail_type: 'OrderPlaced',
      time: orderPlaced.time,
      region: orderPlaced.region,
      account: orderPlaced.account,
      event_id: orderPlaced.detail.metadata.eventId,
      event_version: 1,
      occurred_at: orderPlaced.detail.metadata.occurredAt,
      order_id: '01JQ8Z6M3V4N5P6Q7R8S9T0VWX',
      channel_id: 'demo-web',
      return_id: null,
      detail: orderPlaced.detail,
    });
    expect(stock).toMatchObject({ detail_type: 'StockLow', order_id: null, channel_id: null, detail: stockEvent.detail });
  });

  it('converts the records to Snappy Parquet with the Glue table\'s schema and writes them under a day partition', () => {
    // Act
    const { Properties: stream } = lakeResource('deliveryStream');
    const destination = stream.ExtendedS3DestinationConfiguration;

    // Assess
    expect(stream).toMatchObject({
      DeliveryStreamName: eventLake.deliveryStreamName,
      DeliveryStreamType: 'DirectPut',
      DeliveryStreamEncryptionConfigurationInput: { KeyType: 'AWS_OWNED_CMK' },
    });
    expect(destination).toMatchObject({
      BucketARN: { 'Fn::GetAtt': [lakeId('bucket'), 'Arn'] },
      RoleARN: { 'Fn::GetAtt': [lakeId('deliveryRole'), 'Arn'] },
      Prefix: 'events/dt=!{timestamp:yyyy-MM-dd}/',
      ErrorOutputPrefix: 'errors/!{firehose:error-output-type}/dt=!{timestamp:yyyy-MM-dd}/',
      CompressionFormat: 'UNCOMPRESSED',
      BufferingHints: { SizeInMBs: expect.any(Number), IntervalInSeconds: expect.any(Number) },
    });
    expect(destination.BufferingHints.SizeInMBs).toBeGreaterThanOrEqual(64);
    expect(destination.DataFormatConversionConfiguration).toEqual({
      Enabled: true,
      InputFormatConfiguration: { Deserializer: { OpenXJsonSerDe: { CaseInsensitive: false } } },
      OutputFormatConfiguration: { Serializer: { ParquetSerDe: { Compression: 'SNAPPY' } } },
      SchemaConfiguration: {
        CatalogId: { Ref: 'AWS::AccountId' },
        Region: { Ref: 'AWS::Region' },
        DatabaseName: { Ref: lakeId('database') },
        TableName: { Ref: lakeId('table') },
        RoleARN: { 'Fn::GetAtt': [lakeId('deliveryRole'), 'Arn'] },
        VersionId: 'LATEST',
      },
    });
  });

  it('declares the Glue table with the envelope, correlation and detail columns, stored as Parquet and partitioned by a projected day', () => {
    // Act
    const { Properties: table } = lakeResource('table');
    const { Properties: database } = lakeResource('database');
    const input = table.TableInput;

    // Assess
    expect(database.DatabaseInput.Name).toBe('oms');
    expect(table.DatabaseName).toEqual({ Ref: lakeId('database') });
    expect(input.Name).toBe('events');
    expect(input.StorageDescriptor.Columns.map(({ Name, Type }: Json) => ({ Name, Type }))).toEqual(EXPECTED_COLUMNS);
    expect(input.PartitionKeys).toEqual([expect.objectContaining({ Name: 'dt', Type: 'string' })]);
    expect(input.StorageDescriptor).toMatchObject({
      Location: { 'Fn::Join': ['', ['s3://', { Ref: lakeId('bucket') }, '/events/']] },
      InputFormat: 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat',
      SerdeInfo: { SerializationLibrary: 'org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe' },
    });
    expect(input.Parameters).toMatchObject({
      classification: 'parquet',
      'projection.enabled': 'true',
      'projection.dt.type': 'date',
      'projection.dt.format': 'yyyy-MM-dd',
      'storage.location.template': { 'Fn::Join': ['', ['s3://', { Ref: lakeId('bucket') }, '/events/dt=${dt}/']] },
    });
  });

  it('keeps the lake and the query results in private, encrypted, TLS-only buckets whose objects expire', () => {
    for (const bucket of ['bucket', 'queryResultsBucket'] as const) {
      // Act
      const { Properties: properties, DeletionPolicy } = lakeResource(bucket);
      const policies = resourcesOfType(app.stateful, 'AWS::S3::BucketPolicy').filter(([, policy]) => policy.Properties.Bucket.Ref === lakeId(bucket));

      // Assess
      expect(DeletionPolicy).toBe('Retain');
      expect(properties.BucketEncryption.ServerSideEncryptionConfiguration).toEqual([{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }]);
      expect(properties.PublicAccessBlockConfiguration).toEqual({ BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true });
      expect(properties.LoggingConfiguration).toMatchObject({ DestinationBucketName: expect.anything() });
      expect(properties.LifecycleConfiguration.Rules.some((rule: Json) => rule.ExpirationInDays > 0)).toBe(true);
      expect(JSON.stringify(policies)).toContain('"aws:SecureTransport":"false"');
    }
    expect(lakeResource('bucket').Properties.LifecycleConfiguration.Rules).toContainEqual(
      expect.objectContaining({ Prefix: 'events/', ExpirationInDays: eventLake.retentionDays, Status: 'Enabled' }),
    );
  });

  it('lets Firehose write only under the lake bucket\'s two prefixes, read only the Glue table\'s schema and write only its log stream', () => {
    // Prepare
    const bucketArn = { 'Fn::GetAtt': [lakeId('bucket'), 'Arn'] };
    const glueArn = (resource: string) => ({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':glue:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, `:${resource}`]] });

    // Act
    const role = lakeResource('deliveryRole').Properties;
    const statements = statementsOfRole(app.stateful, lakeId('deliveryRole'));
    const granted = statements.map((statement) => ({ effect: statement.Effect, actions: actionsOf(statement).sort(), resources: resourcesOf(statement) }));

    // Assess
    expect(role.AssumeRolePolicyDocument.Statement).toEqual([
      expect.objectContaining({ Principal: { Service: 'firehose.amazonaws.com' }, Condition: { StringEquals: { 'sts:ExternalId': { Ref: 'AWS::AccountId' } } } }),
    ]);
    expect(role).not.toHaveProperty('ManagedPolicyArns');
    expect(granted).toEqual([
      { effect: 'Allow', actions: ['s3:GetBucketLocation', 's3:ListBucket', 's3:ListBucketMultipartUploads'], resources: [bucketArn] },
      {
        effect: 'Allow',
        actions: ['s3:AbortMultipartUpload', 's3:GetObject', 's3:PutObject'],
        resources: [{ 'Fn::Join': ['', [bucketArn, '/events/*']] }, { 'Fn::Join': ['', [bucketArn, '/errors/*']] }],
      },
      { effect: 'Allow', actions: ['glue:GetTable', 'glue:GetTableVersion', 'glue:GetTableVersions'], resources: [glueArn('catalog'), glueArn('database/oms'), glueArn('table/oms/events')] },
      { effect: 'Allow', actions: ['logs:PutLogEvents'], resources: [expect.objectContaining({ 'Fn::Join': ['', expect.arrayContaining([{ Ref: expect.stringMatching(/^EventLakeDeliveryLogs/) }, ':log-stream:S3Delivery'])] })] },
    ]);
  });

  it('runs Athena queries in its own workgroup, with results encrypted in their own bucket and a scan limit', () => {
    // Act
    const { Properties: workGroup } = lakeResource('workGroup');

    // Assess
    expect(workGroup.Name).toBe(eventLake.workGroupName);
    expect(workGroup.WorkGroupConfiguration).toMatchObject({
      EnforceWorkGroupConfiguration: true,
      BytesScannedCutoffPerQuery: expect.any(Number),
      ResultConfiguration: {
        OutputLocation: { 'Fn::Join': ['', ['s3://', { Ref: lakeId('queryResultsBucket') }, '/']] },
        EncryptionConfiguration: { EncryptionOption: 'SSE_S3' },
      },
    });
  });

  it('leaves no cdk-nag finding on the dashboard, the alarms or the event lake', () => {
    // Act
    const findings = omsNagFindings(app.nagFindings).filter((finding) => /EventLake|Dashboard|Alarm|DeadLetters|StreamFailures/.test(finding));

    // Assess
    expect(findings).toEqual([]);
  });
});

import { Duration } from 'aws-cdk-lib';
import type { IHttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { AlarmStatusWidget, Dashboard, GraphWidget, MathExpression, Metric, SingleValueWidget, TextWidget } from 'aws-cdk-lib/aws-cloudwatch';
import type { Alarm, IAlarm, IMetric, IWidget } from 'aws-cdk-lib/aws-cloudwatch';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { metricsNamespace } from '../../definitions/api';
import { businessMetricDimension, businessMetrics, dashboardName, serviceDimension } from '../../definitions/observability';
import type { BusinessMetric } from '../../definitions/observability';
import { eventLake } from '../../definitions/event-lake';

/** Health is read in 5-minute steps, the alarms' period; business figures by the hour. */
const HEALTH_PERIOD = Duration.minutes(5);
const BUSINESS_PERIOD = Duration.hours(1);

export interface DashboardQueue {
  /** What the queue holds, as the graph names it. */
  readonly label: string;
  readonly queueName: string;
}

export interface OmsDashboardProps {
  readonly api: IHttpApi;
  /** Every function of the stack, by its definition name. */
  readonly functions: ReadonlyMap<string, IFunction>;
  /** Every state machine of the stack, by its definition name. */
  readonly stateMachines: ReadonlyMap<string, IStateMachine>;
  /** Every dead-letter queue the OMS creates, in either stack. */
  readonly deadLetterQueues: readonly DashboardQueue[];
  /** The API alarms, drawn with their thresholds. */
  readonly apiServerErrorRateAlarm: Alarm;
  readonly apiLatencyAlarm: Alarm;
  /** Lambda throttling, drawn with its threshold. */
  readonly throttleAlarm: Alarm;
  /** The alarms whose state the dashboard lists first. */
  readonly alarms: readonly IAlarm[];
}

/**
 * One business metric across the channels: one line per channel (the metric's dimensions are
 * channel and service, as Powertools emits them), or their sum. The search takes its period from
 * the widget, so a single-value widget set to the time range sums the whole range.
 */
const searchBusinessMetric = (metric: BusinessMetric, options: { readonly total?: boolean; readonly period?: Duration } = {}): MathExpression => {
  const search = `SEARCH('{${metricsNamespace},${businessMetricDimension},${serviceDimension.name}} MetricName="${metric.name}" ${serviceDimension.name}="${serviceDimension.value}"', 'Sum')`;
  return new MathExpression({
    expression: options.total ? `SUM(${search})` : search,
    label: options.total ? metric.description : `\${PROP('Dim.${businessMetricDimension}')}`,
    period: options.period ?? BUSINESS_PERIOD,
  });
};

/** An alarm's own metric (so the graph shows exactly what it evaluates), named for the legend. */
const labelled = (metric: IMetric, label: string): IMetric => (metric instanceof Metric || metric instanceof MathExpression ? metric.with({ label }) : metric);

const sqsVisibleMessages = ({ label, queueName }: DashboardQueue): Metric =>
  new Metric({
    namespace: 'AWS/SQS',
    metricName: 'ApproximateNumberOfMessagesVisible',
    dimensionsMap: { QueueName: queueName },
    statistic: 'Maximum',
    period: HEALTH_PERIOD,
    label,
  });

const firehoseMetric = (metricName: string, statistic: string, label: string): Metric =>
  new Metric({
    namespace: 'AWS/Firehose',
    metricName,
    dimensionsMap: { DeliveryStreamName: eventLake.deliveryStreamName },
    statistic,
    period: HEALTH_PERIOD,
    label,
  });

/**
 * The OMS on one CloudWatch dashboard: the business figures the analytics consumer emits (orders
 * and their value per channel), then the technical health, failures first: alarm states, failed
 * and timed-out executions per state machine, the HTTP API's errors and latency, dead letters,
 * Lambda errors and throttles, and the event lake's delivery.
 */
export class OmsDashboard extends Construct {
  readonly dashboard: Dashboard;

  constructor(scope: Construct, id: string, props: OmsDashboardProps) {
    super(scope, id);
    this.dashboard = new Dashboard(this, 'Dashboard', {
      dashboardName,
      defaultInterval: Duration.days(1),
      widgets: [...this.businessRows(), ...this.healthRows(props)],
    });
  }

  private businessRows(): IWidget[][] {
    const { ordersPlaced, ordersShipped, ordersCancelled, ordersReturned, orderValue } = businessMetrics;
    const counted = [ordersPlaced, ordersShipped, ordersCancelled, ordersReturned];
    return [
      [
        new TextWidget({
          markdown: `## Business\nFrom the analytics consumer's metrics (namespace \`${metricsNamespace}\`, per \`${businessMetricDimension}\`). Order value is in minor units of each channel's currency, so channels in different currencies do not add up.`,
          width: 24,
          height: 2,
        }),
      ],
      [
        new SingleValueWidget({
          title: 'Orders in the period, all channels',
          metrics: counted.map((metric) => searchBusinessMetric(metric, { total: true })),
          setPeriodToTimeRange: true,
          width: 24,
          height: 4,
        }),
      ],
      [
        new GraphWidget({ title: `${ordersPlaced.description} per channel`, left: [searchBusinessMetric(ordersPlaced)], width: 12 }),
        new GraphWidget({ title: `${orderValue.description}, per channel`, left: [searchBusinessMetric(orderValue)], width: 12 }),
      ],
      [
        new GraphWidget({
          title: 'Orders shipped, cancelled and returned, all channels',
          left: [ordersShipped, ordersCancelled, ordersReturned].map((metric) => searchBusinessMetric(metric, { total: true })),
          width: 24,
        }),
      ],
    ];
  }

  private healthRows(props: OmsDashboardProps): IWidget[][] {
    const health = { period: HEALTH_PERIOD, statistic: 'Sum' } as const;
    const machines = [...props.stateMachines];
    const functions = [...props.functions];
    const executionMetrics: IMetric[] = machines.flatMap(([name, machine]) => [
      machine.metricFailed({ ...health, label: `${name} failed` }),
      machine.metricTimedOut({ ...health, label: `${name} timed out` }),
      machine.metricAborted({ ...health, label: `${name} aborted` }),
    ]);
    return [
      [new TextWidget({ markdown: '## Health\nFailures first: every graph here should be flat at zero.', width: 24, height: 2 })],
      [new AlarmStatusWidget({ title: 'Alarms', alarms: [...props.alarms], width: 24, height: 4 })],
      [
        new GraphWidget({ title: 'Step Functions executions failed, timed out, aborted', left: executionMetrics, width: 12 }),
        new GraphWidget({
          title: 'Dead-letter queues: messages waiting',
          left: props.deadLetterQueues.map(sqsVisibleMessages),
          leftAnnotations: [{ value: 1, label: 'alarm' }],
          width: 12,
        }),
      ],
      [
        new GraphWidget({
          title: 'HTTP API requests, 4xx, 5xx',
          left: [
            props.api.metricCount({ ...health, label: 'requests' }),
            props.api.metricClientError({ ...health, label: '4xx' }),
            props.api.metricServerError({ ...health, label: '5xx' }),
          ],
          width: 8,
        }),
        new GraphWidget({
          title: 'HTTP API 5xx, % of requests',
          left: [props.apiServerErrorRateAlarm.metric],
          leftAnnotations: [props.apiServerErrorRateAlarm.toAnnotation()],
          width: 8,
        }),
        new GraphWidget({
          title: 'HTTP API latency (ms)',
          left: [
            props.api.metricLatency({ period: HEALTH_PERIOD, statistic: 'p50', label: 'p50' }),
            labelled(props.apiLatencyAlarm.metric, 'p99'),
            props.api.metricIntegrationLatency({ period: HEALTH_PERIOD, statistic: 'p99', label: 'integration p99' }),
          ],
          leftAnnotations: [props.apiLatencyAlarm.toAnnotation()],
          width: 8,
        }),
      ],
      [
        new GraphWidget({
          title: 'Lambda errors by function',
          left: functions.map(([name, fn]) => fn.metricErrors({ ...health, label: name })),
          width: 12,
        }),
        new GraphWidget({
          title: 'Lambda throttles: region, and by function',
          left: [labelled(props.throttleAlarm.metric, 'region'), ...functions.map(([name, fn]) => fn.metricThrottles({ ...health, label: name }))],
          leftAnnotations: [props.throttleAlarm.toAnnotation()],
          width: 12,
        }),
      ],
      [
        new GraphWidget({
          title: `Event lake: ${eventLake.deliveryStreamName} (Firehose → Parquet in S3)`,
          left: [
            firehoseMetric('IncomingRecords', 'Sum', 'events in'),
            firehoseMetric('DeliveryToS3.Records', 'Sum', 'records delivered'),
            firehoseMetric('FailedConversion.Records', 'Sum', 'conversion failures'),
          ],
          right: [firehoseMetric('DeliveryToS3.DataFreshness', 'Maximum', 'oldest undelivered (s)')],
          width: 24,
        }),
      ],
    ];
  }
}

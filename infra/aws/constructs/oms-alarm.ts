import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import type { IMetric } from 'aws-cdk-lib/aws-cloudwatch';
import type { Construct } from 'constructs';

export interface OmsAlarmProps {
  /** What went wrong and where to look: the first thing whoever is paged reads. */
  readonly description: string;
  /** With its statistic and period set: the alarm evaluates exactly what it is given. */
  readonly metric: IMetric;
  readonly threshold: number;
  /** @default 1 */
  readonly evaluationPeriods?: number;
  /** @default GREATER_THAN_OR_EQUAL_TO_THRESHOLD */
  readonly comparisonOperator?: ComparisonOperator;
}

/**
 * The house alarm: it fires when the metric reaches the threshold, and a period without data is not
 * a breach, because the OMS's failure signals (errors, dead letters, failed executions) publish
 * nothing while all is well and its traffic signals nothing while it is idle.
 */
export class OmsAlarm extends Alarm {
  constructor(scope: Construct, id: string, props: OmsAlarmProps) {
    super(scope, id, {
      alarmDescription: props.description,
      metric: props.metric,
      threshold: props.threshold,
      evaluationPeriods: props.evaluationPeriods ?? 1,
      comparisonOperator: props.comparisonOperator ?? ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
  }
}

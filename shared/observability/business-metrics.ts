/**
 * Business metrics as CloudWatch EMF, through the functions' Powertools Metrics (same namespace and
 * service). Each metric is its own EMF document with the `channel` dimension: the invocation's other
 * metrics (DomainEventsReceived, ...) keep their dimensions, so their alarms and graphs stay as they are.
 */
import { MetricUnit, type Metrics } from '@aws-lambda-powertools/metrics';
import { businessMetricDimension } from '../domain/analytics/business-metrics';
import type { BusinessMetrics } from '../ports/business-metrics';

export function powertoolsBusinessMetrics(metrics: Metrics): BusinessMetrics {
  return {
    publish(list) {
      for (const { name, unit, value, channel } of list) {
        const single = metrics.singleMetric();
        single.addDimension(businessMetricDimension, channel);
        single.addMetric(name, MetricUnit[unit], value);
      }
    },
  };
}

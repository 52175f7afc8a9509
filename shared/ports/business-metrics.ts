import type { BusinessMetric } from '../domain/analytics/business-metrics';

/** Where business metrics go (CloudWatch, as EMF through Powertools); publishing never fails the caller. */
export interface BusinessMetrics {
  publish(metrics: readonly BusinessMetric[]): void;
}

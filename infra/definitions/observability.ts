/**
 * What the OMS measures on AWS, named once: the business metrics the analytics consumer emits with
 * Powertools Metrics (EMF) in the functions' namespace, and the dashboard that shows them beside
 * the technical health. Powertools adds the `service` dimension to every metric it emits, so each
 * business metric is published per (channel, service).
 */
import { businessMetricCatalog, businessMetricDimension, type BusinessMetricName } from '../../shared/domain/analytics/business-metrics';
import { serviceName } from './api';

export interface BusinessMetric {
  /** The CloudWatch metric name, exactly as emitted. */
  readonly name: string;
  readonly unit: 'Count' | 'NoUnit';
  readonly description: string;
}

/** The emitted metrics (shared/domain/analytics/business-metrics.ts), as the dashboard names them. */
const metric = (name: BusinessMetricName): BusinessMetric => ({ name, ...businessMetricCatalog[name] });
export const businessMetrics = {
  ordersPlaced: metric('OrdersPlaced'),
  ordersShipped: metric('OrdersShipped'),
  ordersCancelled: metric('OrdersCancelled'),
  ordersReturned: metric('OrdersReturned'),
  orderValue: metric('OrderValue'),
} as const satisfies Record<string, BusinessMetric>;

export { businessMetricDimension };

/** The dimension Powertools Metrics adds to every metric, valued with the service name. */
export const serviceDimension = { name: 'service', value: serviceName } as const;

/** The CloudWatch dashboard's name: one OMS per account and region, like the bus. */
export const dashboardName = 'oms-operations';

/**
 * What the OMS measures on AWS, named once: the business metrics the analytics consumer emits with
 * Powertools Metrics (EMF) in the functions' namespace, and the dashboard that shows them beside
 * the technical health. Powertools adds the `service` dimension to every metric it emits, so each
 * business metric is published per (channel, service).
 */
import { serviceName } from './api';

export interface BusinessMetric {
  /** The CloudWatch metric name, exactly as emitted. */
  readonly name: string;
  readonly unit: 'Count' | 'NoUnit';
  readonly description: string;
}

export const businessMetrics = {
  ordersPlaced: { name: 'OrdersPlaced', unit: 'Count', description: 'Orders placed' },
  ordersShipped: { name: 'OrdersShipped', unit: 'Count', description: 'Orders shipped' },
  ordersCancelled: { name: 'OrdersCancelled', unit: 'Count', description: 'Orders cancelled' },
  ordersReturned: { name: 'OrdersReturned', unit: 'Count', description: 'Orders with a return' },
  // Minor units of the order's currency: a channel sells in one currency, so a channel's sum is meaningful, a sum across channels may not be.
  orderValue: { name: 'OrderValue', unit: 'NoUnit', description: 'Value of the orders placed, in minor units' },
} as const satisfies Record<string, BusinessMetric>;

/** The dimension every business metric carries besides `service`. */
export const businessMetricDimension = 'channel';

/** The dimension Powertools Metrics adds to every metric, valued with the service name. */
export const serviceDimension = { name: 'service', value: serviceName } as const;

/** The CloudWatch dashboard's name: one OMS per account and region, like the bus. */
export const dashboardName = 'oms-operations';

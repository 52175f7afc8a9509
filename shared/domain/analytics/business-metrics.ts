/**
 * Business metrics: what the analytics consumer newly counted, as metrics a dashboard or an alarm
 * watches minute by minute (the reports answer from the counters; these only show the flow). They
 * are derived from an event the consumer has just recorded, never from a redelivered one (which
 * records nothing), so a replay of the bus never counts an order twice.
 */
import type { EventData } from '../../events/define-event';
import { OrderCancelled, OrderPlaced, ShipmentShipped } from '../../events/catalog/order-events';
import { ReturnRequested } from '../../events/catalog/return-events';
import type { AnalyticsEvent, CounterIncrement } from './analytics-increments';

/**
 * The business metrics, named once: the consumer emits exactly these, and the CDK dashboard
 * (infra/definitions/observability.ts) graphs exactly these, by the one `channel` dimension.
 */
export const businessMetricCatalog = {
  OrdersPlaced: { unit: 'Count', description: 'Orders placed' },
  OrdersShipped: { unit: 'Count', description: 'Orders shipped' },
  OrdersCancelled: { unit: 'Count', description: 'Orders cancelled' },
  OrdersReturned: { unit: 'Count', description: 'Orders with a return' },
  // Minor units of the order's currency: a channel sells in one currency, so a channel's sum is meaningful, a sum across channels may not be.
  OrderValue: { unit: 'NoUnit', description: 'Value of the orders placed, in minor units' },
} as const satisfies Record<string, { unit: 'Count' | 'NoUnit'; description: string }>;

export type BusinessMetricName = keyof typeof businessMetricCatalog;

/** The dimension every business metric carries (Powertools adds `service`). */
export const businessMetricDimension = 'channel';

export interface BusinessMetric {
  readonly name: BusinessMetricName;
  readonly unit: (typeof businessMetricCatalog)[BusinessMetricName]['unit'];
  readonly value: number;
  /** The metric's one dimension. */
  readonly channel: string;
}

const count = (name: BusinessMetricName, channel: string): BusinessMetric => ({ name, unit: businessMetricCatalog[name].unit, value: 1, channel });

/**
 * The metrics of an event just recorded, given the counters its entity facts completed with it: an
 * order counts as shipped with its first shipment (the one that added it to the shipped orders), an
 * order as cancelled when wholly cancelled, a return request as an order returned.
 */
export function businessMetricsOf(event: AnalyticsEvent, completed: readonly CounterIncrement[]): BusinessMetric[] {
  switch (event.detailType) {
    case OrderPlaced.detailType: {
      const { order } = event.data as EventData<typeof OrderPlaced>;
      return [count('OrdersPlaced', order.channelId), { name: 'OrderValue', unit: businessMetricCatalog.OrderValue.unit, value: order.grandTotal.amount, channel: order.channelId }];
    }
    case ShipmentShipped.detailType: {
      const { order } = event.data as EventData<typeof ShipmentShipped>;
      const firstShipment = completed.some(({ target, counters }) => target.kind === 'channel' && (counters.cohortShippedOrders ?? 0) > 0);
      return firstShipment ? [count('OrdersShipped', order.channelId)] : [];
    }
    case OrderCancelled.detailType: {
      const { order, lineIds } = event.data as EventData<typeof OrderCancelled>;
      return lineIds === undefined || lineIds.length === 0 ? [count('OrdersCancelled', order.channelId)] : [];
    }
    case ReturnRequested.detailType: {
      const { order } = event.data as EventData<typeof ReturnRequested>;
      return [count('OrdersReturned', order.channelId)];
    }
    default:
      return [];
  }
}

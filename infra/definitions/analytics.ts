/**
 * Analytics, declared once for CDK and the local runtime: the consumer that turns domain events into
 * hourly counters, the rule that feeds it, and the report routes that read the counters.
 */
import { ShipmentStatusChanged } from '../../shared/events/catalog/order-events';
import { analyticsEventDefinitions, deliveredStatuses } from '../../shared/domain/analytics/analytics-increments';
import type { FunctionDefinition, RouteDefinition } from './api';
import type { EventPatternRule } from './event-bus';

/** Reads its entities and adds counters; nothing else. */
export const recordAnalyticsEventFunction = {
  name: 'record-analytics-event',
  entry: 'functions/analytics/record-analytics-event.ts',
  tables: { analytics: 'readWrite' },
  // One or a few small transactions; a conflict retry loop is short.
  timeoutSeconds: 20,
} as const satisfies FunctionDefinition;

/** A report function: reads API keys (orders table) and the counters, writes nothing. */
const reportFunction = (name: string) =>
  ({ name, entry: `functions/reports/${name}.ts`, tables: { orders: 'read', analytics: 'read' }, timeoutSeconds: 29 }) as const satisfies FunctionDefinition;

export const analyticsFunctions = {
  getKpiReport: reportFunction('get-kpi-report'),
  getReturnsReport: reportFunction('get-returns-report'),
} as const satisfies Record<string, FunctionDefinition>;

export const analyticsRoutes: readonly RouteDefinition[] = [
  { method: 'GET', path: '/reports/kpis', function: analyticsFunctions.getKpiReport },
  { method: 'GET', path: '/reports/returns', function: analyticsFunctions.getReturnsReport },
];

const detailTypesOf = (source: string) =>
  analyticsEventDefinitions.filter((definition) => definition.source === source && definition.detailType !== ShipmentStatusChanged.detailType).map((definition) => definition.detailType);

/**
 * Only the events analytics counts: a shipment status change only when it is a delivery (in-transit
 * scans never invoke the function).
 */
export const analyticsRule: EventPatternRule = {
  name: 'record-analytics-events',
  description: 'Orders placed, allocated, shipped, delivered, cancelled and refunded; returns; stock thresholds: hourly analytics counters',
  eventPattern: {
    $or: [
      ...[...new Set(analyticsEventDefinitions.map((definition) => definition.source))].map((source) => ({ source: [source], 'detail-type': detailTypesOf(source) })),
      { source: [ShipmentStatusChanged.source], 'detail-type': [ShipmentStatusChanged.detailType], detail: { data: { to: [...deliveredStatuses] } } },
    ],
  },
  targets: [
    {
      id: 'record-analytics',
      kind: 'function',
      function: recordAnalyticsEventFunction,
      // Recording is idempotent per event id, so every retry is safe; a day covers an outage.
      retryPolicy: { maximumRetryAttempts: 185, maximumEventAgeSeconds: 86_400 },
    },
  ],
};

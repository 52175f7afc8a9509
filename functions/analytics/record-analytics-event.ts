import { analyticsStore, businessMetrics, now } from '../../shared/composition/analytics-context';
import { analyticsEventDefinitions } from '../../shared/domain/analytics/analytics-increments';
import { domainEventsHandler } from '../../shared/handlers/domain-event-handler';
import { recordAnalyticsEvent } from '../../shared/use-cases/analytics/record-analytics-event';

/** Order, return and stock events → hourly and daily analytics counters, once per event id; what is newly counted also as EMF business metrics. */
export const handler = domainEventsHandler(analyticsEventDefinitions, ({ definition, detail }) =>
  recordAnalyticsEvent({ detailType: definition.detailType, metadata: detail.metadata, data: detail.data }, { store: analyticsStore, now, metrics: businessMetrics }),
);

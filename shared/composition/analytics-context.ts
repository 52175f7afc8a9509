/**
 * Composition root of the analytics functions (the event consumer and the reports): the analytics
 * table, read from ANALYTICS_TABLE_NAME once at cold start, and the business metrics (EMF).
 */
import { DynamoDbAnalyticsStore } from '../adapters/dynamodb/analytics-store';
import { dynamoDbDocumentClient } from '../adapters/dynamodb/document-client';
import { loadConfig, tableNameSetting } from '../config/load-config';
import { metrics } from '../observability/powertools';
import { powertoolsBusinessMetrics } from '../observability/business-metrics';
import type { AnalyticsStore } from '../ports/analytics-store';
import type { BusinessMetrics } from '../ports/business-metrics';

const config = loadConfig({ ANALYTICS_TABLE_NAME: tableNameSetting });

export const analyticsStore: AnalyticsStore = new DynamoDbAnalyticsStore(dynamoDbDocumentClient(), config.ANALYTICS_TABLE_NAME);
export const now = () => new Date();
export const businessMetrics: BusinessMetrics = powertoolsBusinessMetrics(metrics);

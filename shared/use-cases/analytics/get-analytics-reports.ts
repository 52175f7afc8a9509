/**
 * The KPI and returns reports: read from the hourly counters only (never from orders), for the
 * period's local days in the asked time zone, for one channel or all of them.
 */
import { kpiReport, returnsReport, type ReportPeriod } from '../../domain/analytics/analytics-report';
import { localDayHours } from '../../domain/analytics/time-buckets';
import type { AnalyticsStore } from '../../ports/analytics-store';

export interface ReportDependencies {
  readonly store: AnalyticsStore;
}

async function channelsOf(period: ReportPeriod, store: AnalyticsStore): Promise<string[]> {
  return period.channel ? [period.channel] : store.listChannels();
}

export async function getKpiReport(period: ReportPeriod, { store }: ReportDependencies) {
  const hours = localDayHours(period.from, period.to, period.timeZone);
  const channels = await channelsOf(period, store);
  const [channelHours, stockHours] = await Promise.all([
    Promise.all(channels.map((channel) => store.channelHours(channel, hours.firstHour, hours.lastHour))).then((lists) => lists.flat()),
    store.stockHours(hours.firstHour, hours.lastHour),
  ]);
  return kpiReport(period, hours, channelHours, stockHours);
}

export async function getReturnsReport(period: ReportPeriod, { store }: ReportDependencies) {
  const hours = localDayHours(period.from, period.to, period.timeZone);
  const channels = await channelsOf(period, store);
  const [channelHours, skuHours, stockHours] = await Promise.all([
    Promise.all(channels.map((channel) => store.channelHours(channel, hours.firstHour, hours.lastHour))).then((lists) => lists.flat()),
    Promise.all(channels.map((channel) => store.skuHours(channel, hours.firstHour, hours.lastHour))).then((lists) => lists.flat()),
    store.stockHours(hours.firstHour, hours.lastHour),
  ]);
  return returnsReport(period, hours, channelHours, skuHours, stockHours);
}

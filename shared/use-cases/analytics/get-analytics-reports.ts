/**
 * The KPI and returns reports: read from the analytics counters only (never from orders), for the
 * period's local days in the asked time zone, for one channel or all of them (the network's
 * counters, one series for every channel). Each local day is read as a UTC day rollup corrected by a
 * few hours (see countingPlan): the same figures as adding up its hours.
 */
import { stockEventCounters } from '../../domain/analytics/analytics-increments';
import { kpiReport, returnsReport, type Counters, type ReportPeriod } from '../../domain/analytics/analytics-report';
import { countingPlan, localDayHours, type CountingPlan, type LocalDayHours } from '../../domain/analytics/time-buckets';
import type { AnalyticsStore } from '../../ports/analytics-store';

export interface ReportDependencies {
  readonly store: AnalyticsStore;
}

const only = (counters: Counters, names: readonly string[]): Counters => Object.fromEntries(names.flatMap((name) => (counters[name] === undefined ? [] : [[name, counters[name]]])));

/** The order counters of the report's scope: its channel's, or the network's for every channel. */
const orderCountersOf = (period: ReportPeriod, plan: CountingPlan, store: AnalyticsStore) => (period.channel ? store.channelCounters(period.channel, plan) : store.networkCounters(plan));

export async function getKpiReport(period: ReportPeriod, dependencies: ReportDependencies) {
  const hours = localDayHours(period.from, period.to, period.timeZone);
  return kpiReportPlanned(period, hours, countingPlan(hours), dependencies);
}

/** The KPI report read by a given plan: an hours-only plan gives the plain computation the rollups must equal. */
export async function kpiReportPlanned(period: ReportPeriod, hours: LocalDayHours, plan: CountingPlan, { store }: ReportDependencies) {
  // Stock belongs to no channel: a channel's report reads the network's stock counters beside its own.
  const [orders, stock] = period.channel
    ? await Promise.all([orderCountersOf(period, plan, store), store.networkCounters(plan, stockEventCounters)])
    : await orderCountersOf(period, plan, store).then((network) => [network, network.map((row) => ({ ...row, counters: only(row.counters, stockEventCounters) }))] as const);
  return kpiReport(period, hours, plan, orders, stock);
}

export async function getReturnsReport(period: ReportPeriod, dependencies: ReportDependencies) {
  const hours = localDayHours(period.from, period.to, period.timeZone);
  return returnsReportPlanned(period, hours, countingPlan(hours), dependencies);
}

/**
 * The returns report read by a given plan. Per-SKU figures are for the whole period, from the hours
 * of the period's local days, per channel: SKUs have no rollups.
 */
export async function returnsReportPlanned(period: ReportPeriod, hours: LocalDayHours, plan: CountingPlan, { store }: ReportDependencies) {
  const channels = period.channel ? [period.channel] : await store.listChannels();
  const [orders, skuHours, stockHours] = await Promise.all([
    orderCountersOf(period, plan, store),
    Promise.all(channels.map((channel) => store.skuHours(channel, hours.firstHour, hours.lastHour))).then((lists) => lists.flat()),
    store.stockHours(hours.firstHour, hours.lastHour),
  ]);
  return returnsReport(period, hours, plan, orders, skuHours, stockHours);
}

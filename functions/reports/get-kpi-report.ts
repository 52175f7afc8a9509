import { analyticsStore } from '../../shared/composition/analytics-context';
import { authenticateApiKey } from '../../shared/composition/channel-authentication';
import { ReportQuerySchema, type KpiReport } from '../../shared/contracts/reports';
import { apiHandler } from '../../shared/http/api-handler';
import { getKpiReport } from '../../shared/use-cases/analytics/get-analytics-reports';

/** Ops keys see every channel's figures, so the report is not limited to the key's channel. */
export const handler = apiHandler({ authenticate: authenticateApiKey, requiredScope: 'ops', query: ReportQuerySchema }, async ({ query }) => {
  const report: KpiReport = await getKpiReport({ from: query.from, to: query.to, timeZone: query.tz, ...(query.channel && { channel: query.channel }) }, { store: analyticsStore });
  return { status: 200, body: report };
});

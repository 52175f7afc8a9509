/**
 * Contracts of the ops reports (GET /reports/kpis, GET /reports/returns): the query and the answers,
 * for validation and the OpenAPI document.
 */
import * as z from 'zod';
import { daysBetween, isTimeZone } from '../domain/analytics/time-buckets';

const isoDate = z.iso.date();

/** The longest period a report covers: a year, leap day included. */
export const maxReportDays = 366;

export const ReportQuerySchema = z
  .strictObject({
    from: z.iso.date().describe('First local day of the period (YYYY-MM-DD), in tz'),
    to: z.iso.date().describe(`Last local day of the period (YYYY-MM-DD), included; at most ${maxReportDays} days after from`),
    channel: z.string().min(1).max(128).optional().describe('Only this channel; absent: every channel'),
    tz: z
      .string()
      .default('UTC')
      .refine(isTimeZone, { message: 'must be an IANA time zone such as Europe/Berlin' })
      .describe(
        'IANA time zone of the days (default UTC). Counters are kept per UTC hour (and day) and an hour counts towards the local day it starts in, ' +
          'exact for whole-hour offsets; in :30/:45 zones a day’s edges are off by that much',
      ),
  })
  .superRefine((query, context) => {
    // zod runs this even when a field already failed; a date that is not one has been reported.
    if (!isoDate.safeParse(query.from).success || !isoDate.safeParse(query.to).success) return;
    if (query.to < query.from) context.addIssue({ code: 'custom', path: ['to'], message: 'must not be before from' });
    else if (daysBetween(query.from, query.to) > maxReportDays) context.addIssue({ code: 'custom', path: ['to'], message: `the period may span at most ${maxReportDays} days` });
  });
export type ReportQuery = z.infer<typeof ReportQuerySchema>;

const rate = z.number().nullable().describe('A share from 0 to 1; null when there is nothing to divide by');

const LeadTimeSchema = z.object({
  count: z.int(),
  p50Seconds: z.int().nullable(),
  p90Seconds: z.int().nullable(),
});

const KpiFiguresSchema = z.object({
  ordersPlaced: z.int(),
  grossValue: z
    .array(z.object({ currency: z.string(), amount: z.int().describe('Minor units'), orders: z.int(), averageOrderValue: z.int().nullable().describe('Minor units, rounded') }))
    .describe('Per currency: the sum of the placed orders’ grand totals'),
  leadTimes: z
    .object({ placedToShipped: LeadTimeSchema, placedToDelivered: LeadTimeSchema })
    .describe('Per shipment, in the hour it shipped or was delivered (or picked up); percentiles within ±10 % (log buckets, 4 per doubling)'),
  delivery: z
    .object({ shipmentsShipped: z.int(), unitsShipped: z.int(), delivered: z.int(), onTime: z.int(), late: z.int(), onTimeRate: rate })
    .describe('On time: delivered no later than the shipment’s promise date (from OrderAllocated), compared as a UTC date; deliveries without a promise date are in neither'),
  split: z
    .object({ ordersShipped: z.int(), splitOrders: z.int(), shipments: z.int(), shipmentsPerOrder: z.number().nullable(), splitRate: rate })
    .describe('Of the orders placed in the period (whenever they shipped): how many shipped, in how many shipments'),
  cancellations: z
    .object({ cancelled: z.int(), cancelledPartly: z.int(), rate, reasons: z.record(z.string(), z.int()) })
    .describe('Of the orders placed in the period: wholly cancelled (rate = cancelled ÷ placed) by reason, and partly cancelled'),
  inventory: z
    .object({ outOfStock: z.int(), lowStock: z.int(), backInStock: z.int() })
    .describe('Stock events of the whole network (stock belongs to no channel, so the channel filter does not apply)'),
  webhooks: z
    .object({
      attempts: z.int(),
      failedAttempts: z.int(),
      attemptSuccessRate: rate.describe('Attempts the endpoint took (2xx) ÷ attempts made'),
      delivered: z.int(),
      deadLettered: z.int(),
      endpointGone: z.int(),
      deliverySuccessRate: rate.describe('Delivered ÷ deliveries that ended (delivered, dead-lettered or refused with 410 Gone)'),
    })
    .describe(
      'Partner webhook deliveries of the channel: attempts made in the period, and deliveries that ended in it (by when they ended). ' +
        'A redriven delivery counts again when it ends again; deliveries cancelled because their subscription was turned off or deleted are in neither',
    ),
});

const periodShape = {
  from: z.iso.date(),
  to: z.iso.date(),
  timeZone: z.string(),
  channel: z.string().nullable(),
};

export const KpiReportSchema = z
  .object({
    ...periodShape,
    days: z.array(KpiFiguresSchema.extend({ date: z.iso.date() })),
    totals: KpiFiguresSchema,
  })
  .meta({ id: 'KpiReport', description: 'KPIs per local day and for the period, from the analytics counters' });
export type KpiReport = z.infer<typeof KpiReportSchema>;

const RefundsSchema = z.object({ count: z.int(), amounts: z.array(z.object({ currency: z.string(), amount: z.int().describe('Minor units') })) });

const ReturnFiguresSchema = z.object({
  returns: z.int().describe('Returns requested'),
  unitsReturned: z.int(),
  unitsShipped: z.int(),
  returnRate: rate.describe('Units returned ÷ units shipped in the same period'),
  reasons: z.record(z.string(), z.int()).describe('Units returned per reason code'),
  refunds: z
    .object({ payment: RefundsSchema, return: RefundsSchema, storeCredit: RefundsSchema })
    .describe('payment: PaymentRefunded (cancellations, failures); return: ReturnRefunded; storeCredit: StoreCreditIssued. A return refunded as credit appears in return and storeCredit: do not add them up'),
});

export const ReturnsReportSchema = z
  .object({
    ...periodShape,
    days: z.array(ReturnFiguresSchema.extend({ date: z.iso.date() })),
    totals: ReturnFiguresSchema.extend({
      inventory: z
        .object({ skusSampled: z.int(), unitsShipped: z.int(), averageOnHand: z.number(), turnover: z.number().nullable() })
        .describe('Over the SKUs with a stock event in the period: their units shipped ÷ the sum of their average on hand'),
    }),
    skuCount: z.int(),
    skus: z
      .array(
        z.object({
          sku: z.string(),
          unitsShipped: z.int(),
          unitsReturned: z.int(),
          returnRate: rate,
          reasons: z.record(z.string(), z.int()),
          averageOnHand: z.number().nullable().describe('Sum over locations of the mean on-hand the stock events of the period reported; null without any'),
          turnover: z.number().nullable().describe('unitsShipped ÷ averageOnHand'),
        }),
      )
      .describe('Most returned first, at most 200'),
  })
  .meta({ id: 'ReturnsReport', description: 'Returns, refunds and per-SKU return rates and turnover, per local day and for the period' });
export type ReturnsReport = z.infer<typeof ReturnsReportSchema>;

/** Example query parameters; a fresh runtime answers them with empty figures. */
export const reportQueryExample = { from: '2025-03-01', to: '2025-03-31', tz: 'Europe/Berlin' } as const;

interface ReportOpenApiHelpers {
  readonly json: (schema: z.ZodType, example?: unknown) => unknown;
  readonly problem: (description: string) => unknown;
  readonly commonProblems: Record<string, unknown>;
  readonly requiresScope: (scope: 'ops') => unknown;
  readonly parametersOf: (schema: z.ZodObject, location: 'query' | 'path') => { name: string }[];
}

/** The report operations of the OpenAPI document, built with the document's own helpers (shared/contracts/openapi.ts). */
export function reportOpenApiPaths({ json, problem, commonProblems, requiresScope, parametersOf }: ReportOpenApiHelpers) {
  const parameters = parametersOf(ReportQuerySchema, 'query').map((parameter) => {
    const example = reportQueryExample[parameter.name as keyof typeof reportQueryExample];
    return example === undefined ? parameter : { ...parameter, example };
  });
  const common = {
    ...(requiresScope('ops') as object),
    parameters,
  };
  const problems = {
    ...commonProblems,
    '400': problem(`A query parameter is missing or wrong (VALIDATION_FAILED; errors[].path names it: a date that is not YYYY-MM-DD, to before from, more than ${maxReportDays} days, an unknown time zone)`),
  };
  const about =
    'Answered from the analytics counters only, which an event consumer keeps per UTC hour and per UTC day from the domain events (orders, shipments, returns, stock), ' +
    'once per event id; the figures follow the events within seconds. The days are the local days of tz. An ops key sees every channel.';
  return {
    '/reports/kpis': {
      get: {
        operationId: 'getKpiReport',
        ...common,
        summary: 'KPIs per day and for the period: orders, value, lead times, on-time rate, split shipments, cancellations, stock events, webhook delivery success',
        description: `${about} Webhook delivery outcomes are counted by the delivery code as it records them.`,
        responses: { '200': { description: 'The KPIs', ...(json(KpiReportSchema) as object) }, ...problems },
      },
    },
    '/reports/returns': {
      get: {
        operationId: 'getReturnsReport',
        ...common,
        summary: 'Returns per day and for the period: return rate and reasons, refunds, and per SKU return rate and inventory turnover',
        description: about,
        responses: { '200': { description: 'The returns figures', ...(json(ReturnsReportSchema) as object) }, ...problems },
      },
    },
  };
}

/**
 * Analytics end to end on the local runtime: orders run to COMPLETED, their events reach the analytics
 * consumer through the bus rule, and the reports count them, with the partner webhook deliveries
 * the delivery code counts; only ops keys may read the reports.
 */
import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { KpiReportSchema, ReturnsReportSchema } from '../../../shared/contracts/reports';
import { call, type ApiAnswer } from '../api-client';
import { issueApiKey } from '../inventory/scoped-api-key';
import { placeOrder, stockedSku, waitForStatus } from '../lifecycle/lifecycle-api';
import { startWebhookReceiver } from '../webhooks/webhook-receiver';

const channel = `analytics-${randomBytes(4).toString('hex')}`;
const dayOffset = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
// A period around today, so an order placed just before midnight UTC still falls in it.
const period = `from=${dayOffset(-1)}&to=${dayOffset(1)}&tz=UTC&channel=${channel}`;

let opsKey: string;
let channelKey: string;

beforeAll(async () => {
  opsKey = await issueApiKey(['ops'], 'ops-team');
  channelKey = await issueApiKey(['orders'], channel);
});

async function pollReport(path: string, done: (answer: ApiAnswer) => boolean, timeoutMs = 30_000): Promise<ApiAnswer> {
  const deadline = Date.now() + timeoutMs;
  let answer = await call('GET', path, { apiKey: opsKey });
  while (!done(answer) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    answer = await call('GET', path, { apiKey: opsKey });
  }
  return answer;
}

describe('GET /reports/kpis and /reports/returns', () => {
  it('counts completed orders of a channel: value, shipments, split rate, lead times and deliveries', async () => {
    // Prepare: one order from one warehouse, one split across two
    const single = await stockedSku('an-single', { 'wh-leipzig': 5 });
    const splitA = await stockedSku('an-split-a', { 'wh-leipzig': 5 });
    const splitB = await stockedSku('an-split-b', { 'wh-munich': 5 });
    const first = await placeOrder({ lines: [{ sku: single, quantity: 2, unitPrice: 1500 }], apiKey: channelKey });
    const second = await placeOrder({ lines: [{ sku: splitA, quantity: 1, unitPrice: 1999 }, { sku: splitB, quantity: 3, unitPrice: 333 }], apiKey: channelKey });
    await waitForStatus(first.id, 'COMPLETED', { apiKey: channelKey });
    await waitForStatus(second.id, 'COMPLETED', { apiKey: channelKey });

    // Act
    const answer = await pollReport(`/reports/kpis?${period}`, ({ body }) => body?.totals?.delivery?.delivered >= 3 && body?.totals?.delivery?.onTime + body?.totals?.delivery?.late >= 3 && body?.totals?.split?.ordersShipped >= 2);

    // Assess
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    const { totals, days } = KpiReportSchema.parse(answer.body);
    expect(days).toHaveLength(3);
    expect(totals.ordersPlaced).toBe(2);
    expect(totals.grossValue).toEqual([{ currency: 'EUR', amount: first.totals.grandTotal.amount + second.totals.grandTotal.amount, orders: 2, averageOrderValue: Math.round((first.totals.grandTotal.amount + second.totals.grandTotal.amount) / 2) }]);
    expect(totals.delivery).toMatchObject({ shipmentsShipped: 3, unitsShipped: 6, delivered: 3 });
    // The sandbox carrier delivers within seconds, so every shipment beats the date allocation promised.
    expect(totals.delivery).toMatchObject({ onTime: 3, late: 0, onTimeRate: 1 });
    expect(totals.split).toEqual({ ordersShipped: 2, splitOrders: 1, shipments: 3, shipmentsPerOrder: 1.5, splitRate: 0.5 });
    expect(totals.leadTimes.placedToShipped.count).toBe(3);
    expect(totals.leadTimes.placedToDelivered.p90Seconds).toBeGreaterThanOrEqual(totals.leadTimes.placedToDelivered.p50Seconds ?? 0);
    expect(totals.cancellations).toMatchObject({ cancelled: 0, rate: 0 });

    const returns = await call('GET', `/reports/returns?${period}`, { apiKey: opsKey });
    expect(returns.status).toBe(200);
    const report = ReturnsReportSchema.parse(returns.body);
    expect(report.totals).toMatchObject({ unitsShipped: 6, unitsReturned: 0, returnRate: 0 });
    expect(report.skus.map((sku) => [sku.sku, sku.unitsShipped]).sort()).toEqual([[single, 2], [splitA, 1], [splitB, 3]].sort());
  });

  it('counts partner webhook deliveries of a channel: attempts, and how deliveries ended', async () => {
    // Prepare: a partner that takes every OrderPlaced of its own channel
    const webhookChannel = `analytics-hooks-${randomBytes(4).toString('hex')}`;
    const partnerKey = await issueApiKey(['orders', 'webhooks'], webhookChannel);
    const receiver = await startWebhookReceiver();
    try {
      const subscription = await call('POST', '/webhooks/subscriptions', { apiKey: partnerKey, body: { url: receiver.url, eventTypes: ['OrderPlaced'] } });
      expect(subscription.status, JSON.stringify(subscription.body)).toBe(201);
      const sku = await stockedSku('an-hooks', { 'wh-leipzig': 5 });
      await placeOrder({ lines: [{ sku, quantity: 1 }], apiKey: partnerKey });
      await receiver.waitFor((received) => received.length >= 1);

      // Act
      const answer = await pollReport(`/reports/kpis?from=${dayOffset(-1)}&to=${dayOffset(1)}&tz=UTC&channel=${webhookChannel}`, ({ body }) => body?.totals?.webhooks?.delivered >= 1);

      // Assess
      expect(answer.status, JSON.stringify(answer.body)).toBe(200);
      expect(KpiReportSchema.parse(answer.body).totals.webhooks).toEqual({ attempts: 1, failedAttempts: 0, attemptSuccessRate: 1, delivered: 1, deadLettered: 0, endpointGone: 0, deliverySuccessRate: 1 });
      await call('DELETE', `/webhooks/subscriptions/${subscription.body.id}`, { apiKey: partnerKey });
    } finally {
      await receiver.close();
    }
  });

  it('refuses a channel key without the ops scope with 403 problem+json', async () => {
    // Act
    const answer = await call('GET', `/reports/kpis?${period}`, { apiKey: inject('otherChannelApiKey') });

    // Assess
    expect(answer.status).toBe(403);
    expect(answer.headers.get('content-type')).toBe('application/problem+json');
    expect(answer.body).toMatchObject({ code: 'INSUFFICIENT_SCOPE' });
  });

  it('names the query parameter it cannot take', async () => {
    // Act
    const answer = await call('GET', `/reports/returns?from=${dayOffset(0)}&to=${dayOffset(400)}`, { apiKey: opsKey });

    // Assess
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ path: 'to', message: 'the period may span at most 366 days' }] });
  });
});

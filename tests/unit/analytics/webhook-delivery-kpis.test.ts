/**
 * Webhook delivery success in the KPI report: the delivery code tells analytics of each attempt it
 * recorded and each delivery that ended, once per change of the delivery, and the report's rates
 * follow from those counts.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { WebhookRequest, WebhookResponse, WebhookSender } from '../../../shared/ports/webhook-sender';
import { getKpiReport } from '../../../shared/use-cases/analytics/get-analytics-reports';
import { recordWebhookDelivery } from '../../../shared/use-cases/analytics/record-webhook-delivery';
import { attemptDelivery } from '../../../shared/use-cases/webhooks/attempt-delivery';
import { deliverDueWebhooks } from '../../../shared/use-cases/webhooks/deliver-due-webhooks';
import { fanOutEvent } from '../../../shared/use-cases/webhooks/fan-out-event';
import type { WebhookDependencies } from '../../../shared/use-cases/webhooks/webhook-dependencies';
import { answer } from '../fakes/recording-webhook-sender';
import { orderEvent, webhookHarness } from '../webhooks/webhook-harness';
import { InMemoryAnalyticsStore } from './in-memory-analytics-store';

const start = new Date('2026-03-01T10:00:00.000Z');
const advance = (ms: number) => vi.setSystemTime(new Date(Date.now() + ms));
const shortWindow = { baseDelaySeconds: 60, maxDelaySeconds: 600, retryWindowSeconds: 3600, maxRetryAfterSeconds: 3600 };
const day = { from: '2026-03-01', to: '2026-03-01', timeZone: 'UTC', channel: 'shop-a' };

/** Partners by host: each answers its own script (the last answer repeats). */
class PartnersByHost implements WebhookSender {
  constructor(private readonly scripts: Record<string, WebhookResponse[]>) {}

  async send(request: WebhookRequest): Promise<WebhookResponse> {
    const script = this.scripts[new URL(request.url).hostname] ?? [answer(200)];
    return (script.length > 1 ? script.shift() : script[0]) as WebhookResponse;
  }
}

function countedHarness(scripts: Record<string, WebhookResponse[]>) {
  const analytics = new InMemoryAnalyticsStore();
  const harness = webhookHarness({ retryPolicy: shortWindow });
  const deps: WebhookDependencies = {
    ...harness.deps,
    sender: new PartnersByHost(scripts),
    outcomes: async (outcome) => {
      await recordWebhookDelivery(outcome, { store: analytics });
    },
  };
  return { ...harness, deps, analytics };
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'], now: start });
});

afterEach(() => {
  vi.useRealTimers();
});

describe('webhook delivery success in the KPI report', () => {
  it('counts attempts and how deliveries ended: delivered at once, after a retry, refused with 410, given up', async () => {
    // Prepare
    const { deps, store, subscribe, analytics } = countedHarness({
      'ok.example.com': [answer(200)],
      'flaky.example.com': [answer(503), answer(204)],
      'gone.example.com': [answer(410)],
      'down.example.com': [answer(500)],
    });
    const down = await subscribe('shop-a', { url: 'https://down.example.com/hooks' });
    for (const host of ['ok', 'flaky', 'gone']) await subscribe('shop-a', { url: `https://${host}.example.com/hooks` });

    // Act: the fan-out attempts all four; sweeps retry until the down partner's window has passed
    await fanOutEvent(orderEvent('shop-a'), deps);
    for (let sweep = 0; sweep < 100 && store.deliveryOf(down.id).status === 'PENDING'; sweep++) {
      advance(Math.max(0, Date.parse(store.deliveryOf(down.id).nextAttemptAt ?? '') - Date.now()));
      await deliverDueWebhooks(deps);
    }
    const { totals } = await getKpiReport(day, { store: analytics });

    // Assess
    const downAttempts = store.deliveryOf(down.id).attempts;
    expect(store.deliveryOf(down.id).status).toBe('DEAD_LETTERED');
    expect(totals.webhooks).toEqual({
      attempts: downAttempts + 1 + 2 + 1,
      failedAttempts: downAttempts + 1 + 1,
      attemptSuccessRate: 2 / (downAttempts + 4),
      delivered: 2,
      deadLettered: 1,
      endpointGone: 1,
      deliverySuccessRate: 0.5,
    });
  });

  it('counts an attempt once when the fan-out and a sweep race for it: only the worker whose write won counts', async () => {
    // Prepare
    const { deps, store, subscribe, analytics } = countedHarness({ 'partner.example.com': [answer(500), answer(200)] });
    const subscription = await subscribe('shop-a', { url: 'https://partner.example.com/hooks' });
    await fanOutEvent(orderEvent('shop-a'), deps);
    advance(3600_000);
    const ref = { subscriptionId: subscription.id, deliveryId: store.deliveryOf(subscription.id).id };

    // Act
    const outcomes = await Promise.all([attemptDelivery(ref, deps), attemptDelivery(ref, deps)]);
    const { totals } = await getKpiReport(day, { store: analytics });

    // Assess
    expect(outcomes.sort()).toEqual(['delivered', 'superseded']);
    expect(totals.webhooks).toMatchObject({ attempts: 2, failedAttempts: 1, delivered: 1, deliverySuccessRate: 1 });
  });

  it('adds nothing when the same outcome is counted again (a retried count)', async () => {
    // Prepare
    const analytics = new InMemoryAnalyticsStore();
    const outcome = { deliveryId: 'dlv_1', revision: 3, channelId: 'shop-a', at: start.toISOString(), attempt: 'succeeded', settled: 'delivered' } as const;

    // Act
    const first = await recordWebhookDelivery(outcome, { store: analytics });
    const again = await recordWebhookDelivery(outcome, { store: analytics });
    const { totals } = await getKpiReport(day, { store: analytics });

    // Assess
    expect([first, again]).toEqual(['recorded', 'duplicate']);
    expect(totals.webhooks).toMatchObject({ attempts: 1, delivered: 1 });
  });
});

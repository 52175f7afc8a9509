import { describe, expect, it } from 'vitest';
import { maxSubscriptionsPerChannel } from '../../../shared/domain/webhooks/subscription';
import { createSubscription, deleteSubscription, getSubscription, listSubscriptions, secretContext } from '../../../shared/use-cases/webhooks/manage-subscriptions';
import { webhookHarness } from './webhook-harness';

describe('webhook subscriptions', () => {
  it('returns the signing secret once, on creation, and stores it only sealed', async () => {
    // Prepare
    const { deps, store } = webhookHarness();

    // Act
    const created = await createSubscription({ channelId: 'shop-a', url: 'https://erp.example.com/hooks', eventTypes: ['OrderPlaced'], description: 'ERP', active: true }, deps);
    const read = await getSubscription('shop-a', created.id, deps);
    const listed = await listSubscriptions('shop-a', deps);
    const stored = store.subscriptions.get(created.id);

    // Assess
    expect(created).toMatchObject({ url: 'https://erp.example.com/hooks', eventTypes: ['OrderPlaced'], description: 'ERP', active: true, secret: expect.stringMatching(/^whsec_/) });
    expect(created.id).toMatch(/^whsub_/);
    expect(read).not.toHaveProperty('secret');
    expect(JSON.stringify([read, listed])).not.toContain('whsec_');
    expect(JSON.stringify(stored)).not.toContain(created.secret.slice('whsec_'.length));
    expect(await deps.sealer.open(stored?.secrets.current ?? '', secretContext(created.id))).toBe(created.secret);
  });

  it('keeps channels apart: another channel’s subscription is not found, listed or deletable', async () => {
    // Prepare
    const { deps, subscribe } = webhookHarness();
    const mine = await subscribe('shop-a');

    // Act + Assess
    await expect(getSubscription('shop-b', mine.id, deps)).rejects.toMatchObject({ code: 'WEBHOOK_SUBSCRIPTION_NOT_FOUND' });
    expect(await listSubscriptions('shop-b', deps)).toEqual([]);
    await expect(deleteSubscription('shop-b', mine.id, deps)).rejects.toMatchObject({ code: 'WEBHOOK_SUBSCRIPTION_NOT_FOUND' });
    expect(await listSubscriptions('shop-a', deps)).toHaveLength(1);
  });

  it('refuses a URL deliveries may not call, and more than the channel’s limit of subscriptions', async () => {
    // Prepare
    const { subscribe } = webhookHarness();
    for (let index = 0; index < maxSubscriptionsPerChannel; index++) await subscribe('shop-a');

    // Act + Assess
    await expect(subscribe('shop-b', { url: 'http://169.254.169.254/latest' })).rejects.toMatchObject({ code: 'WEBHOOK_URL_NOT_ALLOWED', errors: [{ path: 'url' }] });
    await expect(subscribe('shop-a')).rejects.toMatchObject({ code: 'WEBHOOK_SUBSCRIPTION_LIMIT' });
  });
});

import { describe, expect, it } from 'vitest';
import { cachingChannelRepository } from '../../../shared/adapters/caching-channel-repository';
import { InMemoryChannelRepository } from '../fakes/in-memory-channel-repository';

const knownHash = 'hash-of-known-key';
const unknownHash = 'hash-of-unknown-key';

async function cachedChannels(options: { knownKeyTtlMs?: number; unknownKeyTtlMs?: number; maxEntries?: number } = {}) {
  const inner = new InMemoryChannelRepository();
  await inner.saveApiKey(knownHash, { channelId: 'demo-web', status: 'active' });
  const clock = { now: 1_000_000 };
  const channels = cachingChannelRepository(inner, { knownKeyTtlMs: 60_000, unknownKeyTtlMs: 5_000, ...options, now: () => clock.now });
  return { inner, channels, clock };
}

describe('cachingChannelRepository', () => {
  it('serves a known key from the cache until knownKeyTtlMs has passed, then looks it up again', async () => {
    // Prepare
    const { inner, channels, clock } = await cachedChannels();
    await channels.findApiKey(knownHash);

    // Act
    clock.now += 59_999;
    const beforeExpiry = await channels.findApiKey(knownHash);
    const lookupsBeforeExpiry = inner.lookups.length;
    clock.now += 1;
    const atExpiry = await channels.findApiKey(knownHash);

    // Assess
    expect(beforeExpiry).toEqual({ channelId: 'demo-web', status: 'active' });
    expect(lookupsBeforeExpiry).toBe(1);
    expect(atExpiry).toEqual({ channelId: 'demo-web', status: 'active' });
    expect(inner.lookups).toEqual([knownHash, knownHash]);
  });

  it('remembers an unknown key only for unknownKeyTtlMs, so a new key starts working quickly', async () => {
    // Prepare
    const { inner, channels, clock } = await cachedChannels();
    await channels.findApiKey(unknownHash);
    await inner.saveApiKey(unknownHash, { channelId: 'app-shop', status: 'active' });

    // Act
    clock.now += 4_999;
    const stillCachedAsUnknown = await channels.findApiKey(unknownHash);
    clock.now += 1;
    const afterExpiry = await channels.findApiKey(unknownHash);

    // Assess
    expect(stillCachedAsUnknown).toBeUndefined();
    expect(afterExpiry).toEqual({ channelId: 'app-shop', status: 'active' });
    expect(inner.lookups).toEqual([unknownHash, unknownHash]);
  });

  it('forgets a key when it is saved through the cache, so a revocation applies at once', async () => {
    // Prepare
    const { inner, channels } = await cachedChannels();
    await channels.findApiKey(knownHash);

    // Act
    await channels.saveApiKey(knownHash, { channelId: 'demo-web', status: 'revoked' });
    const afterSave = await channels.findApiKey(knownHash);

    // Assess
    expect(afterSave).toEqual({ channelId: 'demo-web', status: 'revoked' });
    expect(inner.lookups).toEqual([knownHash, knownHash]);
  });

  it('evicts the oldest entry once maxEntries keys are cached', async () => {
    // Prepare
    const { inner, channels } = await cachedChannels({ maxEntries: 2 });
    await channels.findApiKey('first');
    await channels.findApiKey('second');
    await channels.findApiKey('third');
    inner.lookups.length = 0;

    // Act
    await channels.findApiKey('third');
    await channels.findApiKey('second');
    await channels.findApiKey('first');

    // Assess
    expect(inner.lookups).toEqual(['first']);
  });

  it('passes saveChannel through to the inner repository', async () => {
    // Prepare
    const { inner, channels } = await cachedChannels();
    const channel = { id: 'demo-web', name: 'Demo web shop', defaultCurrency: 'EUR' };

    // Act
    await channels.saveChannel(channel);

    // Assess
    expect(inner.channels.get('demo-web')).toEqual(channel);
  });
});

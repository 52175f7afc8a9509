import type { ApiKeyRecord, ChannelRepository } from '../ports/channel-repository';

/**
 * Remembers API key look-ups for the life of a warm Lambda container, the way an API Gateway
 * authorizer cache would: known keys for a minute, unknown keys briefly (so a key created a moment
 * ago starts working quickly, while a flood of bad keys does not hit DynamoDB on every request).
 */
export function cachingChannelRepository(
  inner: ChannelRepository,
  { knownKeyTtlMs = 60_000, unknownKeyTtlMs = 5_000, maxEntries = 1_000, now = () => Date.now() } = {},
): ChannelRepository {
  const cache = new Map<string, { record: ApiKeyRecord | undefined; expiresAt: number }>();
  return {
    async findApiKey(apiKeyHash) {
      const cached = cache.get(apiKeyHash);
      if (cached && cached.expiresAt > now()) return cached.record;
      const record = await inner.findApiKey(apiKeyHash);
      if (cache.size >= maxEntries) cache.delete(cache.keys().next().value as string);
      cache.set(apiKeyHash, { record, expiresAt: now() + (record ? knownKeyTtlMs : unknownKeyTtlMs) });
      return record;
    },
    saveChannel: (channel) => inner.saveChannel(channel),
    saveApiKey: (apiKeyHash, record) => {
      cache.delete(apiKeyHash);
      return inner.saveApiKey(apiKeyHash, record);
    },
  };
}

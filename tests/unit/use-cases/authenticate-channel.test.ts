import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { UnauthenticatedError } from '../../../shared/domain/errors';
import { authenticateChannel } from '../../../shared/use-cases/authenticate-channel';
import { InMemoryChannelRepository } from '../fakes/in-memory-channel-repository';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const activeKey = 'oms_active-key-0000000000000000';
const revokedKey = 'oms_revoked-key-000000000000000';

async function channelsWithKeys() {
  const channels = new InMemoryChannelRepository();
  await channels.saveApiKey(sha256(activeKey), { channelId: 'demo-web', status: 'active' });
  await channels.saveApiKey(sha256(revokedKey), { channelId: 'demo-web', status: 'revoked' });
  return channels;
}

describe('authenticateChannel', () => {
  it.each([undefined, ''])('refuses a missing key (%j) with API_KEY_MISSING without a look-up', async (apiKey) => {
    // Prepare
    const channels = await channelsWithKeys();

    // Act
    const attempt = authenticateChannel(apiKey, { channels });

    // Assess
    await expect(attempt).rejects.toBeInstanceOf(UnauthenticatedError);
    await expect(attempt).rejects.toMatchObject({ kind: 'unauthenticated', code: 'API_KEY_MISSING' });
    expect(channels.lookups).toEqual([]);
  });

  it('refuses an unknown key with API_KEY_INVALID', async () => {
    // Prepare
    const channels = await channelsWithKeys();

    // Act
    const attempt = authenticateChannel('oms_never-issued', { channels });

    // Assess
    await expect(attempt).rejects.toMatchObject({ kind: 'unauthenticated', code: 'API_KEY_INVALID' });
  });

  it('refuses a revoked key with the same API_KEY_INVALID as an unknown one', async () => {
    // Prepare
    const channels = await channelsWithKeys();

    // Act
    const attempt = authenticateChannel(revokedKey, { channels });

    // Assess
    await expect(attempt).rejects.toMatchObject({ kind: 'unauthenticated', code: 'API_KEY_INVALID', message: 'The API key is not valid' });
  });

  it("resolves an active key to its channel", async () => {
    // Prepare
    const channels = await channelsWithKeys();

    // Act
    const channel = await authenticateChannel(activeKey, { channels });

    // Assess
    expect(channel).toEqual({ channelId: 'demo-web', scopes: ['orders'] });
  });

  it('looks the key up by its sha256 hex digest and never by the raw key', async () => {
    // Prepare
    const channels = await channelsWithKeys();

    // Act
    await authenticateChannel(activeKey, { channels });

    // Assess
    expect(channels.lookups).toEqual([sha256(activeKey)]);
    expect(channels.lookups.join()).not.toContain(activeKey);
  });
});

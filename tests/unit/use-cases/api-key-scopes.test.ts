import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ForbiddenError } from '../../../shared/domain/errors';
import { authenticateChannel, requireScope } from '../../../shared/use-cases/authenticate-channel';
import { InMemoryChannelRepository } from '../fakes/in-memory-channel-repository';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

describe('API key scopes', () => {
  it('gives a key its stored scopes', async () => {
    // Prepare
    const channels = new InMemoryChannelRepository();
    await channels.saveApiKey(sha256('oms_inventory-key'), { channelId: 'demo-web', status: 'active', scopes: ['inventory:read', 'inventory:write'] });

    // Act
    const channel = await authenticateChannel('oms_inventory-key', { channels });

    // Assess
    expect(channel).toEqual({ channelId: 'demo-web', scopes: ['inventory:read', 'inventory:write'] });
  });

  it('gives a key stored before scopes existed the orders scope only, so existing integrations keep working', async () => {
    const channels = new InMemoryChannelRepository();
    await channels.saveApiKey(sha256('oms_old-key'), { channelId: 'demo-web', status: 'active' });
    expect(await authenticateChannel('oms_old-key', { channels })).toEqual({ channelId: 'demo-web', scopes: ['orders'] });
  });

  it('lets a key with the scope pass', () => {
    expect(() => requireScope({ channelId: 'demo-web', scopes: ['orders', 'inventory:read'] }, 'inventory:read')).not.toThrow();
  });

  it.each([
    ['no scopes', []],
    ['other scopes', ['orders', 'inventory:read']],
  ])('forbids a key with %s: INSUFFICIENT_SCOPE naming the missing scope', (_case, scopes) => {
    // Act
    const attempt = () => requireScope({ channelId: 'demo-web', scopes }, 'inventory:write');

    // Assess
    expect(attempt).toThrow(ForbiddenError);
    expect(attempt).toThrow(expect.objectContaining({ kind: 'forbidden', code: 'INSUFFICIENT_SCOPE', message: expect.stringContaining('inventory:write') }));
  });
});

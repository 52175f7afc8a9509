import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ForbiddenError } from '../../../shared/domain/errors';
import { authenticateChannel, orderReaderOf, requireScope } from '../../../shared/use-cases/authenticate-channel';
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

  it('takes a key holding any one of the scopes a route names, and names them all when it holds none', () => {
    const ops = { channelId: 'ops-team', scopes: ['ops'] };
    const inventory = { channelId: 'demo-web', scopes: ['inventory:read'] };

    expect(() => requireScope(ops, ['orders', 'ops', 'customer-service'])).not.toThrow();
    expect(() => requireScope(inventory, ['orders', 'ops'])).toThrow(expect.objectContaining({ code: 'INSUFFICIENT_SCOPE', message: expect.stringContaining('orders, ops') }));
  });

  it('reads every channel’s orders with an ops or customer-service key, only its own with any other', () => {
    expect(orderReaderOf({ channelId: 'ops-team', scopes: ['ops'] })).toEqual({ channelId: 'ops-team', everyChannel: true });
    expect(orderReaderOf({ channelId: 'helpdesk', scopes: ['customer-service'] })).toEqual({ channelId: 'helpdesk', everyChannel: true });
    expect(orderReaderOf({ channelId: 'demo-web', scopes: ['orders', 'webhooks'] })).toEqual({ channelId: 'demo-web', everyChannel: false });
  });
});

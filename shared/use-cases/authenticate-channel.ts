import { hashApiKey } from '../domain/api-key';
import { ForbiddenError, UnauthenticatedError } from '../domain/errors';
import { defaultApiKeyScopes, type ApiScope, type ChannelRepository } from '../ports/channel-repository';

export interface AuthenticatedChannel {
  readonly channelId: string;
  /** What the key may do; see apiScopes. */
  readonly scopes: readonly string[];
}

/** Resolves an `x-api-key` to its channel; a missing, unknown or revoked key is unauthenticated. */
export async function authenticateChannel(
  apiKey: string | undefined,
  deps: { channels: ChannelRepository },
): Promise<AuthenticatedChannel> {
  if (!apiKey) throw new UnauthenticatedError('API_KEY_MISSING', 'Send the channel API key in the x-api-key header');
  const record = await deps.channels.findApiKey(hashApiKey(apiKey));
  if (!record || record.status !== 'active') {
    throw new UnauthenticatedError('API_KEY_INVALID', 'The API key is not valid');
  }
  return { channelId: record.channelId, scopes: record.scopes ?? defaultApiKeyScopes };
}

/**
 * A valid key that lacks the scope a route needs is forbidden, not unauthenticated: another key would
 * do. A route that names several scopes takes a key holding any one of them.
 */
export function requireScope(channel: AuthenticatedChannel, scope: ApiScope | readonly ApiScope[]): void {
  const anyOf: readonly ApiScope[] = typeof scope === 'string' ? [scope] : scope;
  if (!anyOf.some((candidate) => channel.scopes.includes(candidate))) {
    const named = anyOf.length === 1 ? `the ${anyOf[0]} scope` : `one of the scopes ${anyOf.join(', ')}`;
    throw new ForbiddenError('INSUFFICIENT_SCOPE', `This API key lacks ${named} that this request needs`);
  }
}

/** Keys that read the orders of every channel: ops watch the whole network, customer service answers for every shop. */
export const everyChannelReadScopes = ['ops', 'customer-service'] as const satisfies readonly ApiScope[];

/** Who reads an order: a channel sees its own; a key with an every-channel scope sees all. */
export interface OrderReader {
  readonly channelId: string;
  readonly everyChannel: boolean;
}

export const orderReaderOf = (channel: AuthenticatedChannel): OrderReader => ({
  channelId: channel.channelId,
  everyChannel: everyChannelReadScopes.some((scope) => channel.scopes.includes(scope)),
});

export const mayRead = (reader: OrderReader, order: { readonly channelId: string }) => reader.everyChannel || order.channelId === reader.channelId;

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

/** A valid key that lacks the scope a route needs is forbidden, not unauthenticated: another key would do. */
export function requireScope(channel: AuthenticatedChannel, scope: ApiScope): void {
  if (!channel.scopes.includes(scope)) {
    throw new ForbiddenError('INSUFFICIENT_SCOPE', `This API key lacks the ${scope} scope that this request needs`);
  }
}

import { hashApiKey } from '../domain/api-key';
import { UnauthenticatedError } from '../domain/errors';
import type { ChannelRepository } from '../ports/channel-repository';

export interface AuthenticatedChannel {
  readonly channelId: string;
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
  return { channelId: record.channelId };
}

/**
 * Signatures of outgoing partner webhooks, per the Standard Webhooks specification (v1, symmetric):
 * the signed content is `<webhook-id>.<webhook-timestamp>.<body>`, signed with HMAC-SHA256 keyed by
 * the base64-decoded part of a `whsec_` secret, and sent as `v1,<base64 signature>`. During a secret
 * rotation the body is signed with every valid secret and the signatures are sent space-separated,
 * so a receiver verifying with either secret accepts it (zero-downtime rotation).
 */
import { createHash, createHmac, randomBytes } from 'node:crypto';

export const signingSecretPrefix = 'whsec_';

/** 256 bits: the specification asks for 24 to 64 random bytes. */
export const signingSecretBytes = 32;

export const webhookHeaderNames = { id: 'webhook-id', timestamp: 'webhook-timestamp', signature: 'webhook-signature' } as const;

export interface SignedWebhookHeaders {
  readonly 'webhook-id': string;
  readonly 'webhook-timestamp': string;
  readonly 'webhook-signature': string;
}

export class InvalidSigningSecretError extends Error {
  override name = 'InvalidSigningSecretError';
}

/** A new signing secret, `whsec_` + base64 of 32 random bytes; shown to the partner once. */
export const generateSigningSecret = (random: (size: number) => Buffer = randomBytes): string =>
  `${signingSecretPrefix}${random(signingSecretBytes).toString('base64')}`;

/** The HMAC key of a `whsec_` secret: its base64 part, decoded. */
export function signingKeyOf(secret: string): Buffer {
  if (!secret.startsWith(signingSecretPrefix)) throw new InvalidSigningSecretError(`A signing secret starts with ${signingSecretPrefix}`);
  const encoded = secret.slice(signingSecretPrefix.length);
  const key = Buffer.from(encoded, 'base64');
  // Buffer.from ignores what is not base64, so a secret that does not round-trip was not base64.
  if (key.length < 24 || key.length > 64 || key.toString('base64').replace(/=+$/, '') !== encoded.replace(/=+$/, '')) {
    throw new InvalidSigningSecretError('A signing secret is the base64 of 24 to 64 bytes after whsec_');
  }
  return key;
}

/** `v1,<base64 HMAC-SHA256 of "id.timestamp.body">`; the timestamp is in unix seconds. */
export function signWebhook({ secret, messageId, timestamp, body }: { secret: string; messageId: string; timestamp: number; body: string }): string {
  const signature = createHmac('sha256', signingKeyOf(secret)).update(`${messageId}.${timestamp}.${body}`, 'utf8').digest('base64');
  return `v1,${signature}`;
}

/**
 * The three headers of one delivery attempt: the id stays the same on every retry (receivers dedup
 * on it), the timestamp is the attempt's (receivers refuse old ones, against replays), and the
 * signature list has one entry per valid secret.
 */
export function signedWebhookHeaders({ messageId, sentAt, body, secrets }: { messageId: string; sentAt: Date; body: string; secrets: readonly string[] }): SignedWebhookHeaders {
  if (secrets.length === 0) throw new InvalidSigningSecretError('A webhook is signed with at least one secret');
  const timestamp = Math.floor(sentAt.getTime() / 1000);
  return {
    'webhook-id': messageId,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': secrets.map((secret) => signWebhook({ secret, messageId, timestamp, body })).join(' '),
  };
}

/** What an id may hold to be sent as is: header-safe, and no `.`, which delimits the signed content. */
const plainMessageId = /^[A-Za-z0-9_:,#/@=+-]{1,200}$/;

/**
 * The `webhook-id` of an event: its event id, which is stable across retries and redeliveries of
 * the same business fact. The specification forbids `.` in it (the signed content is dot-delimited,
 * so a dot would let an id and a timestamp be shifted into each other); an event id that is not
 * plain (e.g. a partner's scan id with dots) is replaced by a stable digest of it.
 */
export const webhookMessageId = (eventId: string): string =>
  plainMessageId.test(eventId) ? eventId : `msg_${createHash('sha256').update(eventId, 'utf8').digest('base64url')}`;

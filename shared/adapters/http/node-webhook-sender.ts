/**
 * Sends webhook requests with node:http(s) rather than fetch: the connection's address can be
 * checked as it is resolved (a custom lookup), which fetch does not expose without another HTTP
 * client. So a URL that passed the subscription check but whose name now resolves to a private,
 * loopback or link-local address (DNS rebinding, the metadata service) is never connected to.
 * Redirects are not followed (a 3xx is a failed attempt, as the specification advises), the whole
 * exchange is bounded by the timeout, and only the start of the answer's body is read.
 */
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { isAllowedEndpointAddress } from '../../domain/webhooks/endpoint-url';
import type { WebhookRequest, WebhookResponse, WebhookSender } from '../../ports/webhook-sender';

/** Read of an answer's body, enough for the log (which keeps 1,024 characters). */
const maxResponseBytes = 4096;

export const webhookUserAgent = 'oms-webhooks/1.0';

class RefusedAddressError extends Error {
  override name = 'RefusedAddressError';
}

/** A lookup that refuses names resolving to an address deliveries may not reach. */
const guardedLookup = (allowLocalhost: boolean): LookupFunction => (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
    if (error) return callback(error, '', 0);
    const refused = addresses.find((entry) => !isAllowedEndpointAddress(entry.address, { allowLocalhost }));
    if (refused || addresses.length === 0) {
      return callback(new RefusedAddressError(`${hostname} resolves to ${refused?.address ?? 'no address'}, which deliveries may not reach`), '', 0);
    }
    if (options.all) return (callback as unknown as (error: null, addresses: LookupAddress[]) => void)(null, addresses);
    const [first] = addresses as [LookupAddress];
    return callback(null, first.address, first.family);
  });
};

async function readStart(response: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of response) {
    const buffer = chunk as Buffer;
    chunks.push(buffer);
    size += buffer.length;
    if (size >= maxResponseBytes) break;
  }
  response.destroy();
  return Buffer.concat(chunks).subarray(0, maxResponseBytes).toString('utf8');
}

const describeError = (error: unknown): string => {
  if (!(error instanceof Error)) return String(error);
  if (error.name === 'TimeoutError' || error.name === 'AbortError') return 'Timed out';
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && !error.message.includes(code) ? `${code}: ${error.message}` : error.message;
};

export function nodeWebhookSender({ allowLocalhost }: { allowLocalhost: boolean }): WebhookSender {
  const lookup = guardedLookup(allowLocalhost);
  return {
    async send({ url, headers, body, timeoutMs }: WebhookRequest): Promise<WebhookResponse> {
      const target = new URL(url);
      const host = target.hostname.replace(/^\[|\]$/g, '');
      // An IP literal is connected to without a lookup, so it is checked here.
      if (isIP(host) !== 0 && !isAllowedEndpointAddress(host, { allowLocalhost })) return { kind: 'no-response', error: `${host} is an address deliveries may not reach` };
      if (target.protocol !== 'https:' && !(allowLocalhost && target.protocol === 'http:')) return { kind: 'no-response', error: `${target.protocol} is not allowed` };
      const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
      const signal = AbortSignal.timeout(timeoutMs);
      try {
        return await new Promise<WebhookResponse>((resolve, reject) => {
          const outgoing = send(
            target,
            {
              method: 'POST',
              headers: { ...headers, 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), 'user-agent': webhookUserAgent },
              lookup,
              // A connection per attempt: a kept-alive socket would outlive a frozen Lambda and fail the next attempt with a reset.
              agent: false,
              signal,
            },
            (response) => {
              const retryAfter = response.headers['retry-after'];
              readStart(response).then(
                (bodyExcerpt) => resolve({ kind: 'response', status: response.statusCode ?? 0, ...(retryAfter !== undefined && { retryAfter }), bodyExcerpt }),
                reject,
              );
            },
          );
          outgoing.on('error', reject);
          outgoing.end(body);
        });
      } catch (error) {
        return { kind: 'no-response', error: signal.aborted ? `Timed out after ${timeoutMs} ms` : describeError(error) };
      }
    },
  };
}

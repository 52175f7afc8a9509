/**
 * A partner's webhook endpoint on this machine (node:http on 127.0.0.1, a free port): it records
 * each request with its raw body and answers as the test says, so tests can make it fail, recover,
 * or answer 410, and verify what it got with the standardwebhooks reference library.
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

export interface ReceivedWebhook {
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  readonly receivedAt: number;
}

export interface Answer {
  readonly status: number;
  readonly headers?: Record<string, string>;
  readonly body?: string;
}

export interface WebhookReceiver {
  readonly url: string;
  readonly received: ReceivedWebhook[];
  /** How the next requests are answered: `answer(n)` is called with the request's 1-based number. */
  answerWith(answer: (requestNumber: number) => Answer): void;
  /** Waits until `done` holds for what was received (or fails with what was received). */
  waitFor(done: (received: readonly ReceivedWebhook[]) => boolean, timeoutMs?: number): Promise<ReceivedWebhook[]>;
  close(): Promise<void>;
}

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = [];
  let answer: (requestNumber: number) => Answer = () => ({ status: 204 });
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8'), receivedAt: Date.now() });
      const { status, headers = {}, body = '' } = answer(received.length);
      response.writeHead(status, headers).end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/oms-webhooks`,
    received,
    answerWith: (next) => {
      answer = next;
    },
    async waitFor(done, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      while (!done(received)) {
        if (Date.now() > deadline) throw new Error(`The receiver did not get what was expected in ${timeoutMs} ms; it got: ${JSON.stringify(received.map(({ headers, body }) => ({ id: headers['webhook-id'], body: body.slice(0, 120) })))}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      return [...received];
    },
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** What the reference library makes of a received webhook: the parsed payload, or it throws. */
export const verifyWebhook = (secret: string, webhook: ReceivedWebhook): any => // eslint-disable-line @typescript-eslint/no-explicit-any -- tests read arbitrary JSON
  new Webhook(secret).verify(webhook.body, {
    'webhook-id': String(webhook.headers['webhook-id']),
    'webhook-timestamp': String(webhook.headers['webhook-timestamp']),
    'webhook-signature': String(webhook.headers['webhook-signature']),
  });

export const payloadOf = (webhook: ReceivedWebhook): any => JSON.parse(webhook.body); // eslint-disable-line @typescript-eslint/no-explicit-any -- tests read arbitrary JSON

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { nodeWebhookSender } from '../../../shared/adapters/http/node-webhook-sender';

let server: Server | undefined;

/** A receiver on 127.0.0.1 answering with `respond`; what it received is recorded. */
async function receiver(respond: (request: IncomingMessage, response: ServerResponse) => void) {
  const received: { headers: IncomingMessage['headers']; body: string }[] = [];
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      respond(request, response);
    });
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`, received };
}

afterEach(async () => {
  const open = server;
  server = undefined;
  if (!open) return;
  open.closeAllConnections();
  await new Promise((resolve) => open.close(resolve));
});

const request = (url: string, timeoutMs = 2000) => ({ url, headers: { 'webhook-id': 'evt_1', 'webhook-timestamp': '1', 'webhook-signature': 'v1,x' }, body: '{"a":1}', timeoutMs });

describe('the node:http webhook sender', () => {
  it('POSTs the body as JSON with the webhook headers, and returns the status, Retry-After and the start of the body', async () => {
    // Prepare
    const partner = await receiver((_, response) => response.writeHead(503, { 'retry-after': '120' }).end('x'.repeat(10_000)));

    // Act
    const answer = await nodeWebhookSender({ allowLocalhost: true }).send(request(partner.url));

    // Assess
    expect(answer).toMatchObject({ kind: 'response', status: 503, retryAfter: '120' });
    expect(answer.kind === 'response' && answer.bodyExcerpt.length).toBe(4096);
    expect(partner.received).toEqual([
      { headers: expect.objectContaining({ 'content-type': 'application/json', 'webhook-id': 'evt_1', 'webhook-signature': 'v1,x', 'user-agent': 'oms-webhooks/1.0' }), body: '{"a":1}' },
    ]);
  });

  it('does not follow a redirect: a 3xx is the answer', async () => {
    // Prepare
    const partner = await receiver((_, response) => response.writeHead(301, { location: 'http://169.254.169.254/' }).end());

    // Act
    const answer = await nodeWebhookSender({ allowLocalhost: true }).send(request(partner.url));

    // Assess
    expect(answer).toMatchObject({ kind: 'response', status: 301 });
    expect(partner.received).toHaveLength(1);
  });

  it('gives up on a receiver that does not answer within the timeout', async () => {
    // Prepare: a receiver that never answers
    const partner = await receiver(() => undefined);

    // Act
    const startedAt = Date.now();
    const answer = await nodeWebhookSender({ allowLocalhost: true }).send(request(partner.url, 300));

    // Assess
    expect(answer).toEqual({ kind: 'no-response', error: 'Timed out after 300 ms' });
    expect(Date.now() - startedAt).toBeLessThan(2000);
  });

  it('refuses to connect to loopback or private addresses unless localhost is allowed, by literal or by name', async () => {
    // Prepare
    const partner = await receiver((_, response) => response.writeHead(200).end());
    const sender = nodeWebhookSender({ allowLocalhost: false });

    // Act
    const answers = await Promise.all([
      sender.send(request(partner.url)),
      // By name: the lookup finds 127.0.0.1 (https, so the scheme check does not stop it first).
      sender.send(request(partner.url.replace('http://127.0.0.1', 'https://localhost'))),
      sender.send(request('https://10.0.0.1/hooks', 300)),
    ]);

    // Assess
    expect(answers.map((answer) => answer.kind)).toEqual(['no-response', 'no-response', 'no-response']);
    expect(answers[1]).toMatchObject({ error: expect.stringMatching(/localhost resolves to .* which deliveries may not reach/) });
    expect(partner.received).toEqual([]);
  });

  it('reports a refused connection as no response', async () => {
    // Prepare: a port nobody listens on
    const partner = await receiver(() => undefined);
    const url = partner.url;
    const closing = server;
    server = undefined;
    await new Promise((resolve) => closing?.close(resolve));

    // Act
    const answer = await nodeWebhookSender({ allowLocalhost: true }).send(request(url));

    // Assess
    expect(answer).toMatchObject({ kind: 'no-response', error: expect.stringContaining('ECONNREFUSED') });
  });
});

/**
 * What a partner would run, for `npm start`: an HTTP endpoint on this machine subscribed to the demo
 * channel's events, which verifies every delivery with the Standard Webhooks reference library and
 * keeps what it got. GET on it lists the deliveries, so anyone can watch signed webhooks arrive as
 * an order moves. Local runtime only; it talks to the OMS through its public API, like a partner.
 */
import { Webhook } from 'standardwebhooks';
import { listen, receiverServer, remember, type ListeningServer } from './listen';

/** Marks the subscription this receiver owns, so a restart replaces it instead of piling up more. */
const description = 'Demo receiver of npm start';

export interface ReceivedWebhook {
  readonly receivedAt: string;
  readonly webhookId: string;
  readonly type: string;
  readonly orderId?: string;
  /** Whether the signature verified with the subscription's secret (it always should). */
  readonly verified: boolean;
}

export interface DemoWebhookReceiver {
  readonly url: string;
  readonly received: readonly ReceivedWebhook[];
  close(): Promise<void>;
}

export async function startDemoWebhookReceiver({ apiUrl, apiKey, host = '127.0.0.1' }: { apiUrl: string; apiKey: string; host?: string }): Promise<DemoWebhookReceiver> {
  const received: ReceivedWebhook[] = [];
  // Set once the subscription (and so its secret) exists; deliveries cannot come before.
  const signing: { verifier?: Webhook } = {};
  const server = receiverServer(received, async (body, headers, response) => {
    let verified: boolean;
    try {
      signing.verifier?.verify(body, headers);
      verified = signing.verifier !== undefined;
    } catch {
      verified = false;
    }
    const event = JSON.parse(body) as { type?: string; correlation?: { orderId?: string } };
    remember(received, {
      receivedAt: new Date().toISOString(),
      webhookId: headers['webhook-id'] ?? '',
      type: event.type ?? 'unknown',
      ...(event.correlation?.orderId && { orderId: event.correlation.orderId }),
      verified,
    });
    // A receiver that cannot verify answers 401, so the OMS keeps retrying, as a partner's would.
    response.writeHead(verified ? 204 : 401).end();
  });
  const listening: ListeningServer = await listen(server, 0, host);
  const url = `${listening.url}/oms-events`;

  const call = async (method: string, path: string, payload?: unknown) => {
    const answer = await fetch(`${apiUrl}${path}`, {
      method,
      headers: { 'x-api-key': apiKey, ...(payload !== undefined && { 'content-type': 'application/json' }) },
      ...(payload !== undefined && { body: JSON.stringify(payload) }),
    });
    if (!answer.ok) throw new Error(`${method} ${path} answered ${answer.status}: ${await answer.text()}`);
    return answer.status === 204 ? undefined : ((await answer.json()) as Record<string, unknown>);
  };
  // The previous run's receiver listened on another port: its subscription goes.
  const existing = (await call('GET', '/webhooks/subscriptions')) as { items: { id: string; description?: string }[] };
  for (const old of existing.items.filter((subscription) => subscription.description === description)) {
    await call('DELETE', `/webhooks/subscriptions/${old.id}`);
  }
  const created = (await call('POST', '/webhooks/subscriptions', { url, eventTypes: ['*'], description })) as { id: string; secret: string };
  signing.verifier = new Webhook(created.secret);

  return {
    url: listening.url,
    received,
    async close() {
      // Unsubscribed first, so the OMS does not retry deliveries to a receiver that is gone.
      await call('DELETE', `/webhooks/subscriptions/${created.id}`).catch(() => undefined);
      await listening.close();
    },
  };
}

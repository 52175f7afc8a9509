import type { WebhookRequest, WebhookResponse, WebhookSender } from '../../../shared/ports/webhook-sender';

/** A partner endpoint as a script: each request gets the next scripted answer (the last one repeats), and is recorded. */
export class RecordingWebhookSender implements WebhookSender {
  readonly requests: WebhookRequest[] = [];
  private readonly script: WebhookResponse[];

  constructor(...script: WebhookResponse[]) {
    this.script = script.length > 0 ? script : [answer(200)];
  }

  async send(request: WebhookRequest): Promise<WebhookResponse> {
    this.requests.push(request);
    return (this.script.length > 1 ? this.script.shift() : this.script[0]) as WebhookResponse;
  }
}

export const answer = (status: number, { retryAfter, body = '' }: { retryAfter?: string; body?: string } = {}): WebhookResponse => ({
  kind: 'response',
  status,
  ...(retryAfter !== undefined && { retryAfter }),
  bodyExcerpt: body,
});

export const noAnswer = (error = 'ECONNREFUSED: connect ECONNREFUSED 203.0.113.10:443'): WebhookResponse => ({ kind: 'no-response', error });

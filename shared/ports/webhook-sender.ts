/** Sends one webhook request: a POST of the signed body, with a timeout, following no redirect. */
export interface WebhookRequest {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  readonly timeoutMs: number;
}

export type WebhookResponse =
  | {
      readonly kind: 'response';
      readonly status: number;
      /** The Retry-After header as sent, if any. */
      readonly retryAfter?: string;
      /** The start of the answer's body (the rest is not read). */
      readonly bodyExcerpt: string;
    }
  /** No answer: timeout, connection refused or reset, DNS failure, a refused address. */
  | { readonly kind: 'no-response'; readonly error: string };

export interface WebhookSender {
  send(request: WebhookRequest): Promise<WebhookResponse>;
}

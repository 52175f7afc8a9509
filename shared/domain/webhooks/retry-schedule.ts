/**
 * When a failed webhook delivery is tried again: exponential backoff with full jitter, for at
 * least the retry window (24 h by default), honouring a partner's Retry-After.
 *
 * The n-th retry waits a random time up to min(maxDelay, baseDelay × 2^(n−1)): up to 1 min, 2, 4,
 * ... then up to 1 h each. Full jitter spreads the retries of many deliveries that failed together
 * (a partner outage) so they do not come back as one wave. A delivery is dead-lettered only by a
 * failed attempt made when the window since its first attempt has passed, so the last attempt is
 * never earlier than the window's end: about 55 attempts over 24 h with the defaults (full jitter waits
 * half the cap on average, so twice as often as a schedule without jitter).
 */
import * as z from 'zod';

export const WebhookRetryPolicySchema = z
  .strictObject({
    baseDelaySeconds: z.number().positive().default(60).describe('Cap of the first retry’s random delay'),
    maxDelaySeconds: z.number().positive().default(3600).describe('Cap of any retry’s random delay'),
    retryWindowSeconds: z.number().positive().default(86_400).describe('Retries go on at least this long after the first attempt'),
    maxRetryAfterSeconds: z.number().positive().default(86_400).describe('Longest Retry-After honoured; a longer one is shortened to this'),
  })
  .refine((policy) => policy.maxDelaySeconds >= policy.baseDelaySeconds, { message: 'maxDelaySeconds must be at least baseDelaySeconds' });
export type WebhookRetryPolicy = z.output<typeof WebhookRetryPolicySchema>;

export const defaultWebhookRetryPolicy: WebhookRetryPolicy = WebhookRetryPolicySchema.parse({});

/** The random delay before retry number `retry` (1 = the first retry), in milliseconds. */
export function backoffDelayMs(policy: WebhookRetryPolicy, retry: number, random: () => number): number {
  const ceilingSeconds = Math.min(policy.maxDelaySeconds, policy.baseDelaySeconds * 2 ** Math.max(0, retry - 1));
  return Math.floor(random() * ceilingSeconds * 1000);
}

const httpDate = /^[A-Za-z]{3}, \d{2} [A-Za-z]{3} \d{4} \d{2}:\d{2}:\d{2} GMT$/;

/**
 * A Retry-After header in seconds from `now`: delta-seconds or an HTTP date (RFC 9110 §10.2.3;
 * a date in the past means now). Anything else is ignored, as if absent.
 */
export function parseRetryAfter(value: string | undefined, now: Date): number | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  if (/^\d+$/.test(text)) return Number(text);
  if (!httpDate.test(text)) return undefined;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now.getTime()) / 1000));
}

export type NextStep = { readonly kind: 'retry'; readonly at: Date; readonly because: 'backoff' | 'retry-after' } | { readonly kind: 'dead-letter' };

/**
 * What follows a failed attempt: another one (when the partner asked, or after the backoff), or the
 * dead-letter state once the window since `windowStartedAt` has passed.
 */
export function afterFailedAttempt({
  policy,
  windowStartedAt,
  attemptedAt,
  failedAttemptsInWindow,
  retryAfterSeconds,
  random,
}: {
  policy: WebhookRetryPolicy;
  windowStartedAt: Date;
  attemptedAt: Date;
  /** Failed attempts since the window started, this one included. */
  failedAttemptsInWindow: number;
  retryAfterSeconds?: number;
  random: () => number;
}): NextStep {
  if (attemptedAt.getTime() - windowStartedAt.getTime() >= policy.retryWindowSeconds * 1000) return { kind: 'dead-letter' };
  if (retryAfterSeconds !== undefined) {
    const delayMs = Math.min(retryAfterSeconds, policy.maxRetryAfterSeconds) * 1000;
    return { kind: 'retry', at: new Date(attemptedAt.getTime() + delayMs), because: 'retry-after' };
  }
  return { kind: 'retry', at: new Date(attemptedAt.getTime() + backoffDelayMs(policy, failedAttemptsInWindow, random)), because: 'backoff' };
}

/** 2xx is delivered; 410 Gone means the partner wants no more (the subscription is disabled); anything else is retried. */
export const classifyResponseStatus = (status: number): 'delivered' | 'gone' | 'failed' =>
  status >= 200 && status < 300 ? 'delivered' : status === 410 ? 'gone' : 'failed';

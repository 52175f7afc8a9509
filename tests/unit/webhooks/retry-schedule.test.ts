import { describe, expect, it } from 'vitest';
import {
  afterFailedAttempt,
  backoffDelayMs,
  classifyResponseStatus,
  defaultWebhookRetryPolicy,
  parseRetryAfter,
  WebhookRetryPolicySchema,
} from '../../../shared/domain/webhooks/retry-schedule';

const policy = defaultWebhookRetryPolicy;
const almostOne = () => 0.999_999;
const minute = 60_000;
const hour = 60 * minute;

describe('webhook retry schedule', () => {
  it('defaults to 1 min doubling up to 1 h, for 24 h, honouring Retry-After up to 24 h', () => {
    expect(policy).toEqual({ baseDelaySeconds: 60, maxDelaySeconds: 3600, retryWindowSeconds: 86_400, maxRetryAfterSeconds: 86_400 });
  });

  it('caps the n-th retry’s delay at 1, 2, 4, ... minutes, then at one hour', () => {
    // Act
    const ceilings = [1, 2, 3, 4, 5, 6, 7, 8, 30].map((retry) => Math.round(backoffDelayMs(policy, retry, almostOne) / minute));

    // Assess
    expect(ceilings).toEqual([1, 2, 4, 8, 16, 32, 60, 60, 60]);
  });

  it('draws the delay anywhere from zero to the cap (full jitter)', () => {
    expect(backoffDelayMs(policy, 4, () => 0)).toBe(0);
    expect(backoffDelayMs(policy, 4, () => 0.5)).toBe(4 * minute);
    expect(backoffDelayMs(policy, 40, () => 0.25)).toBe(15 * minute);
  });

  it('retries for at least the whole window, then dead-letters: the last attempt is 24 h or more after the first', () => {
    // Prepare: a partner that never answers 2xx, attempts as the schedule says, with a middling jitter
    const first = new Date('2026-03-01T00:00:00Z');
    let at = first;
    let attempts = 1;
    let failed = 1;

    // Act
    for (;;) {
      const next = afterFailedAttempt({ policy, windowStartedAt: first, attemptedAt: at, failedAttemptsInWindow: failed, random: () => 0.5 });
      if (next.kind === 'dead-letter') break;
      at = next.at;
      attempts += 1;
      failed += 1;
    }

    // Assess
    expect(at.getTime() - first.getTime()).toBeGreaterThanOrEqual(24 * hour);
    expect(at.getTime() - first.getTime()).toBeLessThan(25 * hour);
    expect(attempts).toBeGreaterThanOrEqual(30);
    expect(attempts).toBeLessThanOrEqual(60);
  });

  it('waits as long as Retry-After says instead of the backoff, up to its maximum', () => {
    // Prepare
    const attemptedAt = new Date('2026-03-01T10:00:00Z');
    const common = { policy, windowStartedAt: attemptedAt, attemptedAt, failedAttemptsInWindow: 1, random: () => 0 };

    // Act
    const asked = afterFailedAttempt({ ...common, retryAfterSeconds: 120 });
    const tooLong = afterFailedAttempt({ ...common, retryAfterSeconds: 7 * 86_400 });

    // Assess
    expect(asked).toEqual({ kind: 'retry', at: new Date('2026-03-01T10:02:00Z'), because: 'retry-after' });
    expect(tooLong).toEqual({ kind: 'retry', at: new Date('2026-03-02T10:00:00Z'), because: 'retry-after' });
  });

  it('reads Retry-After as delta-seconds or an HTTP date, and ignores anything else', () => {
    const now = new Date('2015-10-21T07:28:00Z');
    expect(parseRetryAfter('120', now)).toBe(120);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:29:30 GMT', now)).toBe(90);
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('-5', now)).toBeUndefined();
    expect(parseRetryAfter('1.5', now)).toBeUndefined();
    expect(parseRetryAfter('tomorrow', now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });

  it('counts 2xx as delivered, 410 as gone, and everything else (3xx included) as a failure', () => {
    expect([200, 201, 204, 299].map(classifyResponseStatus)).toEqual(['delivered', 'delivered', 'delivered', 'delivered']);
    expect(classifyResponseStatus(410)).toBe('gone');
    expect([301, 400, 404, 429, 500, 503].map(classifyResponseStatus)).toEqual(Array(6).fill('failed'));
  });

  it('refuses a policy whose cap is below its base', () => {
    expect(WebhookRetryPolicySchema.safeParse({ baseDelaySeconds: 10, maxDelaySeconds: 5 }).success).toBe(false);
  });
});

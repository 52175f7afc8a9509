import { describe, expect, it } from 'vitest';
import { call, uniqueOrder } from './api-client';

const withKey = (key: string) => ({ 'idempotency-key': key });
const newKey = () => `key-${Date.now()}-${Math.random().toString(36).slice(2)}`;

describe('Idempotency-Key on POST /orders', () => {
  it('returns the same order, with the same status, when a request is retried', async () => {
    const key = newKey();
    const order = uniqueOrder();

    const first = await call('POST', '/orders', { body: order, headers: withKey(key) });
    const retry = await call('POST', '/orders', { body: order, headers: withKey(key) });

    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(first.body);
  });

  it('refuses the same key with a different body (422) and writes nothing', async () => {
    const key = newKey();
    await call('POST', '/orders', { body: uniqueOrder(), headers: withKey(key) });
    const other = uniqueOrder();

    const reused = await call('POST', '/orders', { body: other, headers: withKey(key) });
    const search = await call('GET', `/orders?customerId=${other.customer.id}&limit=100`);

    expect(reused.status).toBe(422);
    expect(reused.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(search.body.items.map((o: { channelOrderRef: string }) => o.channelOrderRef)).not.toContain(other.channelOrderRef);
  });

  it('does not remember a failed request: after a rejected body, the same key works', async () => {
    const key = newKey();
    const order = uniqueOrder();

    const rejected = await call('POST', '/orders', { body: { ...order, expectedTotal: { amount: 1, currency: 'EUR' } }, headers: withKey(key) });
    const accepted = await call('POST', '/orders', { body: order, headers: withKey(key) });

    expect(rejected.status).toBe(422);
    expect(accepted.status).toBe(201);
  });

  it('creates exactly one order from 20 concurrent identical requests, with no 5xx', async () => {
    const key = newKey();
    const order = uniqueOrder();

    const answers = await Promise.all(Array.from({ length: 20 }, () => call('POST', '/orders', { body: order, headers: withKey(key) })));
    const listed = await call('GET', `/orders?customerId=${order.customer.id}&limit=100`);

    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s >= 500)).toEqual([]);
    // The winner gets 201; an in-flight duplicate gets 409 with Retry-After; a later one the stored 201.
    expect(statuses.every((s) => s === 201 || s === 409)).toBe(true);
    for (const inFlight of answers.filter((a) => a.status === 409)) {
      expect(inFlight.body.code).toBe('IDEMPOTENCY_REQUEST_IN_PROGRESS');
      expect(inFlight.headers.get('retry-after')).toBe('1');
    }
    const ids = new Set(answers.filter((a) => a.status === 201).map((a) => a.body.id));
    expect(ids.size).toBe(1);
    expect(listed.body.items.filter((o: { channelOrderRef: string }) => o.channelOrderRef === order.channelOrderRef)).toHaveLength(1);
  });

  it('creates exactly one order from 20 concurrent identical requests without a key (natural dedup)', async () => {
    const order = uniqueOrder();

    const answers = await Promise.all(Array.from({ length: 20 }, () => call('POST', '/orders', { body: order })));

    const statuses = answers.map((a) => a.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 200)).toHaveLength(19);
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
  });

  it('refuses a malformed Idempotency-Key', async () => {
    const answer = await call('POST', '/orders', { body: uniqueOrder(), headers: withKey('x'.repeat(300)) });
    expect(answer.status).toBe(400);
    expect(answer.body.errors[0].path).toBe('idempotency-key');
  });
});

import { describe, expect, it } from 'vitest';
import {
  InMemorySandboxPaymentStore,
  SandboxPaymentProvider,
  sandboxPaymentMethods,
  type SandboxPaymentRecord,
  type SandboxPaymentStore,
} from '../../../shared/adapters/sandbox/sandbox-payment-provider';
import { PaymentRejectedError, TransientPaymentError, type AuthorizationRequest, type AuthorizationResult } from '../../../shared/ports/payment-provider';

const euros = (amount: number) => ({ amount, currency: 'EUR' });

function authorizationRequest(reference: string, overrides: Partial<AuthorizationRequest> = {}): AuthorizationRequest {
  return { orderId: 'ord_01', amount: euros(10_000), payment: { reference }, idempotencyKey: 'ord_01:authorize', ...overrides };
}

/** A store that counts what it holds, to prove an operation ran once however often it was asked. */
class CountingStore implements SandboxPaymentStore {
  readonly inner = new InMemorySandboxPaymentStore();
  readonly keys = new Map<string, SandboxPaymentRecord['kind']>();

  get(key: string) {
    return this.inner.get(key);
  }

  put(key: string, record: SandboxPaymentRecord) {
    this.keys.set(key, record.kind);
    return this.inner.put(key, record);
  }

  count(kind: SandboxPaymentRecord['kind']) {
    return [...this.keys.values()].filter((held) => held === kind).length;
  }
}

function authorizationIdOf(result: AuthorizationResult): string {
  if (result.status === 'declined') throw new Error(`expected an authorization id, got a decline (${result.code})`);
  return result.authorizationId;
}

async function authorized(provider: SandboxPaymentProvider, amount = 10_000): Promise<string> {
  return authorizationIdOf(await provider.authorize(authorizationRequest('pm_card_visa', { amount: euros(amount) })));
}

describe('sandboxPaymentMethods', () => {
  it('documents every test payment method with a description', () => {
    // Prepare
    const references = Object.keys(sandboxPaymentMethods);

    // Act
    const undocumented = Object.entries(sandboxPaymentMethods).filter(([, method]) => method.description.length < 20);

    // Assess
    expect(references).toEqual([
      'pm_card_visa',
      'pm_card_chargeDeclined',
      'pm_card_chargeDeclinedInsufficientFunds',
      'pm_card_transientError',
      'pm_card_authenticationRequired',
      'pm_card_noIncrement',
    ]);
    expect(undocumented).toEqual([]);
  });
});

describe('SandboxPaymentProvider.authorize', () => {
  it('authorizes the full amount for pm_card_visa and for any reference it does not know', async () => {
    // Prepare
    const provider = new SandboxPaymentProvider();

    // Act
    const visa = await provider.authorize(authorizationRequest('pm_card_visa'));
    const intent = await provider.authorize(authorizationRequest('pi_3PqDemo0001', { idempotencyKey: 'other-key' }));

    // Assess
    expect(visa).toMatchObject({ status: 'authorized', amount: euros(10_000) });
    expect(intent).toMatchObject({ status: 'authorized', amount: euros(10_000) });
    expect(authorizationIdOf(visa)).not.toBe(authorizationIdOf(intent));
  });

  it('declines pm_card_chargeDeclined with card_declined and pm_card_chargeDeclinedInsufficientFunds with insufficient_funds', async () => {
    // Prepare
    const provider = new SandboxPaymentProvider();

    // Act
    const declined = await provider.authorize(authorizationRequest('pm_card_chargeDeclined', { idempotencyKey: 'k1' }));
    const broke = await provider.authorize(authorizationRequest('pm_card_chargeDeclinedInsufficientFunds', { idempotencyKey: 'k2' }));

    // Assess
    expect(declined).toEqual({ status: 'declined', code: 'card_declined', message: 'Your card was declined.' });
    expect(broke).toEqual({ status: 'declined', code: 'insufficient_funds', message: 'Your card has insufficient funds.' });
  });

  it('throws TransientPaymentError on the first attempt for a key with pm_card_transientError and authorizes the retry', async () => {
    // Prepare
    const provider = new SandboxPaymentProvider();
    const request = authorizationRequest('pm_card_transientError');

    // Act
    const firstAttempt = provider.authorize(request);
    await expect(firstAttempt).rejects.toThrow(TransientPaymentError);
    const retry = await provider.authorize(request);
    const otherKeyFirstAttempt = provider.authorize({ ...request, idempotencyKey: 'another-key' });

    // Assess
    expect(retry).toMatchObject({ status: 'authorized', amount: euros(10_000) });
    await expect(otherKeyFirstAttempt).rejects.toMatchObject({ name: 'TransientPaymentError' });
  });

  it('answers the same result for the same idempotency key and authorizes only once, even when asked concurrently', async () => {
    // Prepare
    const store = new CountingStore();
    const provider = new SandboxPaymentProvider({ store });
    const request = authorizationRequest('pm_card_visa');

    // Act
    const results = await Promise.all([provider.authorize(request), provider.authorize(request), provider.authorize(request)]);

    // Assess
    expect(new Set(results.map(authorizationIdOf)).size).toBe(1);
    expect(results[1]).toEqual(results[0]);
    expect(store.count('authorization')).toBe(1);
  });

  it('replays a decline for the same key instead of trying the card again', async () => {
    // Prepare
    const store = new CountingStore();
    const provider = new SandboxPaymentProvider({ store });
    const request = authorizationRequest('pm_card_chargeDeclined');
    const first = await provider.authorize(request);

    // Act
    const second = await provider.authorize(request);

    // Assess
    expect(second).toEqual(first);
    expect(store.count('authorization')).toBe(0);
  });

  it('refuses an idempotency key reused for a different authorization', async () => {
    // Prepare
    const provider = new SandboxPaymentProvider();
    await provider.authorize(authorizationRequest('pm_card_visa'));

    // Act
    const reuse = provider.authorize(authorizationRequest('pm_card_visa', { amount: euros(9_999) }));

    // Assess
    await expect(reuse).rejects.toThrow(PaymentRejectedError);
    await expect(reuse).rejects.toThrow('already used for a different authorize request');
  });

  it('refuses amounts that are not a positive whole number of minor units', async () => {
    // Prepare
    const provider = new SandboxPaymentProvider();

    // Act
    const zero = provider.authorize(authorizationRequest('pm_card_visa', { amount: euros(0) }));
    const fraction = provider.authorize(authorizationRequest('pm_card_visa', { amount: euros(10.5), idempotencyKey: 'k2' }));

    // Assess
    await expect(zero).rejects.toThrow(PaymentRejectedError);
    await expect(fraction).rejects.toThrow(PaymentRejectedError);
  });
});

describe('SandboxPaymentProvider 3-D Secure (pm_card_authenticationRequired)', () => {
  it('answers requires_action with an actionUrl naming the authorization, and refuses a capture until the customer acts', async () => {
    // Prepare
    const provider = new SandboxPaymentProvider({ actionUrlBase: 'https://psp.test/3ds' });

    // Act
    const result = await provider.authorize(authorizationRequest('pm_card_authenticationRequired'));
    const authorizationId = authorizationIdOf(result);
    const capture = provider.capture({ authorizationId, amount: euros(100), idempotencyKey: 'cap-1' });

    // Assess
    expect(result).toEqual({ status: 'requires_action', authorizationId, actionUrl: `https://psp.test/3ds/${authorizationId}` });
    await expect(capture).rejects.toThrow('is requires_action; only an authorized payment can be captured');
  });

  it('authorizes when the customer approves, and a retried authorize with the same key then sees the authorization', async () => {
    // Prepare
    const provider = new SandboxPaymentProvider();
    const request = authorizationRequest('pm_card_authenticationRequired');
    const authorizationId = authorizationIdOf(await provider.authorize(request));

    // Act
    const approved = await provider.completeAction(authorizationId, 'approve');
    const retried = await provider.authorize(request);
    const capture = await provider.capture({ authorizationId, amount: euros(10_000), idempotencyKey: 'cap-1' });

    // Assess
    expect(approved).toEqual({ status: 'authorized', authorizationId, amount: euros(10_000) });
    expect(retried).toEqual(approved);
    expect(capture.amount).toEqual(euros(10_000));
  });

  it('declines when the customer fails authentication, and nothing can be captured', async () => {
    // Prepare
    const provider = new SandboxPaymentProvider();
    const request = authorizationRequest('pm_card_authenticationRequired');
    const authorizationId = authorizationIdOf(await provider.authorize(request));

    // Act
    const declined = await provider.completeAction(authorizationId, 'decline');
    const retried = await provider.authorize(request);
    const capture = provider.capture({ authorizationId, amount: euros(1), idempotencyKey: 'cap-1' });

    // Assess
    expect(declined).toMatchObject({ status: 'declined', code: 'card_declined' });
    expect(retried).toEqual(declined);
    await expect(capture).rejects.toThrow(PaymentRejectedError);
  });

  it('answers the same outcome again, but refuses the opposite outcome and an action on a payment that needs none', async () => {
    // Prepare
    const provider = new SandboxPaymentProvider();
    const pending = authorizationIdOf(await provider.authorize(authorizationRequest('pm_card_authenticationRequired')));
    const plain = authorizationIdOf(await provider.authorize(authorizationRequest('pm_card_visa', { idempotencyKey: 'k2' })));
    const first = await provider.completeAction(pending, 'approve');

    // Act
    const again = await provider.completeAction(pending, 'approve');
    const flip = provider.completeAction(pending, 'decline');
    const needless = provider.completeAction(plain, 'approve');
    const unknown = provider.completeAction('auth_unknown', 'approve');

    // Assess
    expect(again).toEqual(first);
    await expect(flip).rejects.toThrow('was already approved');
    await expect(needless).rejects.toThrow('awaits no customer action');
    await expect(unknown).rejects.toThrow(PaymentRejectedError);
  });

  it('cancels a payment still waiting for the customer when it is voided, releasing nothing because nothing was held', async () => {
    // Prepare
    const provider = new SandboxPaymentProvider();
    const authorizationId = authorizationIdOf(await provider.authorize(authorizationRequest('pm_card_authenticationRequired')));

    // Act
    const voided = await provider.void({ authorizationId, idempotencyKey: 'void-1' });
    const lateApproval = provider.completeAction(authorizationId, 'approve');

    // Assess
    expect(voided).toEqual({ voided: euros(0) });
    await expect(lateApproval).rejects.toThrow('is cancelled');
  });
});

describe('SandboxPaymentProvider.incrementAuthorization', () => {
  it('raises what can be captured by the increment, once per idempotency key', async () => {
    // Prepare
    const provider = new SandboxPaymentProvider();
    const authorizationId = await authorized(provider);

    // Act
    const raised = await provider.incrementAuthorization({ authorizationId, amount: euros(2_500), idempotencyKey: 'ord_01:edit:4' });
    const retried = await provider.incrementAuthorization({ authorizationId, amount: euros(2_500), idempotencyKey: 'ord_01:edit:4' });
    const all = await provider.capture({ authorizationId, amount: euros(12_500), idempotencyKey: 'ship-1' });

    // Assess
    expect(raised).toEqual({ status: 'authorized', amount: euros(2_500) });
    expect(retried).toEqual(raised);
    expect(all.amount).toEqual(euros(12_500));
    await expect(provider.capture({ authorizationId, amount: euros(1), idempotencyKey: 'ship-2' })).rejects.toThrow(PaymentRejectedError);
  });

  it('declines an increment for pm_card_noIncrement and leaves the authorization as it was', async () => {
    // Prepare
    const provider = new SandboxPaymentProvider();
    const authorizationId = authorizationIdOf(await provider.authorize(authorizationRequest('pm_card_noIncrement')));

    // Act
    const declined = await provider.incrementAuthorization({ authorizationId, amount: euros(100), idempotencyKey: 'ord_01:edit:4' });

    // Assess
    expect(declined).toMatchObject({ status: 'declined', code: 'insufficient_funds' });
    expect(await provider.getAuthorization(authorizationId)).toMatchObject({ amount: euros(10_000) });
  });

  it('refuses to raise a voided authorization', async () => {
    // Prepare
    const provider = new SandboxPaymentProvider();
    const authorizationId = await authorized(provider);
    await provider.void({ authorizationId, idempotencyKey: 'void' });

    // Act
    const raising = provider.incrementAuthorization({ authorizationId, amount: euros(100), idempotencyKey: 'ord_01:edit:4' });

    // Assess
    await expect(raising).rejects.toThrow(PaymentRejectedError);
  });
});

describe('SandboxPaymentProvider.capture', () => {
  it('captures per shipment up to the authorized amount and refuses the cent beyond it', async () => {
    // Prepare
    const provider = new SandboxPaymentProvider();
    const authorizationId = await authorized(provider);

    // Act
    const first = await provider.capture({ authorizationId, amount: euros(6_000), idempotencyKey: 'ship-1' });
    const second = await provider.capture({ authorizationId, amount: euros(4_000), idempotencyKey: 'ship-2' });
    const beyond = provider.capture({ authorizationId, amount: euros(1), idempotencyKey: 'ship-3' });

    // Assess
    expect(first.amount).toEqual(euros(6_000));
    expect(second.amount).toEqual(euros(4_000));
    expect(first.captureId).not.toBe(second.captureId);
    await expect(beyond).rejects.toThrow('capture of EUR 0.01 exceeds the EUR 0.00 authorization');
    expect(await provider.getAuthorization(authorizationId)).toMatchObject({ captured: 10_000, status: 'authorized' });
  });

  it('captures once per idempotency key: a retry answers the same capture and takes nothing more', async () => {
    // Prepare
    const store = new CountingStore();
    const provider = new SandboxPaymentProvider({ store });
    const authorizationId = await authorized(provider);
    const request = { authorizationId, amount: euros(6_000), idempotencyKey: 'ship-1' };

    // Act
    const [first, retry] = await Promise.all([provider.capture(request), provider.capture(request)]);
    const rest = await provider.capture({ authorizationId, amount: euros(4_000), idempotencyKey: 'ship-2' });

    // Assess
    expect(retry).toEqual(first);
    expect(rest.amount).toEqual(euros(4_000));
    expect(store.count('capture')).toBe(2);
  });

  it('refuses a capture in another currency, of an unknown authorization, or reusing a key for another amount', async () => {
    // Prepare
    const provider = new SandboxPaymentProvider();
    const authorizationId = await authorized(provider);
    await provider.capture({ authorizationId, amount: euros(100), idempotencyKey: 'ship-1' });

    // Act
    const dollars = provider.capture({ authorizationId, amount: { amount: 100, currency: 'USD' }, idempotencyKey: 'ship-2' });
    const unknown = provider.capture({ authorizationId: 'auth_unknown', amount: euros(100), idempotencyKey: 'ship-3' });
    const reusedKey = provider.capture({ authorizationId, amount: euros(200), idempotencyKey: 'ship-1' });

    // Assess
    await expect(dollars).rejects.toThrow('capture is in USD');
    await expect(unknown).rejects.toThrow('no authorization auth_unknown');
    await expect(reusedKey).rejects.toThrow(PaymentRejectedError);
  });
});

describe('SandboxPaymentProvider.void', () => {
  it('releases the uncaptured remainder and then refuses captures', async () => {
    // Prepare
    const provider = new SandboxPaymentProvider();
    const authorizationId = await authorized(provider);
    await provider.capture({ authorizationId, amount: euros(6_000), idempotencyKey: 'ship-1' });

    // Act
    const result = await provider.void({ authorizationId, idempotencyKey: 'void-1' });
    const capture = provider.capture({ authorizationId, amount: euros(1), idempotencyKey: 'ship-2' });

    // Assess
    expect(result).toEqual({ voided: euros(4_000) });
    await expect(capture).rejects.toThrow('is voided');
  });

  it('answers what the first void released to a retry with the same key and to a second void with another key', async () => {
    // Prepare
    const provider = new SandboxPaymentProvider();
    const authorizationId = await authorized(provider);
    const first = await provider.void({ authorizationId, idempotencyKey: 'void-1' });

    // Act
    const retry = await provider.void({ authorizationId, idempotencyKey: 'void-1' });
    const another = await provider.void({ authorizationId, idempotencyKey: 'void-2' });

    // Assess
    expect(first).toEqual({ voided: euros(10_000) });
    expect(retry).toEqual(first);
    expect(another).toEqual(first);
  });
});

describe('SandboxPaymentProvider.refund', () => {
  it('refunds a capture in parts and refuses more than that capture has left, whatever the other captures hold', async () => {
    // Prepare
    const provider = new SandboxPaymentProvider();
    const authorizationId = await authorized(provider);
    const small = await provider.capture({ authorizationId, amount: euros(2_000), idempotencyKey: 'ship-1' });
    await provider.capture({ authorizationId, amount: euros(8_000), idempotencyKey: 'ship-2' });

    // Act
    const part = await provider.refund({ captureId: small.captureId, amount: euros(1_500), idempotencyKey: 're-1', reason: 'return' });
    const tooMuch = provider.refund({ captureId: small.captureId, amount: euros(501), idempotencyKey: 're-2', reason: 'return' });
    const rest = await provider.refund({ captureId: small.captureId, amount: euros(500), idempotencyKey: 're-3', reason: 'return' });

    // Assess
    expect(part.amount).toEqual(euros(1_500));
    await expect(tooMuch).rejects.toThrow('refund of EUR 5.01 exceeds the EUR 5.00 capture');
    expect(rest.amount).toEqual(euros(500));
    expect(await provider.getCapture(small.captureId)).toMatchObject({ refunded: 2_000 });
    expect(await provider.getRefund(part.refundId)).toMatchObject({ reason: 'return', amount: euros(1_500) });
  });

  it('refunds once per idempotency key', async () => {
    // Prepare
    const provider = new SandboxPaymentProvider();
    const authorizationId = await authorized(provider);
    const capture = await provider.capture({ authorizationId, amount: euros(2_000), idempotencyKey: 'ship-1' });
    const request = { captureId: capture.captureId, amount: euros(2_000), idempotencyKey: 're-1', reason: 'cancelled' };

    // Act
    const first = await provider.refund(request);
    const retry = await provider.refund(request);

    // Assess
    expect(retry).toEqual(first);
    expect(await provider.getCapture(capture.captureId)).toMatchObject({ refunded: 2_000 });
  });

  it('refuses a refund in another currency or of an unknown capture', async () => {
    // Prepare
    const provider = new SandboxPaymentProvider();
    const authorizationId = await authorized(provider);
    const capture = await provider.capture({ authorizationId, amount: euros(2_000), idempotencyKey: 'ship-1' });

    // Act
    const dollars = provider.refund({ captureId: capture.captureId, amount: { amount: 100, currency: 'USD' }, idempotencyKey: 're-1', reason: 'x' });
    const unknown = provider.refund({ captureId: 'ch_unknown', amount: euros(100), idempotencyKey: 're-2', reason: 'x' });

    // Assess
    await expect(dollars).rejects.toThrow('refund is in USD');
    await expect(unknown).rejects.toThrow('no capture ch_unknown');
  });
});

describe('SandboxPaymentProvider store', () => {
  it('keeps its books in the given store, so another instance on the same store continues where the first left off', async () => {
    // Prepare
    const store = new InMemorySandboxPaymentStore();
    const first = new SandboxPaymentProvider({ store });
    const authorizationId = await authorized(first);
    await first.capture({ authorizationId, amount: euros(7_000), idempotencyKey: 'ship-1' });

    // Act
    const second = new SandboxPaymentProvider({ store });
    const replayed = await second.authorize(authorizationRequest('pm_card_visa'));
    const beyond = second.capture({ authorizationId, amount: euros(3_001), idempotencyKey: 'ship-2' });

    // Assess
    expect(authorizationIdOf(replayed)).toBe(authorizationId);
    await expect(beyond).rejects.toThrow(PaymentRejectedError);
  });

  it('hands out copies, so a caller changing a record it read cannot change the books', async () => {
    // Prepare
    const provider = new SandboxPaymentProvider();
    const authorizationId = await authorized(provider);
    const record = await provider.getAuthorization(authorizationId);
    if (!record) throw new Error('the authorization was not stored');

    // Act
    (record as { captured: number }).captured = 10_000;
    const capture = await provider.capture({ authorizationId, amount: euros(10_000), idempotencyKey: 'ship-1' });

    // Assess
    expect(capture.amount).toEqual(euros(10_000));
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConflictError } from '../../../shared/domain/errors';
import {
  AuthorizationVoided,
  CaptureExceedsAuthorization,
  InvalidLedgerAmount,
  LedgerCurrencyMismatch,
  LedgerEntryConflict,
  PaymentLedgerViolation,
  RefundExceedsCapture,
  UnknownLedgerReference,
  VoidAmountMismatch,
  applyLedgerEntry,
  capturableAmount,
  describeMoney,
  ledgerPositions,
  moneySummary,
  openPaymentLedger,
  refundableAmount,
  voidableAmount,
  type LedgerEntry,
  type PaymentLedger,
} from '../../../shared/domain/money-ledger';

const euros = (amount: number) => ({ amount, currency: 'EUR' });

function applyAll(ledger: PaymentLedger, entries: readonly LedgerEntry[]): PaymentLedger {
  return entries.reduce(applyLedgerEntry, ledger);
}

/** An order authorized for 100.00 and captured in two shipments of 60.00 and 25.00. */
function shippedTwice(): PaymentLedger {
  return applyAll(openPaymentLedger('ord_01', 'EUR'), [
    { type: 'authorization', id: 'auth_1', amount: euros(10_000), at: '2026-03-02T09:00:00Z' },
    { type: 'capture', id: 'cap_1', authorizationId: 'auth_1', amount: euros(6_000) },
    { type: 'capture', id: 'cap_2', authorizationId: 'auth_1', amount: euros(2_500) },
  ]);
}

describe('openPaymentLedger', () => {
  it('starts with every total at zero in the order currency and no entries', () => {
    // Prepare
    const orderId = 'ord_01';

    // Act
    const ledger = openPaymentLedger(orderId, 'JPY');

    // Assess
    expect(ledger.entries).toEqual([]);
    expect(moneySummary(ledger)).toEqual({
      authorized: { amount: 0, currency: 'JPY' },
      captured: { amount: 0, currency: 'JPY' },
      refunded: { amount: 0, currency: 'JPY' },
      voided: { amount: 0, currency: 'JPY' },
      outstandingAuthorization: { amount: 0, currency: 'JPY' },
      netPaid: { amount: 0, currency: 'JPY' },
    });
  });
});

describe('applyLedgerEntry and moneySummary', () => {
  it('summarizes partial captures per shipment, a refund and a void into totals that balance', () => {
    // Prepare
    const ledger = shippedTwice();

    // Act
    const refunded = applyLedgerEntry(ledger, { type: 'refund', id: 're_1', captureId: 'cap_1', amount: euros(1_000), reason: 'damaged' });
    const closed = applyLedgerEntry(refunded, { type: 'void', id: 'void_1', authorizationId: 'auth_1', amount: euros(1_500) });

    // Assess
    expect(moneySummary(closed)).toEqual({
      authorized: euros(10_000),
      captured: euros(8_500),
      refunded: euros(1_000),
      voided: euros(1_500),
      outstandingAuthorization: euros(0),
      netPaid: euros(7_500),
    });
    expect(closed.entries.map((entry) => entry.id)).toEqual(['auth_1', 'cap_1', 'cap_2', 're_1', 'void_1']);
  });

  it('leaves the ledger it was given untouched, so a refused entry cannot half-apply', () => {
    // Prepare
    const ledger = shippedTwice();
    const before = structuredClone(ledger);

    // Act
    applyLedgerEntry(ledger, { type: 'capture', id: 'cap_3', authorizationId: 'auth_1', amount: euros(1_500) });
    expect(() => applyLedgerEntry(ledger, { type: 'capture', id: 'cap_4', authorizationId: 'auth_1', amount: euros(1_501) })).toThrow();

    // Assess
    expect(ledger).toEqual(before);
  });

  it('refuses a capture above what the authorization still holds, naming both amounts', () => {
    // Prepare
    const ledger = shippedTwice();

    // Act
    const capture = () => applyLedgerEntry(ledger, { type: 'capture', id: 'cap_3', authorizationId: 'auth_1', amount: euros(1_501) });

    // Assess
    expect(capture).toThrow(CaptureExceedsAuthorization);
    expect(capture).toThrow('capture cap_3 of EUR 15.01 exceeds the EUR 15.00 authorization auth_1 still holds');
  });

  it('keeps each authorization apart: a second authorization does not raise what the first can capture', () => {
    // Prepare
    const ledger = applyLedgerEntry(shippedTwice(), { type: 'authorization', id: 'auth_2', amount: euros(5_000) });

    // Act
    const capture = () => applyLedgerEntry(ledger, { type: 'capture', id: 'cap_3', authorizationId: 'auth_1', amount: euros(2_000) });

    // Assess
    expect(capture).toThrow(CaptureExceedsAuthorization);
    expect(capturableAmount(ledger)).toEqual(euros(6_500));
    expect(capturableAmount(ledger, 'auth_1')).toEqual(euros(1_500));
    expect(capturableAmount(ledger, 'auth_2')).toEqual(euros(5_000));
  });

  it('refuses a refund above what that capture has left, even when other captures could cover it', () => {
    // Prepare
    const ledger = applyLedgerEntry(shippedTwice(), { type: 'refund', id: 're_1', captureId: 'cap_2', amount: euros(2_000) });

    // Act
    const refund = () => applyLedgerEntry(ledger, { type: 'refund', id: 're_2', captureId: 'cap_2', amount: euros(501) });

    // Assess
    expect(refund).toThrow(RefundExceedsCapture);
    expect(refund).toThrow('refund re_2 of EUR 5.01 exceeds the EUR 5.00 capture cap_2 has left');
    expect(refundableAmount(ledger, 'cap_2')).toEqual(euros(500));
    expect(refundableAmount(ledger)).toEqual(euros(6_500));
  });

  it('closes the authorization on a void: no capture afterwards, not even of zero remainder', () => {
    // Prepare
    const ledger = applyLedgerEntry(shippedTwice(), { type: 'void', id: 'void_1', authorizationId: 'auth_1', amount: euros(1_500) });

    // Act
    const capture = () => applyLedgerEntry(ledger, { type: 'capture', id: 'cap_3', authorizationId: 'auth_1', amount: euros(1) });
    const voidAgain = () => applyLedgerEntry(ledger, { type: 'void', id: 'void_2', authorizationId: 'auth_1', amount: euros(0) });

    // Assess
    expect(capture).toThrow(AuthorizationVoided);
    expect(voidAgain).toThrow(AuthorizationVoided);
    expect(voidableAmount(ledger)).toEqual(euros(0));
    expect(capturableAmount(ledger, 'auth_1')).toEqual(euros(0));
  });

  it('refuses a void of anything but the exact remainder, because that means the ledger and the provider disagree', () => {
    // Prepare
    const ledger = shippedTwice();

    // Act
    const tooLittle = () => applyLedgerEntry(ledger, { type: 'void', id: 'void_1', authorizationId: 'auth_1', amount: euros(1_000) });
    const tooMuch = () => applyLedgerEntry(ledger, { type: 'void', id: 'void_1', authorizationId: 'auth_1', amount: euros(10_000) });

    // Assess
    expect(tooLittle).toThrow(VoidAmountMismatch);
    expect(tooMuch).toThrow(VoidAmountMismatch);
    expect(voidableAmount(ledger, 'auth_1')).toEqual(euros(1_500));
  });

  it('records a void of zero when the authorization was captured in full, so it is closed all the same', () => {
    // Prepare
    const ledger = applyLedgerEntry(shippedTwice(), { type: 'capture', id: 'cap_3', authorizationId: 'auth_1', amount: euros(1_500) });

    // Act
    const closed = applyLedgerEntry(ledger, { type: 'void', id: 'void_1', authorizationId: 'auth_1', amount: euros(0) });

    // Assess
    expect(ledgerPositions(closed).authorizations).toEqual([
      { authorizationId: 'auth_1', authorized: euros(10_000), captured: euros(10_000), voided: euros(0), isVoided: true },
    ]);
  });

  it('ignores an entry applied again with the same id and content (a retried task), whatever time it reports', () => {
    // Prepare
    const ledger = shippedTwice();

    // Act
    const replayed = applyLedgerEntry(ledger, { type: 'capture', id: 'cap_2', authorizationId: 'auth_1', amount: euros(2_500), at: '2026-03-03T10:00:00Z' });

    // Assess
    expect(replayed).toBe(ledger);
    expect(moneySummary(replayed).captured).toEqual(euros(8_500));
  });

  it('refuses an id reused for another movement as a conflict', () => {
    // Prepare
    const ledger = shippedTwice();

    // Act
    const reuse = () => applyLedgerEntry(ledger, { type: 'capture', id: 'cap_2', authorizationId: 'auth_1', amount: euros(1_000) });
    const reuseAcrossTypes = () => applyLedgerEntry(ledger, { type: 'refund', id: 'cap_2', captureId: 'cap_1', amount: euros(2_500) });

    // Assess
    expect(reuse).toThrow(LedgerEntryConflict);
    expect(reuse).toThrow(ConflictError);
    expect(reuseAcrossTypes).toThrow(LedgerEntryConflict);
  });

  it('refuses entries in another currency than the order', () => {
    // Prepare
    const ledger = openPaymentLedger('ord_01', 'EUR');

    // Act
    const authorize = () => applyLedgerEntry(ledger, { type: 'authorization', id: 'auth_1', amount: { amount: 100, currency: 'USD' } });

    // Assess
    expect(authorize).toThrow(LedgerCurrencyMismatch);
  });

  it('refuses zero, negative and fractional amounts for money that moves', () => {
    // Prepare
    const ledger = shippedTwice();
    const amounts = [0, -100, 10.5];

    // Act
    const attempts = amounts.map((amount) => () => applyLedgerEntry(ledger, { type: 'capture', id: `cap_${amount}`, authorizationId: 'auth_1', amount: euros(amount) }));

    // Assess
    for (const attempt of attempts) expect(attempt).toThrow(InvalidLedgerAmount);
  });

  it('refuses references to authorizations and captures the ledger does not hold', () => {
    // Prepare
    const ledger = shippedTwice();

    // Act
    const captureOfUnknown = () => applyLedgerEntry(ledger, { type: 'capture', id: 'cap_3', authorizationId: 'auth_9', amount: euros(1) });
    const refundOfAuthorization = () => applyLedgerEntry(ledger, { type: 'refund', id: 're_1', captureId: 'auth_1', amount: euros(1) });

    // Assess
    expect(captureOfUnknown).toThrow(UnknownLedgerReference);
    expect(refundOfAuthorization).toThrow(UnknownLedgerReference);
  });

  it('reports every refusal except a reused id as a 422 business-rule violation with a stable code', () => {
    // Prepare
    const ledger = shippedTwice();

    // Act
    let caught: unknown;
    try {
      applyLedgerEntry(ledger, { type: 'capture', id: 'cap_3', authorizationId: 'auth_1', amount: euros(99_999) });
    } catch (error) {
      caught = error;
    }

    // Assess
    expect(caught).toBeInstanceOf(PaymentLedgerViolation);
    expect(caught).toMatchObject({ kind: 'invalid', code: 'LEDGER_OVER_CAPTURE' });
  });
});

describe('ledgerPositions', () => {
  it('shows where each authorization and each capture stands', () => {
    // Prepare
    const ledger = applyLedgerEntry(shippedTwice(), { type: 'refund', id: 're_1', captureId: 'cap_1', amount: euros(600) });

    // Act
    const positions = ledgerPositions(ledger);

    // Assess
    expect(positions).toEqual({
      authorizations: [{ authorizationId: 'auth_1', authorized: euros(10_000), captured: euros(8_500), voided: euros(0), isVoided: false }],
      captures: [
        { captureId: 'cap_1', authorizationId: 'auth_1', captured: euros(6_000), refunded: euros(600) },
        { captureId: 'cap_2', authorizationId: 'auth_1', captured: euros(2_500), refunded: euros(0) },
      ],
    });
  });
});

describe('describeMoney', () => {
  it('writes minor units with the currency’s own decimals', () => {
    // Prepare
    const amounts = [euros(1_999), euros(5), { amount: 500, currency: 'JPY' }, { amount: 1_234, currency: 'KWD' }];

    // Act
    const described = amounts.map(describeMoney);

    // Assess
    expect(described).toEqual(['EUR 19.99', 'EUR 0.05', 'JPY 500', 'KWD 1.234']);
  });
});

type Command =
  | { readonly op: 'authorize'; readonly amount: number }
  | { readonly op: 'capture' | 'refund'; readonly pick: number; readonly amount: number; readonly share: number | null }
  | { readonly op: 'void'; readonly pick: number; readonly amount: number; readonly exact: boolean }
  | { readonly op: 'replay'; readonly pick: number };

const amountArbitrary = fc.integer({ min: -5, max: 12_000 });
const shareArbitrary = fc.option(fc.integer({ min: 1, max: 100 }), { nil: null });
// Weighted towards captures and refunds: a void closes an authorization, so too many starve the rest.
const commandArbitrary: fc.Arbitrary<Command> = fc.oneof(
  { weight: 2, arbitrary: fc.record({ op: fc.constant('authorize' as const), amount: amountArbitrary }) },
  // A share of what is allowed keeps most captures and refunds valid; null tries an arbitrary amount.
  { weight: 4, arbitrary: fc.record({ op: fc.constant('capture' as const), pick: fc.nat(), amount: amountArbitrary, share: shareArbitrary }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('refund' as const), pick: fc.nat(), amount: amountArbitrary, share: shareArbitrary }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('void' as const), pick: fc.nat(), amount: amountArbitrary, exact: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('replay' as const), pick: fc.nat() }) },
);

/** Picks one of the ids, or an unknown one when there are none. */
const pickFrom = (ids: readonly string[], pick: number) => ids[pick % Math.max(ids.length, 1)] ?? 'unknown';

function entryFor(ledger: PaymentLedger, command: Command, index: number): LedgerEntry | undefined {
  const ids = (type: LedgerEntry['type']) => ledger.entries.filter((entry) => entry.type === type).map((entry) => entry.id);
  const sharedAmount = (allowed: number, amount: number, share: number | null) => (share === null ? amount : Math.max(1, Math.ceil((allowed * share) / 100)));
  switch (command.op) {
    case 'authorize':
      return { type: 'authorization', id: `auth_${index}`, amount: euros(command.amount) };
    case 'capture': {
      const authorizationId = pickFrom(ids('authorization'), command.pick);
      const amount = sharedAmount(capturableAmount(ledger, authorizationId).amount, command.amount, command.share);
      return { type: 'capture', id: `cap_${index}`, authorizationId, amount: euros(amount) };
    }
    case 'refund': {
      const captureId = pickFrom(ids('capture'), command.pick);
      const amount = sharedAmount(refundableAmount(ledger, captureId).amount, command.amount, command.share);
      return { type: 'refund', id: `re_${index}`, captureId, amount: euros(amount) };
    }
    case 'void': {
      const authorizationId = pickFrom(ids('authorization'), command.pick);
      const amount = command.exact ? voidableAmount(ledger, authorizationId).amount : command.amount;
      return { type: 'void', id: `void_${index}`, authorizationId, amount: euros(amount) };
    }
    case 'replay':
      return ledger.entries[command.pick % Math.max(ledger.entries.length, 1)];
  }
}

function sumOf(ledger: PaymentLedger, type: LedgerEntry['type']): number {
  return ledger.entries.filter((entry) => entry.type === type).reduce((sum, entry) => sum + entry.amount.amount, 0);
}

describe('payment ledger invariants', () => {
  it('never lets captured exceed authorized or refunded exceed captured, and the summary always balances, for any sequence of movements', () => {
    fc.assert(
      fc.property(fc.array(commandArbitrary, { minLength: 1, maxLength: 40, size: 'medium' }), (commands) => {
        // Prepare
        let ledger = openPaymentLedger('ord_prop', 'EUR');

        commands.forEach((command, index) => {
          const entry = entryFor(ledger, command, index);
          if (!entry) return;
          const before = ledger;

          // Act
          try {
            ledger = applyLedgerEntry(ledger, entry);
          } catch (error) {
            // Assess: a refusal is always a typed ledger error and changes nothing.
            expect(error).toBeInstanceOf(PaymentLedgerViolation);
            expect(ledger).toBe(before);
          }
          if (command.op === 'replay') expect(ledger).toBe(before);

          // Assess
          const summary = moneySummary(ledger);
          expect(summary.captured.amount).toBeLessThanOrEqual(summary.authorized.amount);
          expect(summary.refunded.amount).toBeLessThanOrEqual(summary.captured.amount);
          expect(summary.outstandingAuthorization.amount).toBeGreaterThanOrEqual(0);
          expect(summary.authorized.amount).toBe(summary.captured.amount + summary.voided.amount + summary.outstandingAuthorization.amount);
          expect(summary.captured.amount).toBe(summary.refunded.amount + summary.netPaid.amount);
          expect(summary.outstandingAuthorization).toEqual(capturableAmount(ledger));
          expect(summary.netPaid).toEqual(refundableAmount(ledger));
          expect([summary.authorized.amount, summary.captured.amount, summary.refunded.amount, summary.voided.amount]).toEqual([
            sumOf(ledger, 'authorization'),
            sumOf(ledger, 'capture'),
            sumOf(ledger, 'refund'),
            sumOf(ledger, 'void'),
          ]);
          const positions = ledgerPositions(ledger);
          for (const authorization of positions.authorizations) {
            expect(authorization.captured.amount + authorization.voided.amount).toBeLessThanOrEqual(authorization.authorized.amount);
          }
          for (const capture of positions.captures) {
            expect(capture.refunded.amount).toBeLessThanOrEqual(capture.captured.amount);
          }
        });
      }),
      { numRuns: 300 },
    );
  });
});

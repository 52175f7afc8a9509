/**
 * An order's payment ledger: every authorization, capture, refund and void the provider confirmed,
 * and the totals they add up to. The provider is the system of record for money; this ledger is the
 * OMS's own account of it, so the lifecycle can decide what may still be captured, voided or
 * refunded without asking the provider, and ops can read one money summary per order.
 *
 * Pure: applying an entry returns a new ledger. An entry id is unique within the ledger and should
 * be the provider's id of the movement (authorizationId, captureId, refundId) or, for a void, the
 * idempotency key; a retried task that applies the same entry again then changes nothing.
 */
import type { Money } from '../contracts/money';
import { BusinessRuleViolation, ConflictError } from './errors';

interface EntryBase {
  readonly id: string;
  readonly amount: Money;
  /** When the provider confirmed the movement (ISO 8601); for people reading the ledger only. */
  readonly at?: string;
}

export interface AuthorizationEntry extends EntryBase {
  readonly type: 'authorization';
}

/** Takes money from an authorization; several partial captures (one per shipment) may share one. */
export interface CaptureEntry extends EntryBase {
  readonly type: 'capture';
  readonly authorizationId: string;
}

/** Gives back part or all of one capture. */
export interface RefundEntry extends EntryBase {
  readonly type: 'refund';
  readonly captureId: string;
  readonly reason?: string;
}

/** Releases everything the authorization still holds and closes it for captures. */
export interface VoidEntry extends EntryBase {
  readonly type: 'void';
  readonly authorizationId: string;
}

export type LedgerEntry = AuthorizationEntry | CaptureEntry | RefundEntry | VoidEntry;
export type LedgerEntryType = LedgerEntry['type'];

export interface LedgerTotals {
  readonly authorized: Money;
  readonly captured: Money;
  readonly refunded: Money;
  readonly voided: Money;
}

export interface PaymentLedger {
  readonly orderId: string;
  /** The order's currency: every entry is in it. */
  readonly currency: string;
  /** Kept with the entries so a stored ledger can be read (and queried) without replaying them. */
  readonly totals: LedgerTotals;
  /** In the order they were applied. */
  readonly entries: readonly LedgerEntry[];
}

/** The money summary ops see per order. */
export interface MoneySummary {
  readonly authorized: Money;
  readonly captured: Money;
  readonly refunded: Money;
  readonly voided: Money;
  /** Still held on the customer's funds: authorized − captured − voided. */
  readonly outstandingAuthorization: Money;
  /** What the merchant keeps: captured − refunded. */
  readonly netPaid: Money;
}

export interface AuthorizationPosition {
  readonly authorizationId: string;
  readonly authorized: Money;
  readonly captured: Money;
  readonly voided: Money;
  /** A voided authorization accepts no more captures, even when its remainder was zero. */
  readonly isVoided: boolean;
}

export interface CapturePosition {
  readonly captureId: string;
  readonly authorizationId: string;
  readonly captured: Money;
  readonly refunded: Money;
}

export interface LedgerPositions {
  readonly authorizations: readonly AuthorizationPosition[];
  readonly captures: readonly CapturePosition[];
}

/** Every way the ledger refuses an entry except a reused id; all are business-rule violations (422). */
export abstract class PaymentLedgerViolation extends BusinessRuleViolation {}

export class LedgerCurrencyMismatch extends PaymentLedgerViolation {
  constructor(entry: LedgerEntry, ledgerCurrency: string) {
    super('LEDGER_CURRENCY_MISMATCH', `${entry.type} ${entry.id} is in ${entry.amount.currency}, the order's ledger in ${ledgerCurrency}`);
  }
}

export class InvalidLedgerAmount extends PaymentLedgerViolation {
  constructor(entry: LedgerEntry) {
    const least = entry.type === 'void' ? 'zero' : 'one minor unit';
    super('LEDGER_INVALID_AMOUNT', `${entry.type} ${entry.id} needs a whole number of minor units, at least ${least}; got ${entry.amount.amount}`);
  }
}

export class UnknownLedgerReference extends PaymentLedgerViolation {
  constructor(entry: LedgerEntry, wanted: 'authorization' | 'capture', reference: string) {
    super('LEDGER_UNKNOWN_REFERENCE', `${entry.type} ${entry.id} refers to ${wanted} ${reference}, which is not in the ledger`);
  }
}

export class AuthorizationVoided extends PaymentLedgerViolation {
  constructor(entry: LedgerEntry, authorizationId: string) {
    super('LEDGER_AUTHORIZATION_VOIDED', `${entry.type} ${entry.id} needs authorization ${authorizationId}, which was voided`);
  }
}

export class CaptureExceedsAuthorization extends PaymentLedgerViolation {
  constructor(entry: CaptureEntry, capturable: Money) {
    super(
      'LEDGER_OVER_CAPTURE',
      `capture ${entry.id} of ${describeMoney(entry.amount)} exceeds the ${describeMoney(capturable)} authorization ${entry.authorizationId} still holds`,
    );
  }
}

export class RefundExceedsCapture extends PaymentLedgerViolation {
  constructor(entry: RefundEntry, refundable: Money) {
    super(
      'LEDGER_OVER_REFUND',
      `refund ${entry.id} of ${describeMoney(entry.amount)} exceeds the ${describeMoney(refundable)} capture ${entry.captureId} has left`,
    );
  }
}

/** A void releases exactly what is left; any other amount means the ledger and the provider disagree. */
export class VoidAmountMismatch extends PaymentLedgerViolation {
  constructor(entry: VoidEntry, remaining: Money) {
    super(
      'LEDGER_VOID_MISMATCH',
      `void ${entry.id} of ${describeMoney(entry.amount)} must release exactly the ${describeMoney(remaining)} authorization ${entry.authorizationId} still holds`,
    );
  }
}

/** The id is already in the ledger for a different movement: a reused key, never a retry (409). */
export class LedgerEntryConflict extends ConflictError {
  constructor(entry: LedgerEntry) {
    super('LEDGER_ENTRY_CONFLICT', `entry ${entry.id} is already in the ledger with other content`);
  }
}

const minorDigits = new Map<string, number>();

/** "EUR 19.99", "JPY 500": minor units shown with the currency's own number of decimals. */
export function describeMoney({ amount, currency }: Money): string {
  let digits = minorDigits.get(currency);
  if (digits === undefined) {
    digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    minorDigits.set(currency, digits);
  }
  const sign = amount < 0 ? '-' : '';
  const absolute = Math.abs(amount);
  if (digits === 0) return `${currency} ${sign}${absolute}`;
  const scale = 10 ** digits;
  const whole = Math.floor(absolute / scale);
  const fraction = String(absolute % scale).padStart(digits, '0');
  return `${currency} ${sign}${whole}.${fraction}`;
}

export function openPaymentLedger(orderId: string, currency: string): PaymentLedger {
  const zero = { amount: 0, currency };
  return { orderId, currency, totals: { authorized: zero, captured: zero, refunded: zero, voided: zero }, entries: [] };
}

/** What identifies a movement: everything but the confirmation time, which a retry may report differently. */
function movementOf(entry: LedgerEntry): string {
  const reference = entry.type === 'refund' ? entry.captureId : entry.type === 'authorization' ? null : entry.authorizationId;
  const reason = entry.type === 'refund' ? (entry.reason ?? null) : null;
  return JSON.stringify([entry.type, entry.id, entry.amount.amount, entry.amount.currency, reference, reason]);
}

interface MutableAuthorization {
  authorized: number;
  captured: number;
  voided: number;
  isVoided: boolean;
}

interface MutableCapture {
  authorizationId: string;
  captured: number;
  refunded: number;
}

/** Per authorization and per capture, in minor units of the ledger currency. */
function positionsOf(ledger: PaymentLedger) {
  const authorizations = new Map<string, MutableAuthorization>();
  const captures = new Map<string, MutableCapture>();
  for (const entry of ledger.entries) {
    switch (entry.type) {
      case 'authorization':
        authorizations.set(entry.id, { authorized: entry.amount.amount, captured: 0, voided: 0, isVoided: false });
        break;
      case 'capture': {
        const authorization = authorizations.get(entry.authorizationId);
        if (authorization) authorization.captured += entry.amount.amount;
        captures.set(entry.id, { authorizationId: entry.authorizationId, captured: entry.amount.amount, refunded: 0 });
        break;
      }
      case 'refund': {
        const capture = captures.get(entry.captureId);
        if (capture) capture.refunded += entry.amount.amount;
        break;
      }
      case 'void': {
        const authorization = authorizations.get(entry.authorizationId);
        if (authorization) {
          authorization.voided += entry.amount.amount;
          authorization.isVoided = true;
        }
        break;
      }
    }
  }
  return { authorizations, captures };
}

const remainingOf = (authorization: MutableAuthorization) =>
  authorization.isVoided ? 0 : authorization.authorized - authorization.captured - authorization.voided;

function checkAmount(entry: LedgerEntry, ledgerCurrency: string): void {
  if (entry.amount.currency !== ledgerCurrency) throw new LedgerCurrencyMismatch(entry, ledgerCurrency);
  const least = entry.type === 'void' ? 0 : 1;
  if (!Number.isSafeInteger(entry.amount.amount) || entry.amount.amount < least) throw new InvalidLedgerAmount(entry);
}

function checkAgainstPositions(ledger: PaymentLedger, entry: LedgerEntry): void {
  const { authorizations, captures } = positionsOf(ledger);
  const money = (amount: number): Money => ({ amount, currency: ledger.currency });
  const openAuthorization = (authorizationId: string) => {
    const authorization = authorizations.get(authorizationId);
    if (!authorization) throw new UnknownLedgerReference(entry, 'authorization', authorizationId);
    if (authorization.isVoided) throw new AuthorizationVoided(entry, authorizationId);
    return authorization;
  };
  switch (entry.type) {
    case 'authorization':
      return;
    case 'capture': {
      const remaining = remainingOf(openAuthorization(entry.authorizationId));
      if (entry.amount.amount > remaining) throw new CaptureExceedsAuthorization(entry, money(remaining));
      return;
    }
    case 'void': {
      const remaining = remainingOf(openAuthorization(entry.authorizationId));
      if (entry.amount.amount !== remaining) throw new VoidAmountMismatch(entry, money(remaining));
      return;
    }
    case 'refund': {
      const capture = captures.get(entry.captureId);
      if (!capture) throw new UnknownLedgerReference(entry, 'capture', entry.captureId);
      const refundable = capture.captured - capture.refunded;
      if (entry.amount.amount > refundable) throw new RefundExceedsCapture(entry, money(refundable));
      return;
    }
  }
}

const totalKeyOf = {
  authorization: 'authorized',
  capture: 'captured',
  refund: 'refunded',
  void: 'voided',
} as const satisfies Record<LedgerEntryType, keyof LedgerTotals>;

/**
 * The ledger with the entry applied, or the same ledger when the entry is already in it (a replay).
 * Throws a PaymentLedgerViolation when the entry would break an invariant (captured ≤ authorized per
 * authorization, refunded ≤ captured per capture, a void releases exactly what is left) and a
 * LedgerEntryConflict when its id is taken by another movement.
 */
export function applyLedgerEntry(ledger: PaymentLedger, entry: LedgerEntry): PaymentLedger {
  const existing = ledger.entries.find((candidate) => candidate.id === entry.id);
  if (existing) {
    if (movementOf(existing) === movementOf(entry)) return ledger;
    throw new LedgerEntryConflict(entry);
  }
  checkAmount(entry, ledger.currency);
  checkAgainstPositions(ledger, entry);
  const key = totalKeyOf[entry.type];
  const totals = { ...ledger.totals, [key]: { amount: ledger.totals[key].amount + entry.amount.amount, currency: ledger.currency } };
  return { ...ledger, totals, entries: [...ledger.entries, { ...entry, amount: { ...entry.amount } }] };
}

/** What can still be captured: from one authorization, or from all of them. */
export function capturableAmount(ledger: PaymentLedger, authorizationId?: string): Money {
  const { authorizations } = positionsOf(ledger);
  let amount = 0;
  for (const [id, authorization] of authorizations) {
    if (authorizationId === undefined || id === authorizationId) amount += remainingOf(authorization);
  }
  return { amount, currency: ledger.currency };
}

/**
 * What a void would release: the uncaptured remainder of one authorization, or of all of them. It
 * equals what can still be captured, because a void always releases the whole remainder.
 */
export function voidableAmount(ledger: PaymentLedger, authorizationId?: string): Money {
  return capturableAmount(ledger, authorizationId);
}

/** What can still be refunded: from one capture, or from all of them. */
export function refundableAmount(ledger: PaymentLedger, captureId?: string): Money {
  const { captures } = positionsOf(ledger);
  let amount = 0;
  for (const [id, capture] of captures) {
    if (captureId === undefined || id === captureId) amount += capture.captured - capture.refunded;
  }
  return { amount, currency: ledger.currency };
}

/** Where each authorization and each capture stands, in the order they were first applied. */
export function ledgerPositions(ledger: PaymentLedger): LedgerPositions {
  const { authorizations, captures } = positionsOf(ledger);
  const money = (amount: number): Money => ({ amount, currency: ledger.currency });
  return {
    authorizations: [...authorizations].map(([authorizationId, position]) => ({
      authorizationId,
      authorized: money(position.authorized),
      captured: money(position.captured),
      voided: money(position.voided),
      isVoided: position.isVoided,
    })),
    captures: [...captures].map(([captureId, position]) => ({
      captureId,
      authorizationId: position.authorizationId,
      captured: money(position.captured),
      refunded: money(position.refunded),
    })),
  };
}

/** Balances by construction: authorized = captured + voided + outstanding, captured = refunded + netPaid. */
export function moneySummary(ledger: PaymentLedger): MoneySummary {
  const { authorized, captured, refunded, voided } = ledger.totals;
  const money = (amount: number): Money => ({ amount, currency: ledger.currency });
  return {
    authorized: money(authorized.amount),
    captured: money(captured.amount),
    refunded: money(refunded.amount),
    voided: money(voided.amount),
    outstandingAuthorization: money(authorized.amount - captured.amount - voided.amount),
    netPaid: money(captured.amount - refunded.amount),
  };
}

/**
 * A deterministic sandbox payment provider: it moves no money, but it keeps the books a real PSP
 * keeps (authorizations, captures, refunds), refuses what a real PSP refuses, and lets tests and
 * the local runtime pick an outcome with a Stripe-like test payment method in `payment.reference`.
 *
 * Every operation is idempotent per idempotency key (a key reused for a different request is
 * refused, as Stripe does), so a retried Step Functions task never moves money twice. Keys are
 * scoped per operation: the same key may name one authorization and one capture.
 *
 * State lives in a SandboxPaymentStore: an in-memory Map by default, anything key-value later.
 * Operations of one instance run one at a time, so a read-modify-write never interleaves; a store
 * shared by several instances (processes) would need conditional writes to keep that promise.
 */
import { createHash } from 'node:crypto';
import type { Money } from '../../contracts/money';
import { describeMoney } from '../../domain/money-ledger';
import {
  PaymentRejectedError,
  TransientPaymentError,
  type AuthorizationRequest,
  type AuthorizationResult,
  type CaptureRequest,
  type DeclineCode,
  type IncrementAuthorizationRequest,
  type IncrementAuthorizationResult,
  type PaymentProvider,
  type RefundRequest,
} from '../../ports/payment-provider';

export type SandboxPaymentBehaviour = 'authorize' | 'decline' | 'transient-error-once' | 'requires-action' | 'no-increment';

export interface SandboxPaymentMethod {
  readonly behaviour: SandboxPaymentBehaviour;
  readonly declineCode?: DeclineCode;
  readonly description: string;
}

/** The test payment methods, by `payment.reference`. Any other reference behaves like pm_card_visa. */
export const sandboxPaymentMethods = {
  pm_card_visa: {
    behaviour: 'authorize',
    description: 'A Visa card that always authorizes the full amount. Any reference not listed here behaves the same.',
  },
  pm_card_chargeDeclined: {
    behaviour: 'decline',
    declineCode: 'card_declined',
    description: 'Always declined with card_declined.',
  },
  pm_card_chargeDeclinedInsufficientFunds: {
    behaviour: 'decline',
    declineCode: 'insufficient_funds',
    description: 'Always declined with insufficient_funds.',
  },
  pm_card_transientError: {
    behaviour: 'transient-error-once',
    description:
      'The first authorize attempt for an idempotency key throws TransientPaymentError (a PSP timeout); the next attempt with the same key authorizes.',
  },
  pm_card_authenticationRequired: {
    behaviour: 'requires-action',
    description:
      'Needs 3-D Secure: authorize answers requires_action with an actionUrl; completeAction(authorizationId, "approve" | "decline") plays the customer.',
  },
  pm_card_noIncrement: {
    behaviour: 'no-increment',
    description: 'Authorizes the order total, but declines any incremental authorization (an edit that costs more) with insufficient_funds.',
  },
} as const satisfies Record<string, SandboxPaymentMethod>;

export type SandboxPaymentMethodReference = keyof typeof sandboxPaymentMethods;

export const sandboxPaymentMethodFor = (reference: string): SandboxPaymentMethod =>
  (sandboxPaymentMethods as Record<string, SandboxPaymentMethod>)[reference] ?? sandboxPaymentMethods.pm_card_visa;

/**
 * requires_action until the customer acts; cancelled when voided before they did. A voided
 * authorization was authorized first, so its captures stay refundable.
 */
export type SandboxAuthorizationStatus = 'requires_action' | 'authorized' | 'declined' | 'voided' | 'cancelled';

export interface SandboxAuthorization {
  readonly kind: 'authorization';
  readonly authorizationId: string;
  readonly orderId: string;
  readonly reference: string;
  readonly amount: Money;
  readonly status: SandboxAuthorizationStatus;
  /** Minor units captured so far. */
  readonly captured: number;
  /** Minor units released by the void. */
  readonly voided: number;
  readonly actionOutcome?: 'approve' | 'decline';
}

export interface SandboxCapture {
  readonly kind: 'capture';
  readonly captureId: string;
  readonly authorizationId: string;
  readonly amount: Money;
  /** Minor units refunded so far. */
  readonly refunded: number;
}

export interface SandboxRefund {
  readonly kind: 'refund';
  readonly refundId: string;
  readonly captureId: string;
  readonly amount: Money;
  readonly reason: string;
}

export type SandboxOperation = 'authorize' | 'increment' | 'capture' | 'void' | 'refund';

/** What a request answered; an authorize keeps the authorization id, because its answer can move on (3-D Secure). */
export type SandboxResponse =
  | { readonly type: 'authorization'; readonly authorizationId: string }
  | { readonly type: 'declined'; readonly code: DeclineCode; readonly message: string }
  | { readonly type: 'increment'; readonly amount: Money }
  | { readonly type: 'capture'; readonly captureId: string; readonly amount: Money }
  | { readonly type: 'void'; readonly voided: Money }
  | { readonly type: 'refund'; readonly refundId: string; readonly amount: Money };

export interface SandboxRequestRecord {
  readonly kind: 'request';
  readonly operation: SandboxOperation;
  /** The request's parameters, to tell a retry from a reused key. */
  readonly fingerprint: string;
  readonly response: SandboxResponse;
}

export interface SandboxAttemptsRecord {
  readonly kind: 'attempts';
  readonly count: number;
}

/** Plain JSON, so any key-value store can hold it. */
export type SandboxPaymentRecord = SandboxAuthorization | SandboxCapture | SandboxRefund | SandboxRequestRecord | SandboxAttemptsRecord;

/** Where the sandbox keeps its books. Keys are opaque strings; records are plain JSON. */
export interface SandboxPaymentStore {
  get(key: string): Promise<SandboxPaymentRecord | undefined>;
  put(key: string, record: SandboxPaymentRecord): Promise<void>;
}

/** The default store. Copies on the way in and out, as a real store would, so callers never share state with it. */
export class InMemorySandboxPaymentStore implements SandboxPaymentStore {
  private readonly records = new Map<string, SandboxPaymentRecord>();

  get(key: string): Promise<SandboxPaymentRecord | undefined> {
    const record = this.records.get(key);
    return Promise.resolve(record === undefined ? undefined : structuredClone(record));
  }

  put(key: string, record: SandboxPaymentRecord): Promise<void> {
    this.records.set(key, structuredClone(record));
    return Promise.resolve();
  }
}

export interface SandboxPaymentProviderOptions {
  readonly store?: SandboxPaymentStore;
  /** Where the customer would authenticate; the authorization id is appended. */
  readonly actionUrlBase?: string;
}

const declineMessages: Record<DeclineCode, string> = {
  card_declined: 'Your card was declined.',
  insufficient_funds: 'Your card has insufficient funds.',
  expired_card: 'Your card has expired.',
  fraudulent: 'Your card was declined.',
  processing_error: 'An error occurred while processing your card.',
};

const idOf = (prefix: string, ...parts: string[]) =>
  `${prefix}_${createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 24)}`;

const keys = {
  authorization: (authorizationId: string) => `authorization#${authorizationId}`,
  capture: (captureId: string) => `capture#${captureId}`,
  refund: (refundId: string) => `refund#${refundId}`,
  request: (operation: SandboxOperation, idempotencyKey: string) => `request#${operation}#${idempotencyKey}`,
  attempts: (operation: SandboxOperation, idempotencyKey: string) => `attempts#${operation}#${idempotencyKey}`,
};

function checkMoney(what: string, money: Money): void {
  if (!Number.isSafeInteger(money.amount) || money.amount < 1) {
    throw new PaymentRejectedError(`${what} must be a whole number of minor units, at least 1; got ${money.amount}`);
  }
  if (!/^[A-Z]{3}$/.test(money.currency)) throw new PaymentRejectedError(`${what} needs an ISO 4217 currency code; got ${money.currency}`);
}

function checkIdempotencyKey(idempotencyKey: string): void {
  if (idempotencyKey.length === 0) throw new PaymentRejectedError('an idempotency key is required');
}

export class SandboxPaymentProvider implements PaymentProvider {
  private readonly store: SandboxPaymentStore;
  private readonly actionUrlBase: string;
  /** The end of the queue of operations: each waits for the previous one, so none interleave. */
  private tail: Promise<unknown> = Promise.resolve();

  constructor(options: SandboxPaymentProviderOptions = {}) {
    this.store = options.store ?? new InMemorySandboxPaymentStore();
    this.actionUrlBase = options.actionUrlBase ?? 'https://sandbox-payments.oms.invalid/authenticate';
  }

  authorize(request: AuthorizationRequest): Promise<AuthorizationResult> {
    return this.exclusive(async () => {
      checkIdempotencyKey(request.idempotencyKey);
      checkMoney('the authorization amount', request.amount);
      const fingerprint = JSON.stringify([request.orderId, request.amount.amount, request.amount.currency, request.payment.reference]);
      const replayed = await this.replay('authorize', request.idempotencyKey, fingerprint);
      if (replayed) return this.authorizationAnswer(replayed);

      const method = sandboxPaymentMethodFor(request.payment.reference);
      if (method.behaviour === 'decline') {
        const code = method.declineCode ?? 'card_declined';
        const response: SandboxResponse = { type: 'declined', code, message: declineMessages[code] };
        await this.remember('authorize', request.idempotencyKey, fingerprint, response);
        return this.authorizationAnswer(response);
      }
      if (method.behaviour === 'transient-error-once') {
        const attempts = await this.store.get(keys.attempts('authorize', request.idempotencyKey));
        const count = attempts?.kind === 'attempts' ? attempts.count : 0;
        await this.store.put(keys.attempts('authorize', request.idempotencyKey), { kind: 'attempts', count: count + 1 });
        if (count === 0) throw new TransientPaymentError(`sandbox PSP timed out authorizing ${request.orderId}; retry with the same idempotency key`);
      }

      const authorizationId = idOf('auth_sbx', request.idempotencyKey);
      const authorization: SandboxAuthorization = {
        kind: 'authorization',
        authorizationId,
        orderId: request.orderId,
        reference: request.payment.reference,
        amount: { ...request.amount },
        status: method.behaviour === 'requires-action' ? 'requires_action' : 'authorized',
        captured: 0,
        voided: 0,
      };
      await this.store.put(keys.authorization(authorizationId), authorization);
      const response: SandboxResponse = { type: 'authorization', authorizationId };
      await this.remember('authorize', request.idempotencyKey, fingerprint, response);
      return this.authorizationAnswer(response);
    });
  }

  incrementAuthorization(request: IncrementAuthorizationRequest): Promise<IncrementAuthorizationResult> {
    return this.exclusive(async () => {
      checkIdempotencyKey(request.idempotencyKey);
      checkMoney('the increment', request.amount);
      const fingerprint = JSON.stringify([request.authorizationId, request.amount.amount, request.amount.currency]);
      const replayed = await this.replay('increment', request.idempotencyKey, fingerprint);
      if (replayed?.type === 'increment') return { status: 'authorized', amount: replayed.amount };
      if (replayed?.type === 'declined') return { status: 'declined', code: replayed.code, message: replayed.message };

      const authorization = await this.authorizationOrReject(request.authorizationId);
      if (authorization.status !== 'authorized') {
        throw new PaymentRejectedError(`authorization ${authorization.authorizationId} is ${authorization.status}; only an authorized payment can be raised`);
      }
      if (request.amount.currency !== authorization.amount.currency) {
        throw new PaymentRejectedError(`increment is in ${request.amount.currency}, authorization ${authorization.authorizationId} in ${authorization.amount.currency}`);
      }
      if (sandboxPaymentMethodFor(authorization.reference).behaviour === 'no-increment') {
        const response: SandboxResponse = { type: 'declined', code: 'insufficient_funds', message: declineMessages.insufficient_funds };
        await this.remember('increment', request.idempotencyKey, fingerprint, response);
        return { status: 'declined', code: response.code, message: response.message };
      }
      const amount = { ...request.amount };
      await this.store.put(keys.authorization(authorization.authorizationId), { ...authorization, amount: { ...authorization.amount, amount: authorization.amount.amount + amount.amount } });
      await this.remember('increment', request.idempotencyKey, fingerprint, { type: 'increment', amount });
      return { status: 'authorized', amount };
    });
  }

  capture(request: CaptureRequest): Promise<{ readonly captureId: string; readonly amount: Money }> {
    return this.exclusive(async () => {
      checkIdempotencyKey(request.idempotencyKey);
      checkMoney('the capture amount', request.amount);
      const fingerprint = JSON.stringify([request.authorizationId, request.amount.amount, request.amount.currency]);
      const replayed = await this.replay('capture', request.idempotencyKey, fingerprint);
      if (replayed?.type === 'capture') return { captureId: replayed.captureId, amount: replayed.amount };

      const authorization = await this.authorizationOrReject(request.authorizationId);
      if (authorization.status !== 'authorized') {
        throw new PaymentRejectedError(`authorization ${authorization.authorizationId} is ${authorization.status}; only an authorized payment can be captured`);
      }
      if (request.amount.currency !== authorization.amount.currency) {
        throw new PaymentRejectedError(`capture is in ${request.amount.currency}, authorization ${authorization.authorizationId} in ${authorization.amount.currency}`);
      }
      const capturable = authorization.amount.amount - authorization.captured - authorization.voided;
      if (request.amount.amount > capturable) {
        throw new PaymentRejectedError(
          `capture of ${describeMoney(request.amount)} exceeds the ${describeMoney({ ...authorization.amount, amount: capturable })} authorization ${authorization.authorizationId} still holds`,
        );
      }

      const captureId = idOf('ch_sbx', request.idempotencyKey);
      const amount = { ...request.amount };
      await this.store.put(keys.capture(captureId), { kind: 'capture', captureId, authorizationId: authorization.authorizationId, amount, refunded: 0 });
      await this.store.put(keys.authorization(authorization.authorizationId), { ...authorization, captured: authorization.captured + amount.amount });
      await this.remember('capture', request.idempotencyKey, fingerprint, { type: 'capture', captureId, amount });
      return { captureId, amount };
    });
  }

  /**
   * Releases what is authorized and not captured, and closes the authorization. Voiding again (with
   * any key) answers what the first void released; voiding a payment still waiting for the customer
   * cancels it and releases nothing, because nothing was held.
   */
  void(request: { readonly authorizationId: string; readonly idempotencyKey: string }): Promise<{ readonly voided: Money }> {
    return this.exclusive(async () => {
      checkIdempotencyKey(request.idempotencyKey);
      const fingerprint = JSON.stringify([request.authorizationId]);
      const replayed = await this.replay('void', request.idempotencyKey, fingerprint);
      if (replayed?.type === 'void') return { voided: replayed.voided };

      const authorization = await this.authorizationOrReject(request.authorizationId);
      const currency = authorization.amount.currency;
      let voided: Money;
      switch (authorization.status) {
        case 'authorized': {
          voided = { amount: authorization.amount.amount - authorization.captured, currency };
          await this.store.put(keys.authorization(authorization.authorizationId), { ...authorization, status: 'voided', voided: voided.amount });
          break;
        }
        case 'requires_action':
          voided = { amount: 0, currency };
          await this.store.put(keys.authorization(authorization.authorizationId), { ...authorization, status: 'cancelled' });
          break;
        case 'voided':
        case 'cancelled':
        case 'declined':
          voided = { amount: authorization.voided, currency };
          break;
      }
      await this.remember('void', request.idempotencyKey, fingerprint, { type: 'void', voided });
      return { voided };
    });
  }

  refund(request: RefundRequest): Promise<{ readonly refundId: string; readonly amount: Money }> {
    return this.exclusive(async () => {
      checkIdempotencyKey(request.idempotencyKey);
      checkMoney('the refund amount', request.amount);
      const fingerprint = JSON.stringify([request.captureId, request.amount.amount, request.amount.currency]);
      const replayed = await this.replay('refund', request.idempotencyKey, fingerprint);
      if (replayed?.type === 'refund') return { refundId: replayed.refundId, amount: replayed.amount };

      const capture = await this.store.get(keys.capture(request.captureId));
      if (capture?.kind !== 'capture') throw new PaymentRejectedError(`no capture ${request.captureId}`);
      if (request.amount.currency !== capture.amount.currency) {
        throw new PaymentRejectedError(`refund is in ${request.amount.currency}, capture ${capture.captureId} in ${capture.amount.currency}`);
      }
      const refundable = capture.amount.amount - capture.refunded;
      if (request.amount.amount > refundable) {
        throw new PaymentRejectedError(
          `refund of ${describeMoney(request.amount)} exceeds the ${describeMoney({ ...capture.amount, amount: refundable })} capture ${capture.captureId} has left`,
        );
      }

      const refundId = idOf('re_sbx', request.idempotencyKey);
      const amount = { ...request.amount };
      await this.store.put(keys.refund(refundId), { kind: 'refund', refundId, captureId: capture.captureId, amount, reason: request.reason });
      await this.store.put(keys.capture(capture.captureId), { ...capture, refunded: capture.refunded + amount.amount });
      await this.remember('refund', request.idempotencyKey, fingerprint, { type: 'refund', refundId, amount });
      return { refundId, amount };
    });
  }

  /**
   * Plays the customer on the actionUrl: approve authorizes the payment, decline declines it. Asking
   * again with the same outcome answers the same; the other outcome, or a payment that needs no
   * action, is refused.
   */
  completeAction(authorizationId: string, outcome: 'approve' | 'decline'): Promise<AuthorizationResult> {
    return this.exclusive(async () => {
      const authorization = await this.authorizationOrReject(authorizationId);
      if (authorization.status === 'requires_action') {
        const status = outcome === 'approve' ? 'authorized' : 'declined';
        await this.store.put(keys.authorization(authorizationId), { ...authorization, status, actionOutcome: outcome });
      } else if (authorization.actionOutcome !== outcome) {
        const why = authorization.actionOutcome === undefined ? `is ${authorization.status} and awaits no customer action` : `was already ${authorization.actionOutcome}d`;
        throw new PaymentRejectedError(`authorization ${authorizationId} ${why}`);
      }
      return this.authorizationAnswer({ type: 'authorization', authorizationId });
    });
  }

  /** The sandbox's own record of an authorization, for tests and the local runtime's diagnostics. */
  async findAuthorization(idempotencyKey: string): Promise<{ authorizationId: string; amount: Money } | undefined> {
    const record = await this.store.get(keys.request('authorize', idempotencyKey));
    if (record?.kind !== 'request' || record.response.type !== 'authorization') return undefined;
    const authorization = await this.getAuthorization(record.response.authorizationId);
    return authorization?.status === 'authorized' ? { authorizationId: authorization.authorizationId, amount: authorization.amount } : undefined;
  }

  async getAuthorization(authorizationId: string): Promise<SandboxAuthorization | undefined> {
    const record = await this.store.get(keys.authorization(authorizationId));
    return record?.kind === 'authorization' ? record : undefined;
  }

  async getCapture(captureId: string): Promise<SandboxCapture | undefined> {
    const record = await this.store.get(keys.capture(captureId));
    return record?.kind === 'capture' ? record : undefined;
  }

  async getRefund(refundId: string): Promise<SandboxRefund | undefined> {
    const record = await this.store.get(keys.refund(refundId));
    return record?.kind === 'refund' ? record : undefined;
  }

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.tail.then(work);
    this.tail = run.catch(() => undefined);
    return run;
  }

  private async authorizationOrReject(authorizationId: string): Promise<SandboxAuthorization> {
    const authorization = await this.getAuthorization(authorizationId);
    if (!authorization) throw new PaymentRejectedError(`no authorization ${authorizationId}`);
    return authorization;
  }

  /** The earlier response to the key, or undefined for a new key; a key reused for another request is refused. */
  private async replay(operation: SandboxOperation, idempotencyKey: string, fingerprint: string): Promise<SandboxResponse | undefined> {
    const record = await this.store.get(keys.request(operation, idempotencyKey));
    if (record?.kind !== 'request') return undefined;
    if (record.fingerprint !== fingerprint) {
      throw new PaymentRejectedError(`idempotency key ${idempotencyKey} was already used for a different ${operation} request`);
    }
    return record.response;
  }

  private remember(operation: SandboxOperation, idempotencyKey: string, fingerprint: string, response: SandboxResponse): Promise<void> {
    return this.store.put(keys.request(operation, idempotencyKey), { kind: 'request', operation, fingerprint, response });
  }

  /**
   * The answer to an authorize: a decline as it was, an authorization as it stands now, so a retry
   * after the customer acted on 3-D Secure sees the outcome. Captures and voids do not change it.
   */
  private async authorizationAnswer(response: SandboxResponse): Promise<AuthorizationResult> {
    if (response.type === 'declined') return { status: 'declined', code: response.code, message: response.message };
    if (response.type !== 'authorization') throw new Error(`an authorize cannot answer a ${response.type}`);
    const authorization = await this.authorizationOrReject(response.authorizationId);
    const { authorizationId } = authorization;
    switch (authorization.status) {
      case 'requires_action':
        return { status: 'requires_action', authorizationId, actionUrl: `${this.actionUrlBase}/${encodeURIComponent(authorizationId)}` };
      case 'declined':
        return { status: 'declined', code: 'card_declined', message: 'The customer did not complete 3-D Secure authentication.' };
      case 'cancelled':
        return { status: 'declined', code: 'processing_error', message: 'The payment was cancelled before the customer completed authentication.' };
      case 'authorized':
      case 'voided':
        return { status: 'authorized', authorizationId, amount: { ...authorization.amount } };
    }
  }
}

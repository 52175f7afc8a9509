/**
 * The payment service provider, as the lifecycle sees it: authorize the order's total once, capture
 * per shipment, void what is left, refund what was captured. Every call carries an idempotency key,
 * so a retried Step Functions task never moves money twice.
 */
import type { Money } from '../contracts/money';
import type { Order } from '../contracts/order';

export interface AuthorizationRequest {
  readonly orderId: string;
  readonly amount: Money;
  /** What the channel sent: the provider reference (e.g. a PaymentIntent or a test payment method). */
  readonly payment: Order['payment'];
  readonly idempotencyKey: string;
}

export type DeclineCode = 'card_declined' | 'insufficient_funds' | 'expired_card' | 'fraudulent' | 'processing_error';

export type AuthorizationResult =
  | { readonly status: 'authorized'; readonly authorizationId: string; readonly amount: Money }
  | { readonly status: 'declined'; readonly code: DeclineCode; readonly message: string }
  /** The customer must act (e.g. 3-D Secure); the payment is not authorized until they do. */
  | { readonly status: 'requires_action'; readonly authorizationId: string; readonly actionUrl: string };

export interface CaptureRequest {
  readonly authorizationId: string;
  readonly amount: Money;
  readonly idempotencyKey: string;
}

export interface IncrementAuthorizationRequest {
  readonly authorizationId: string;
  /** What to add to the authorized amount, not the new total. */
  readonly amount: Money;
  readonly idempotencyKey: string;
}

export type IncrementAuthorizationResult =
  | { readonly status: 'authorized'; readonly amount: Money }
  | { readonly status: 'declined'; readonly code: DeclineCode; readonly message: string };

export interface RefundRequest {
  readonly captureId: string;
  readonly amount: Money;
  readonly idempotencyKey: string;
  readonly reason: string;
}

export interface PaymentProvider {
  authorize(request: AuthorizationRequest): Promise<AuthorizationResult>;
  /**
   * The authorization an earlier authorize with this idempotency key made, if any (PSPs look payments
   * up by the key or the order reference). Compensation uses it when a step crashed after the
   * provider answered and before the order recorded it.
   */
  findAuthorization(idempotencyKey: string): Promise<{ readonly authorizationId: string; readonly amount: Money } | undefined>;
  /**
   * Raises an authorization by `amount` (an order edit that costs more), as PSPs do with incremental
   * authorization on the same payment: captures keep using the one authorization id. Declined
   * leaves the authorization as it was.
   */
  incrementAuthorization(request: IncrementAuthorizationRequest): Promise<IncrementAuthorizationResult>;
  /** Captures part or all of what is still authorized. */
  capture(request: CaptureRequest): Promise<{ readonly captureId: string; readonly amount: Money }>;
  /** Gives back what is authorized and not captured (the customer's funds are freed). */
  void(request: { readonly authorizationId: string; readonly idempotencyKey: string }): Promise<{ readonly voided: Money }>;
  refund(request: RefundRequest): Promise<{ readonly refundId: string; readonly amount: Money }>;
}

/** The provider failed in a way a retry may fix (timeout, 5xx, rate limit); the ASL retries on this name. */
export class TransientPaymentError extends Error {
  override name = 'TransientPaymentError';
}

/** The provider refused the operation for good (e.g. capturing more than authorized). */
export class PaymentRejectedError extends Error {
  override name = 'PaymentRejectedError';
}

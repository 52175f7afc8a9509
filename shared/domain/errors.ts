import type { FieldError } from '../contracts/problem';

/**
 * Errors the business rules raise. Each carries a stable code; the HTTP layer maps the kind to a
 * status, so use cases never think in status codes.
 */
export abstract class DomainError extends Error {
  abstract readonly kind: 'bad-request' | 'invalid' | 'not-found' | 'conflict' | 'unauthenticated' | 'forbidden' | 'precondition-failed';
  constructor(
    readonly code: string,
    message: string,
    readonly errors: readonly FieldError[] = [],
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** The request is well-formed but breaks a business rule (422). */
export class BusinessRuleViolation extends DomainError {
  readonly kind = 'invalid';
}

export class NotFoundError extends DomainError {
  readonly kind = 'not-found';
}

export class ConflictError extends DomainError {
  readonly kind = 'conflict';
  /** Set when the conflict is transient (a duplicate still in flight) and a retry will succeed. */
  retryAfterSeconds?: number;
}

export class UnauthenticatedError extends DomainError {
  readonly kind = 'unauthenticated';
}

/** The caller is known but may not do this, e.g. its API key lacks a scope (403). */
export class ForbiddenError extends DomainError {
  readonly kind = 'forbidden';
}

/** An optimistic-locking precondition (If-Match) names a version that is no longer current (412). */
export class PreconditionFailedError extends DomainError {
  readonly kind = 'precondition-failed';
}

/** The request itself is malformed, e.g. a cursor the server never issued (400). */
export class InvalidRequestError extends DomainError {
  readonly kind = 'bad-request';
}

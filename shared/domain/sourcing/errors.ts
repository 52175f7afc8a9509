import type { FieldError } from '../../contracts/problem';
import { BusinessRuleViolation } from '../errors';

/**
 * The sourcing request cannot be planned as given: an unknown pickup store, a non-positive quantity,
 * a SKU on two lines, and so on. Every violation is listed in `errors`, each with its own code.
 */
export class InvalidSourcingRequest extends BusinessRuleViolation {
  constructor(violations: readonly FieldError[]) {
    super('SOURCING_REQUEST_INVALID', `The sourcing request is invalid: ${violations.map((v) => v.message).join('; ')}`, violations);
  }
}

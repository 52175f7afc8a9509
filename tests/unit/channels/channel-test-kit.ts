/** What the channel mapper tests share. */
import { BusinessRuleViolation } from '../../../shared/domain/errors';

/**
 * The refusal of a payload by `map`: its code and field errors. A payload that `map` accepts fails
 * the test, and so does any error other than a refusal.
 */
export const refusalBy =
  <Payload>(map: (payload: Payload) => unknown) =>
  (payload: Payload) => {
    try {
      map(payload);
    } catch (error) {
      if (error instanceof BusinessRuleViolation) return { code: error.code, errors: error.errors };
      throw error;
    }
    throw new Error('the order was not refused');
  };

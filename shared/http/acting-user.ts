import { ActingUserHeaderSchema } from '../contracts/order-care';
import type { AuthenticatedChannel } from '../use-cases/authenticate-channel';
import { roleOf, type Actor } from '../domain/customer-service/customer-service-rules';
import { parseOrThrow } from './request-parsing';

/**
 * The person behind a customer-service request: named by `X-Acting-User` (a helpdesk shares one
 * key among its agents), acting in the role the key grants. Required, so that no action goes
 * unattributed (400 naming the header when it is missing).
 */
export function actingUserOf(headers: Readonly<Record<string, string | undefined>>, caller: AuthenticatedChannel): Actor {
  const { 'x-acting-user': user } = parseOrThrow(ActingUserHeaderSchema, { 'x-acting-user': headers['x-acting-user'] }, 'headers');
  return { user, role: roleOf(caller.scopes) };
}

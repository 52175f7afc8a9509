/**
 * Composition root of the resend function: the notification sender and log (as the notification
 * function has them) and the orders, for the audit entry. Nothing of the lifecycle: the function
 * needs no stock, bus, payments or state machine, at cold start or after.
 */
import type { ResendDependencies } from '../use-cases/customer-service/resend-notification';
import { notifications } from './notification-context';
import { orders } from './order-context';

export { authenticateApiKey } from './channel-authentication';

export const resend: ResendDependencies = { ...notifications, orders };

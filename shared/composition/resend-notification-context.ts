/**
 * Composition root of the resend function: the notification sender and log (as the notification
 * function has them) and the orders, for the audit entry.
 */
import type { ResendDependencies } from '../use-cases/customer-service/resend-notification';
import { lifecycle } from './lifecycle-context';
import { notifications } from './notification-context';

export { authenticateApiKey } from './channel-authentication';

export const resend: ResendDependencies = { ...notifications, orders: lifecycle.orders };

/**
 * Customer-service actions on orders, declared once for CDK and the local runtime: notes,
 * escalations, appeasements (refunds need the payment provider's books in the orders table) and
 * resending a customer message (needs the notification sender).
 */
import type { FunctionDefinition, RouteDefinition } from './api';

const careFunction = (name: string, extra: Partial<FunctionDefinition> = {}) =>
  ({
    name,
    entry: `functions/customer-service/${name}.ts`,
    tables: { orders: 'readWrite', inventory: 'read' },
    eventBus: 'publish',
    ...extra,
  }) as const satisfies FunctionDefinition;

export const customerServiceFunctions = {
  addOrderNote: careFunction('add-order-note'),
  setOrderEscalation: careFunction('set-order-escalation'),
  grantAppeasement: careFunction('grant-appeasement'),
  resendCustomerNotification: careFunction('resend-customer-notification', { notifications: 'send' }),
} as const satisfies Record<string, FunctionDefinition>;

export const customerServiceRoutes: readonly RouteDefinition[] = [
  { method: 'POST', path: '/orders/{id}/notes', function: customerServiceFunctions.addOrderNote },
  { method: 'PUT', path: '/orders/{id}/escalation', function: customerServiceFunctions.setOrderEscalation },
  { method: 'POST', path: '/orders/{id}/appeasements', function: customerServiceFunctions.grantAppeasement },
  { method: 'POST', path: '/orders/{id}/notifications/resend', function: customerServiceFunctions.resendCustomerNotification },
];

/**
 * Customer-service actions on orders, declared once for CDK and the local runtime: notes,
 * escalations, appeasements (refunds need the payment provider's books in the orders table) and
 * resending a customer message (needs the notification sender).
 */
import type { FunctionDefinition, RouteDefinition } from './api';

/** An action on the order through the lifecycle's adapters (orders, payments, the bus; their config names the inventory table too). */
const careFunction = (name: string) =>
  ({
    name,
    entry: `functions/customer-service/${name}.ts`,
    tables: { orders: 'readWrite', inventory: 'read' },
    eventBus: 'publish',
  }) as const satisfies FunctionDefinition;

export const customerServiceFunctions = {
  addOrderNote: careFunction('add-order-note'),
  setOrderEscalation: careFunction('set-order-escalation'),
  grantAppeasement: careFunction('grant-appeasement'),
  // Only the orders (the audit entry, the log) and the sender: no stock and no bus.
  resendCustomerNotification: { name: 'resend-customer-notification', entry: 'functions/customer-service/resend-customer-notification.ts', tables: { orders: 'readWrite' }, notifications: 'send' },
} as const satisfies Record<string, FunctionDefinition>;

export const customerServiceRoutes: readonly RouteDefinition[] = [
  { method: 'POST', path: '/orders/{id}/notes', function: customerServiceFunctions.addOrderNote },
  { method: 'PUT', path: '/orders/{id}/escalation', function: customerServiceFunctions.setOrderEscalation },
  { method: 'POST', path: '/orders/{id}/appeasements', function: customerServiceFunctions.grantAppeasement },
  { method: 'POST', path: '/orders/{id}/notifications/resend', function: customerServiceFunctions.resendCustomerNotification },
];

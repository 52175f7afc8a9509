import { notifications } from '../../shared/composition/notification-context';
import { domainEventsHandler } from '../../shared/handlers/domain-event-handler';
import { customerNotificationEvents } from '../../shared/notifications/customer-notifications';
import { sendCustomerNotification } from '../../shared/use-cases/send-customer-notification';

/** Order events the customer hears about → one email (and SMS, when a phone is known) each, never twice. */
export const handler = domainEventsHandler(
  customerNotificationEvents.map(({ definition }) => definition),
  (event) => sendCustomerNotification(event, notifications),
);

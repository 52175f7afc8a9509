/**
 * Tells the customer about an order event: the message of the event's template in the customer's
 * language, by email and (when a phone is known) by SMS, each at most once per event.
 *
 * EventBridge delivers at least once, and a failed invocation is retried, so every message is
 * claimed before it is sent: a conditional write of a SENDING record per (event id, channel), then
 * the send, then SENT. A second delivery finds the record and sends nothing. What the claim cannot
 * know is whether a sender that stopped between the send and SENT (a crash, a timeout, an answer
 * lost on the network) got the message out. Resending would risk the duplicate customers notice;
 * not resending risks a missing message. The choice here is no duplicates: such a message is
 * marked UNCERTAIN, logged as an error for a person to check in the provider's logs, and never
 * sent again. Only a message the provider refused (so certainly not sent) is released for a retry.
 */
import type { EventDefinition, EventDetail } from '../events/define-event';
import { renderCustomerNotification, type CustomerNotification, type NotificationSettings } from '../notifications/customer-notifications';
import type { NotificationLog, NotificationKey } from '../ports/notification-log';
import { NotificationRejectedError, type CustomerMessage, type NotificationChannel, type NotificationSender } from '../ports/notification-sender';

/**
 * How long a claim protects a message in the middle of being sent: well past the function's timeout,
 * so a delivery running alongside never takes over from a sender that is still alive.
 */
export const claimLeaseMs = 2 * 60_000;

/**
 * An event older than this is no news any more: the message is dropped rather than sent late. It also
 * keeps a replay of the bus's archive from writing to customers again after the records expired.
 */
export const maxEventAgeMs = 2 * 24 * 3600_000;

export interface NotificationLogger {
  error(message: string, attributes: Record<string, unknown>): void;
}

export interface NotificationDependencies {
  readonly sender: NotificationSender;
  readonly log: NotificationLog;
  readonly settings: NotificationSettings;
  readonly now: () => Date;
  readonly logger?: NotificationLogger;
}

export interface ReceivedEvent {
  readonly definition: EventDefinition;
  readonly detail: EventDetail;
}

/**
 * sent: now. duplicate: an earlier delivery sent it (or settled it). failed: the provider refused it
 * for good. uncertain: see above. retry: the provider refused it for now, or another delivery is
 * sending it; the invocation fails so the event comes again.
 */
export type DeliveryOutcome = 'sent' | 'duplicate' | 'failed' | 'uncertain' | 'retry';

export interface NotificationSummary {
  readonly eventId: string;
  readonly template?: string;
  readonly locale?: string;
  readonly skipped?: 'not-notified' | 'stale';
  readonly outcomes: Partial<Record<NotificationChannel, DeliveryOutcome>>;
}

/** Thrown after every channel was tried, when one should be tried again: the event is delivered again. */
export class NotificationRetryError extends Error {
  override name = 'NotificationRetryError';
}

const errorMessage = (error: unknown) => (error instanceof Error ? `${error.name}: ${error.message}` : String(error));

function messagesOf(notification: CustomerNotification, eventId: string): CustomerMessage[] {
  const { order, message, template, locale } = notification;
  const common = { eventId, orderId: order.orderId, template, locale };
  return [
    { ...common, channel: 'email', notificationId: `${eventId}#email`, to: order.customer.email, subject: message.subject, text: message.text, html: message.html },
    ...(order.customer.phone ? [{ ...common, channel: 'sms' as const, notificationId: `${eventId}#sms`, to: order.customer.phone, text: message.sms }] : []),
  ];
}

/** Claims, sends and records one message; exported for customer service's resend, which sends a logged message again under a new id. */
export async function deliverOnce(message: CustomerMessage, deps: Pick<NotificationDependencies, 'sender' | 'log' | 'now' | 'logger'>): Promise<DeliveryOutcome> {
  const key: NotificationKey = { eventId: message.eventId, channel: message.channel };
  const claimedAt = deps.now().toISOString();
  const claim = await deps.log.claim(key, { orderId: message.orderId, template: message.template, claimedAt, message });
  if (!claim.claimed) {
    if (claim.status !== 'SENDING') return 'duplicate';
    if (deps.now().getTime() - Date.parse(claim.claimedAt) < claimLeaseMs) return 'retry';
    const reason = 'The delivery that claimed it stopped before recording the outcome';
    await deps.log.markUncertain(key, reason, deps.now().toISOString(), claim.claimedAt);
    deps.logger?.error('Customer notification may not have been sent; not resending', { ...key, orderId: message.orderId, template: message.template, reason });
    return 'uncertain';
  }

  let providerMessageId: string;
  try {
    ({ providerMessageId } = await deps.sender.send(message));
  } catch (error) {
    if (error instanceof NotificationRejectedError && error.retryable) {
      await deps.log.release(key, claimedAt);
      return 'retry';
    }
    if (error instanceof NotificationRejectedError) {
      await deps.log.markFailed(key, error.message, deps.now().toISOString());
      deps.logger?.error('Customer notification refused by the provider', { ...key, orderId: message.orderId, template: message.template, reason: error.message });
      return 'failed';
    }
    await deps.log.markUncertain(key, errorMessage(error), deps.now().toISOString(), claimedAt);
    deps.logger?.error('Customer notification may not have been sent; not resending', { ...key, orderId: message.orderId, template: message.template, reason: errorMessage(error) });
    return 'uncertain';
  }
  await deps.log.markSent(key, providerMessageId, deps.now().toISOString());
  return 'sent';
}

export async function sendCustomerNotification({ definition, detail }: ReceivedEvent, deps: NotificationDependencies): Promise<NotificationSummary> {
  const { eventId, occurredAt } = detail.metadata;
  const notification = renderCustomerNotification(definition, detail.data, deps.settings);
  if (!notification) return { eventId, skipped: 'not-notified', outcomes: {} };
  const about = { eventId, template: notification.template, locale: notification.locale };
  if (deps.now().getTime() - Date.parse(occurredAt) > maxEventAgeMs) return { ...about, skipped: 'stale', outcomes: {} };

  const outcomes: Partial<Record<NotificationChannel, DeliveryOutcome>> = {};
  // One channel at a time, each settled on its own: a failing SMS never re-sends the email.
  for (const message of messagesOf(notification, eventId)) outcomes[message.channel] = await deliverOnce(message, deps);
  const again = Object.entries(outcomes).filter(([, outcome]) => outcome === 'retry');
  if (again.length > 0) {
    throw new NotificationRetryError(`${again.map(([channel]) => channel).join(' and ')} of ${eventId} (${notification.template}) must be tried again`);
  }
  return { ...about, outcomes };
}

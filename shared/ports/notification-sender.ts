/**
 * Sends one customer message on one channel: email or SMS. The OMS decides what to say and that it
 * is said once (shared/use-cases/notifications); an adapter only delivers: SES and SNS on AWS, an
 * inspectable outbox in the sandbox.
 */
export const notificationChannels = ['email', 'sms'] as const;
export type NotificationChannel = (typeof notificationChannels)[number];

interface MessageCommon {
  /** Unique per event and channel (`<eventId>#<channel>`): what the message is deduplicated on. */
  readonly notificationId: string;
  readonly eventId: string;
  readonly orderId: string;
  /** Which template said it, e.g. `shipment-shipped`: for tagging and support, not for rendering. */
  readonly template: string;
  readonly locale: string;
  /** An email address or an E.164 phone number. */
  readonly to: string;
}

export interface EmailMessage extends MessageCommon {
  readonly channel: 'email';
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

export interface SmsMessage extends MessageCommon {
  readonly channel: 'sms';
  readonly text: string;
}

export type CustomerMessage = EmailMessage | SmsMessage;

export interface SentMessage {
  /** The provider's id of the message (SES MessageId, SNS MessageId, outbox id). */
  readonly providerMessageId: string;
}

export interface NotificationSender {
  /**
   * Hands the message to the provider. Throws NotificationRejectedError when the provider answered
   * that it did not take the message; any other error leaves open whether it went out.
   */
  send(message: CustomerMessage): Promise<SentMessage>;
}

/**
 * The provider answered and did not take the message, so it certainly was not sent: `retryable`
 * when trying again later may work (throttling, an outage), not for a refusal (a bad address, an
 * unverified sender).
 */
export class NotificationRejectedError extends Error {
  override name = 'NotificationRejectedError';

  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
  }
}

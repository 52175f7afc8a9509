/**
 * Which customer messages were (or are being) sent, one record per event and channel, so an event
 * EventBridge delivers twice, or a retried invocation, sends nothing the second time.
 *
 * A message is claimed before it is sent (SENDING) and marked after (SENT). A claim can outlive its
 * sender (the function crashed or timed out in between): whether that message went out is unknown,
 * and the use case never sends it again blindly (see send-customer-notification.ts).
 */
import type { CustomerMessage, NotificationChannel } from './notification-sender';

export type NotificationStatus = 'SENDING' | 'SENT' | 'FAILED' | 'UNCERTAIN';

export interface NotificationKey {
  readonly eventId: string;
  readonly channel: NotificationChannel;
}

export interface NotificationClaim {
  readonly orderId: string;
  readonly template: string;
  readonly claimedAt: string;
  /** What is sent, kept so customer service can send exactly that again (absent on records from before). */
  readonly message?: CustomerMessage;
}

export interface NotificationRecord extends NotificationClaim {
  readonly status: NotificationStatus;
}

export type ClaimResult =
  | { readonly claimed: true }
  | { readonly claimed: false; readonly status: NotificationStatus; readonly claimedAt: string };

export interface NotificationLog {
  /** Claims the message unless a record exists (one conditional write); answers the existing record otherwise. */
  claim(key: NotificationKey, claim: NotificationClaim): Promise<ClaimResult>;
  markSent(key: NotificationKey, providerMessageId: string, at: string): Promise<void>;
  /** The provider refused it for good: kept, so no retry sends it. */
  markFailed(key: NotificationKey, reason: string, at: string): Promise<void>;
  /** It may or may not have gone out: kept, so no retry sends it, and reported for a person to look at. */
  markUncertain(key: NotificationKey, reason: string, at: string, claimedAt: string): Promise<void>;
  /** The record of one message, if there is one. */
  find(key: NotificationKey): Promise<NotificationRecord | undefined>;
  /** It certainly did not go out and may be tried again: the claim made at `claimedAt` is removed. */
  release(key: NotificationKey, claimedAt: string): Promise<void>;
}

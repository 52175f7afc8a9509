/**
 * Keys of the notification records in the orders table.
 *
 * | item                     | pk                        | sk                      |
 * |--------------------------|---------------------------|-------------------------|
 * | notification (dedup)     | NOTIFICATION#<eventId>    | <channel>               |
 * | sandbox outbox message   | SANDBOX_OUTBOX            | <sentAt>#<messageId>    |
 *
 * The channel is the sort key rather than a suffix of the partition key: an event id may itself
 * contain `#`, and an event's messages are then one Query away. Both expire through the table's
 * TTL attribute `expiresAtEpoch`.
 */
import type { NotificationKey } from '../../ports/notification-log';

export const notificationKey = ({ eventId, channel }: NotificationKey) => ({ pk: `NOTIFICATION#${eventId}`, sk: channel });

/**
 * All sandbox messages share one partition, read newest first: the outbox is a developer tool of the
 * local runtime holding days of test traffic, not a production access pattern.
 */
export const sandboxOutboxPartition = 'SANDBOX_OUTBOX';
export const sandboxOutboxKey = (sentAt: string, messageId: string) => ({ pk: sandboxOutboxPartition, sk: `${sentAt}#${messageId}` });

/** Notification records outlive every redelivery (EventBridge retries for at most a day) with a wide margin. */
export const notificationRetentionSeconds = 30 * 24 * 3600;
/** Sandbox messages are kept a week. */
export const sandboxOutboxRetentionSeconds = 7 * 24 * 3600;

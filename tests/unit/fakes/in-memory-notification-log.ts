import type { ClaimResult, NotificationKey, NotificationLog, NotificationRecord as LoggedNotification } from '../../../shared/ports/notification-log';

export interface NotificationRecord extends LoggedNotification {
  readonly providerMessageId?: string;
  readonly reason?: string;
}

/** The notification log with DynamoDB's guarantees that matter here: a claim is atomic, conditions hold. */
export class InMemoryNotificationLog implements NotificationLog {
  readonly records = new Map<string, NotificationRecord>();

  static keyOf({ eventId, channel }: NotificationKey): string {
    return `${eventId}|${channel}`;
  }

  async claim(key: NotificationKey, claim: Omit<NotificationRecord, 'status'>): Promise<ClaimResult> {
    const existing = this.records.get(InMemoryNotificationLog.keyOf(key));
    if (existing) return { claimed: false, status: existing.status, claimedAt: existing.claimedAt };
    this.records.set(InMemoryNotificationLog.keyOf(key), { ...claim, status: 'SENDING' });
    return { claimed: true };
  }

  async find(key: NotificationKey): Promise<NotificationRecord | undefined> {
    return this.records.get(InMemoryNotificationLog.keyOf(key));
  }

  async markSent(key: NotificationKey, providerMessageId: string): Promise<void> {
    this.update(key, { status: 'SENT', providerMessageId });
  }

  async markFailed(key: NotificationKey, reason: string): Promise<void> {
    this.update(key, { status: 'FAILED', reason });
  }

  async markUncertain(key: NotificationKey, reason: string, _at: string, claimedAt: string): Promise<void> {
    const record = this.records.get(InMemoryNotificationLog.keyOf(key));
    if (record?.status === 'SENDING' && record.claimedAt === claimedAt) this.update(key, { status: 'UNCERTAIN', reason });
  }

  async release(key: NotificationKey, claimedAt: string): Promise<void> {
    const record = this.records.get(InMemoryNotificationLog.keyOf(key));
    if (record?.status === 'SENDING' && record.claimedAt === claimedAt) this.records.delete(InMemoryNotificationLog.keyOf(key));
  }

  private update(key: NotificationKey, change: Partial<NotificationRecord>): void {
    const record = this.records.get(InMemoryNotificationLog.keyOf(key));
    if (!record) throw new Error(`No notification record ${InMemoryNotificationLog.keyOf(key)}`);
    this.records.set(InMemoryNotificationLog.keyOf(key), { ...record, ...change });
  }
}

import type { CustomerMessage, NotificationSender, SentMessage } from '../../../shared/ports/notification-sender';

/** Records what was sent; `failNext` makes the next sends on a channel throw instead. */
export class RecordingNotificationSender implements NotificationSender {
  readonly sent: CustomerMessage[] = [];
  private readonly failures: { channel: CustomerMessage['channel']; error: unknown }[] = [];

  failNext(channel: CustomerMessage['channel'], error: unknown): void {
    this.failures.push({ channel, error });
  }

  async send(message: CustomerMessage): Promise<SentMessage> {
    // Yields first, as a network call would, so concurrent deliveries interleave.
    await Promise.resolve();
    const failure = this.failures.findIndex((candidate) => candidate.channel === message.channel);
    if (failure >= 0) {
      const [planned] = this.failures.splice(failure, 1);
      throw planned?.error;
    }
    this.sent.push(message);
    return { providerMessageId: `msg-${this.sent.length}` };
  }
}

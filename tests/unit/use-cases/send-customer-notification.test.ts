import { describe, expect, it, vi } from 'vitest';
import { NotificationRejectedError } from '../../../shared/ports/notification-sender';
import {
  claimLeaseMs,
  maxEventAgeMs,
  NotificationRetryError,
  sendCustomerNotification,
  type NotificationDependencies,
} from '../../../shared/use-cases/send-customer-notification';
import { InMemoryNotificationLog } from '../fakes/in-memory-notification-log';
import { RecordingNotificationSender } from '../fakes/recording-notification-sender';
import { notifiedCases, received, snapshot } from '../notifications/fixtures';

const now = new Date('2025-03-04T13:03:00.000Z');

function world(at: () => Date = () => now) {
  const sender = new RecordingNotificationSender();
  const log = new InMemoryNotificationLog();
  const logger = { error: vi.fn() };
  const deps: NotificationDependencies = { sender, log, settings: { trackingUrlTemplate: 'https://track.example/{trackingNumber}', channelLocales: {} }, now: at, logger };
  return { sender, log, logger, deps };
}

const shipped = notifiedCases.find((notified) => notified.template === 'shipment-shipped')!;
const shippedEvent = (customer = {}) => received(shipped.event(snapshot({}, customer)), new Date(now.getTime() - 60_000));
const keyOf = (channel: 'email' | 'sms') => InMemoryNotificationLog.keyOf({ eventId: shippedEvent().detail.metadata.eventId, channel });

describe('sendCustomerNotification', () => {
  it('sends the email and, with a phone, the SMS of the event’s template, and records both as sent', async () => {
    // Prepare
    const { sender, log, deps } = world();

    // Act
    const summary = await sendCustomerNotification(shippedEvent(), deps);

    // Assess
    expect(summary).toMatchObject({ template: 'shipment-shipped', locale: 'en', outcomes: { email: 'sent', sms: 'sent' } });
    expect(sender.sent.map((message) => [message.channel, message.to])).toEqual([
      ['email', 'ada@example.com'],
      ['sms', '+4915112345678'],
    ]);
    expect(sender.sent[0]).toMatchObject({ subject: 'Your order WEB-100234 is on its way', orderId: snapshot().orderId, template: 'shipment-shipped', notificationId: `${shippedEvent().detail.metadata.eventId}#email` });
    expect([...log.records.values()].map((record) => record.status)).toEqual(['SENT', 'SENT']);
  });

  it('sends no SMS to a customer without a phone', async () => {
    // Prepare
    const { sender, deps } = world();

    // Act
    const summary = await sendCustomerNotification(shippedEvent({ phone: undefined }), deps);

    // Assess
    expect(summary.outcomes).toEqual({ email: 'sent' });
    expect(sender.sent.map((message) => message.channel)).toEqual(['email']);
  });

  it('sends nothing the second time the same event is delivered, one after the other or at once', async () => {
    // Prepare
    const { sender, deps } = world();
    await sendCustomerNotification(shippedEvent(), deps);

    // Act
    const again = await sendCustomerNotification(shippedEvent(), deps);
    const concurrent = world();
    const both = await Promise.allSettled([sendCustomerNotification(shippedEvent(), concurrent.deps), sendCustomerNotification(shippedEvent(), concurrent.deps)]);
    const redelivered = await sendCustomerNotification(shippedEvent(), concurrent.deps);

    // Assess
    expect(again.outcomes).toEqual({ email: 'duplicate', sms: 'duplicate' });
    expect(sender.sent).toHaveLength(2);
    expect(concurrent.sender.sent.map((message) => message.channel).sort()).toEqual(['email', 'sms']);
    // A delivery that finds the other one's claim in flight asks to be delivered again, and then has nothing left to send.
    expect(both.some((result) => result.status === 'rejected' && result.reason instanceof NotificationRetryError)).toBe(true);
    expect(redelivered.outcomes).toEqual({ email: 'duplicate', sms: 'duplicate' });
    expect(concurrent.sender.sent).toHaveLength(2);
  });

  it('releases a message the provider refused for now and fails the invocation, so a redelivery sends just that one', async () => {
    // Prepare
    const { sender, log, deps } = world();
    sender.failNext('sms', new NotificationRejectedError('SNS did not take the message: ThrottledException', true));

    // Act
    const first = sendCustomerNotification(shippedEvent(), deps);
    await expect(first).rejects.toThrow(NotificationRetryError);
    const afterRelease = log.records.has(keyOf('sms'));
    const second = await sendCustomerNotification(shippedEvent(), deps);

    // Assess
    expect(afterRelease).toBe(false);
    expect(second.outcomes).toEqual({ email: 'duplicate', sms: 'sent' });
    expect(sender.sent.map((message) => message.channel)).toEqual(['email', 'sms']);
  });

  it('records a message the provider refused for good as failed, and never tries it again', async () => {
    // Prepare
    const { sender, log, logger, deps } = world();
    sender.failNext('email', new NotificationRejectedError('SES did not take the message: MessageRejected', false));

    // Act
    const first = await sendCustomerNotification(shippedEvent(), deps);
    const second = await sendCustomerNotification(shippedEvent(), deps);

    // Assess
    expect(first.outcomes).toEqual({ email: 'failed', sms: 'sent' });
    expect(second.outcomes).toEqual({ email: 'duplicate', sms: 'duplicate' });
    expect(log.records.get(keyOf('email'))?.status).toBe('FAILED');
    expect(sender.sent.map((message) => message.channel)).toEqual(['sms']);
    expect(logger.error).toHaveBeenCalledWith('Customer notification refused by the provider', expect.objectContaining({ channel: 'email' }));
  });

  it('does not resend a message whose send ended without an answer (it may have gone out), and reports it', async () => {
    // Prepare
    const { sender, log, logger, deps } = world();
    sender.failNext('email', Object.assign(new Error('socket hang up'), { name: 'TimeoutError' }));

    // Act
    const first = await sendCustomerNotification(shippedEvent(), deps);
    const second = await sendCustomerNotification(shippedEvent(), deps);

    // Assess
    expect(first.outcomes).toEqual({ email: 'uncertain', sms: 'sent' });
    expect(second.outcomes.email).toBe('duplicate');
    expect(log.records.get(keyOf('email'))?.status).toBe('UNCERTAIN');
    expect(sender.sent.map((message) => message.channel)).toEqual(['sms']);
    expect(logger.error).toHaveBeenCalledWith('Customer notification may not have been sent; not resending', expect.objectContaining({ channel: 'email' }));
  });

  it('leaves a claim of a sender that may still be running alone, and gives up on one that stopped, without sending either', async () => {
    // Prepare: an earlier delivery claimed both messages and stopped before recording the outcome.
    let clock = now;
    const { sender, log, deps } = world(() => clock);
    for (const channel of ['email', 'sms'] as const) {
      await log.claim({ eventId: shippedEvent().detail.metadata.eventId, channel }, { orderId: snapshot().orderId, template: 'shipment-shipped', claimedAt: now.toISOString() });
    }

    // Act
    const whileLeased = sendCustomerNotification(shippedEvent(), deps);
    await expect(whileLeased).rejects.toThrow(NotificationRetryError);
    clock = new Date(now.getTime() + claimLeaseMs + 1);
    const afterLease = await sendCustomerNotification(shippedEvent(), deps);

    // Assess
    expect(afterLease.outcomes).toEqual({ email: 'uncertain', sms: 'uncertain' });
    expect(log.records.get(keyOf('email'))?.status).toBe('UNCERTAIN');
    expect(sender.sent).toEqual([]);
  });

  it('drops an event too old to be news, and events the customer is not told about', async () => {
    // Prepare
    const { sender, deps } = world();
    const stale = received(shipped.event(snapshot()), new Date(now.getTime() - maxEventAgeMs - 1));
    const delivered = notifiedCases.find((notified) => notified.template === 'delivered')!;
    const inTransit = received(delivered.event(snapshot()));
    (inTransit.detail.data as { to: string }).to = 'IN_TRANSIT';

    // Act
    const summaries = [await sendCustomerNotification(stale, deps), await sendCustomerNotification(inTransit, deps)];

    // Assess
    expect(summaries.map((summary) => summary.skipped)).toEqual(['stale', 'not-notified']);
    expect(sender.sent).toEqual([]);
  });

  it('writes in the customer’s language', async () => {
    // Prepare
    const { sender, deps } = world();

    // Act
    await sendCustomerNotification(shippedEvent({ locale: 'de-DE' }), deps);

    // Assess
    expect(sender.sent[0]).toMatchObject({ channel: 'email', locale: 'de', subject: 'Ihre Bestellung WEB-100234 ist unterwegs' });
  });
});

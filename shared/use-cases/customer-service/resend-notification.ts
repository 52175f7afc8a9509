/**
 * Customer service sends a customer message again ("I never got the email"): exactly the message
 * that went out, from the notification log, under a new id so the log keeps both. The resend is in
 * the order's activity first (who, why), and its id comes from that entry's version, so each resend
 * is claimed and recorded on its own, like any message.
 */
import { ConflictError, NotFoundError } from '../../domain/errors';
import { withActivity, type Actor } from '../../domain/customer-service/customer-service-rules';
import type { NotificationLog } from '../../ports/notification-log';
import { notificationChannels, type NotificationChannel } from '../../ports/notification-sender';
import { changeOrder, type LifecycleDependencies } from '../lifecycle/lifecycle-dependencies';
import { deliverOnce, type DeliveryOutcome, type NotificationDependencies } from '../send-customer-notification';

export type ResendDependencies = Pick<LifecycleDependencies, 'orders'> & Pick<NotificationDependencies, 'sender' | 'now' | 'logger'> & { readonly log: NotificationLog };

export interface ResendResult {
  readonly notificationId: string;
  readonly resentAs: string;
  readonly outcome: DeliveryOutcome;
}

const notFound = (orderId: string, notificationId: string) => new NotFoundError('MESSAGE_NOT_FOUND', `Order ${orderId} has no message ${notificationId}`);

function keyOf(notificationId: string): { eventId: string; channel: NotificationChannel } | undefined {
  const at = notificationId.lastIndexOf('#');
  const channel = notificationId.slice(at + 1);
  if (at <= 0 || !notificationChannels.includes(channel as NotificationChannel)) return undefined;
  return { eventId: notificationId.slice(0, at), channel: channel as NotificationChannel };
}

export async function resendNotification(command: { orderId: string; notificationId: string; actor: Actor; reason: string }, deps: ResendDependencies): Promise<ResendResult> {
  const key = keyOf(command.notificationId);
  const record = key && (await deps.log.find(key));
  if (!key || !record || record.orderId !== command.orderId) throw notFound(command.orderId, command.notificationId);
  if (!record.message) throw new ConflictError('MESSAGE_NOT_KEPT', `Message ${command.notificationId} was sent before messages were kept; it cannot be sent again as it was`);

  const at = deps.now().toISOString();
  const detail = `resent ${command.notificationId}`;
  const { after } = await changeOrder(deps.orders, command.orderId, (order) =>
    withActivity(order, { at, type: 'NOTIFICATION_RESENT', by: command.actor.user, role: command.actor.role, reason: command.reason, detail }),
  );
  const version = [...(after.activity ?? [])].reverse().find((entry) => entry.type === 'NOTIFICATION_RESENT' && entry.detail === detail)?.version ?? after.version;
  const eventId = `${key.eventId}:resend:${version}`;
  const resent = { ...record.message, eventId, notificationId: `${eventId}#${key.channel}` };
  const outcome = await deliverOnce(resent, deps);
  return { notificationId: command.notificationId, resentAs: resent.notificationId, outcome };
}

/**
 * Customer-service actions on an order: a note, an escalation to ops (or clearing it), and a
 * goodwill gesture (appeasement) as a refund to the original payment or as store credit. Each is
 * recorded in the order's activity with the acting user, their role and the reason, and none of
 * them moves the order's status. Customer-service keys work across channels, like ops keys.
 */
import { createHash } from 'node:crypto';
import type { PaymentEntry } from '../../contracts/fulfilment';
import type { AppeasementRequest } from '../../contracts/order-care';
import type { Order } from '../../contracts/order';
import { checkAppeasement, withActivity, type Actor, type AppeasementLimits } from '../../domain/customer-service/customer-service-rules';
import { withPayment } from '../../domain/lifecycle/order-lifecycle';
import { domainEvent } from '../../events/event-publisher';
import { AppeasementGranted, OrderEscalationChanged, PaymentRefunded } from '../../events/catalog/order-events';
import { StoreCreditIssued } from '../../events/catalog/return-events';
import { changeOrder, eventOptions, loadOrder, snapshotOf, type LifecycleDependencies } from '../lifecycle/lifecycle-dependencies';
import { refundAcrossCaptures } from '../payments/refund-across-captures';

export type OrderCareDependencies = Pick<LifecycleDependencies, 'orders' | 'payments' | 'events' | 'now'> & { readonly appeasementLimits: AppeasementLimits };


export async function addOrderNote(command: { orderId: string; actor: Actor; text: string }, deps: Pick<OrderCareDependencies, 'orders' | 'now'>): Promise<Order> {
  const at = deps.now().toISOString();
  const { after } = await changeOrder(deps.orders, command.orderId, (order) =>
    withActivity(order, { at, type: 'NOTE', by: command.actor.user, role: command.actor.role, reason: command.text }),
  );
  return after;
}

/** Escalating an escalated order (or clearing a clear one) changes nothing and is answered as it is. */
export async function setOrderEscalation(command: { orderId: string; actor: Actor; escalated: boolean; reason: string }, deps: Pick<OrderCareDependencies, 'orders' | 'events' | 'now'>): Promise<Order> {
  const at = deps.now().toISOString();
  const { before, after } = await changeOrder(deps.orders, command.orderId, (order) => {
    if ((order.escalation !== undefined) === command.escalated) return order;
    const { escalation: _cleared, ...rest } = order;
    const changed = command.escalated ? { ...order, escalation: { by: command.actor.user, reason: command.reason, at } } : rest;
    return withActivity(changed, { at, type: command.escalated ? 'ESCALATED' : 'DE_ESCALATED', by: command.actor.user, role: command.actor.role, reason: command.reason });
  });
  if (after !== before) {
    await deps.events.publish(
      domainEvent(OrderEscalationChanged, { order: snapshotOf(after), escalated: command.escalated, reason: command.reason, by: command.actor.user }, eventOptions(after, `Escalation:v${after.version}`)),
    );
  }
  return after;
}

const creditIdOf = (key: string) => `gw_${createHash('sha256').update(key).digest('hex').slice(0, 20)}`;

/**
 * A goodwill refund or credit, checked against the role's limit and what the customer paid and has
 * not had back. The provider refunds are keyed by the order version the agent acted on, so a
 * retried request (same version) moves the money once; a new request needs the new version.
 */
export async function grantAppeasement(command: { orderId: string; actor: Actor; request: AppeasementRequest }, deps: OrderCareDependencies): Promise<Order> {
  const order = await loadOrder(deps.orders, command.orderId);
  const { amount, method, reason } = command.request;
  checkAppeasement(order, amount, command.actor, deps.appeasementLimits);
  const at = deps.now().toISOString();
  const key = `${order.id}:appeasement:${order.version}`;
  const recorded: PaymentEntry[] =
    method === 'STORE_CREDIT'
      ? [{ type: 'STORE_CREDIT', id: creditIdOf(key), amount, reason: `Goodwill: ${reason}`, at }]
      : await refundAcrossCaptures(order, amount.amount, { idempotencyKeyPrefix: key, reason: `Goodwill: ${reason}`, at }, deps.payments);

  const { after } = await changeOrder(deps.orders, order.id, (current) => {
    if ((current.payments ?? []).some((entry) => recorded.some((done) => done.id === entry.id))) return current;
    const paid = recorded.reduce(withPayment, current);
    return withActivity(paid, { at, type: 'APPEASEMENT', by: command.actor.user, role: command.actor.role, reason, detail: method === 'STORE_CREDIT' ? 'store credit' : 'refund to the original payment', amount });
  });
  const snapshot = snapshotOf(after);
  await deps.events.publish(
    domainEvent(
      AppeasementGranted,
      { order: snapshot, amount, method, reason, grantedBy: command.actor.user, role: command.actor.role, paymentIds: recorded.map((entry) => entry.id) },
      eventOptions(after, `Appeasement:${key}`),
    ),
    ...recorded.map((entry) =>
      entry.type === 'STORE_CREDIT'
        ? domainEvent(StoreCreditIssued, { order: snapshot, creditId: entry.id, amount: entry.amount, reason: entry.reason ?? reason }, eventOptions(after, `StoreCredit:${entry.id}`))
        : domainEvent(PaymentRefunded, { order: snapshot, refundId: entry.id, amount: entry.amount, reason: entry.reason ?? reason }, eventOptions(after, `Refund:${entry.id}`)),
    ),
  );
  return after;
}

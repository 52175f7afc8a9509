/**
 * The intake of an order, as the order-intake workflow runs it: screen the risk, hold the stock,
 * authorize the payment. Each step answers an `outcome` the workflow routes on, and is safe to run
 * again (a retried task, or the intake resumed after a review or a restock).
 */
import type { Order } from '../../contracts/order';
import { addPlannedShipments, linesToSource, moveOrder, systemActor, withPayment } from '../../domain/lifecycle/order-lifecycle';
import { lifecyclePolicyFor } from '../../domain/lifecycle/lifecycle-policy';
import { screenOrder } from '../../domain/risk';
import { domainEvent } from '../../events/event-publisher';
import {
  OrderAllocated,
  OrderBackordered,
  OrderCancelled,
  OrderOnHold,
  OrderRejected,
  PaymentActionRequired,
  PaymentAuthorized,
  PaymentDeclined,
} from '../../events/catalog/order-events';
import { lifecycleErrors } from '../../ports/order-workflow';
import { allocatedShipmentOf, changeOrder, eventOptions, loadOrder, snapshotOf, type LifecycleDependencies } from './lifecycle-dependencies';

export interface StepInput {
  readonly orderId: string;
}

/** A step found the order cancelled: the workflow catches this name and compensates. */
export class OrderCancelledError extends Error {
  override name = lifecycleErrors.orderCancelled;
}

export const assertNotCancelled = (order: Order) => {
  if (order.cancellation && !order.cancellation.lineIds) throw new OrderCancelledError(`Order ${order.id} was cancelled: ${order.cancellation.reason}`);
};

const dayMs = 24 * 3600 * 1000;

export type RiskStepOutcome = { readonly outcome: 'accept' | 'hold' | 'reject' };

export async function screenOrderRisk({ orderId }: StepInput, deps: LifecycleDependencies): Promise<RiskStepOutcome> {
  const current = await loadOrder(deps.orders, orderId);
  assertNotCancelled(current);
  // Screened before (a retried task): the verdict stands.
  if (current.risk) return { outcome: current.risk.decision };
  const now = deps.now();
  const recent = await deps.orders.list({
    channelId: current.channelId,
    customerId: current.customer.id,
    placedFrom: new Date(now.getTime() - dayMs).toISOString(),
    limit: 100,
  });
  const others = recent.orders.filter((order) => order.id !== current.id);
  const screening = screenOrder(
    current,
    {
      recentOrders: {
        count: others.length,
        value: {
          amount: others.filter((order) => order.currency === current.currency).reduce((sum, order) => sum + order.totals.grandTotal.amount, 0),
          currency: current.currency,
        },
      },
      now,
    },
    deps.riskRules,
  );
  const reasons = screening.reasons.map(({ code, message }) => ({ code, message }));
  const at = now.toISOString();
  const { after } = await changeOrder(deps.orders, orderId, (order) => {
    if (order.risk) return order;
    const screened = { ...order, risk: { decision: screening.decision, reasons } };
    if (screening.decision === 'accept') return { ...screened, version: order.version + 1, updatedAt: at };
    const reason = reasons.map((entry) => entry.message).join('; ');
    return moveOrder(screened, screening.decision === 'hold' ? 'ON_HOLD' : 'REJECTED', { at, reason });
  });
  if (screening.decision === 'hold') await deps.events.publish(domainEvent(OrderOnHold, { order: snapshotOf(after), reasons }, eventOptions(after, 'OrderOnHold')));
  if (screening.decision === 'reject') await deps.events.publish(domainEvent(OrderRejected, { order: snapshotOf(after), reasons }, eventOptions(after, 'OrderRejected')));
  return { outcome: screening.decision };
}

export type AllocationStepOutcome = { readonly outcome: 'allocated' | 'backordered' | 'cancelled'; readonly shipmentIds: readonly string[] };

/**
 * Holds stock for every unit not yet held. Short stock follows the channel's policy: cancel the
 * order, backorder it whole (nothing held, it waits for a restock), or hold what is there and
 * backorder the rest.
 */
export async function allocateOrderStock({ orderId }: StepInput, deps: LifecycleDependencies): Promise<AllocationStepOutcome> {
  const order = await loadOrder(deps.orders, orderId);
  assertNotCancelled(order);
  // Already allocated (a retried task, or resumed after review): nothing more to hold here.
  if ((order.shipments ?? []).length > 0) return { outcome: 'allocated', shipmentIds: (order.shipments ?? []).map((shipment) => shipment.shipmentId) };
  const policy = lifecyclePolicyFor(deps.policies, order.channelId);
  // Only what is still wanted: lines cancelled before allocation are not held.
  const lines = linesToSource(order).map((line) => ({ sku: line.sku, quantity: line.quantity }));
  if (lines.length === 0) throw new OrderCancelledError(`Every line of order ${orderId} was cancelled before allocation`);
  const result = await deps.allocation.allocate(order, { lines, allowPartial: policy.shortStock === 'ship-available-backorder-rest' });
  const at = deps.now().toISOString();

  if (!result.allocated) {
    const missing = result.shortfall.map((line) => `${line.sku}: ${line.missing} of ${line.requested} missing`).join('; ');
    if (policy.shortStock === 'cancel') {
      const { after } = await changeOrder(deps.orders, orderId, (current) => moveOrder(current, 'CANCELLED', { at, reason: `Out of stock (${missing})` }));
      await deps.events.publish(domainEvent(OrderCancelled, { order: snapshotOf(after), reason: `Out of stock (${missing})` }, eventOptions(after, 'OrderCancelled')));
      return { outcome: 'cancelled', shipmentIds: [] };
    }
    const { after } = await changeOrder(deps.orders, orderId, (current) => moveOrder(current, 'BACKORDERED', { at, reason: `Waiting for stock (${missing})` }));
    await deps.events.publish(
      domainEvent(
        OrderBackordered,
        { order: snapshotOf(after), lines: after.lines.map((line) => ({ lineId: line.lineId, sku: line.sku, quantity: line.quantity })) },
        eventOptions(after, `OrderBackordered:${after.version}`),
      ),
    );
    return { outcome: 'backordered', shipmentIds: [] };
  }

  let added: string[] = [];
  const { after } = await changeOrder(deps.orders, orderId, (current) => {
    if ((current.shipments ?? []).length > 0) return current;
    const planned = addPlannedShipments(current, result.shipments, at);
    added = planned.added.map((shipment) => shipment.shipmentId);
    return moveOrder(planned.order, 'ALLOCATED', { at, reason: result.explanation.join(' ') || undefined });
  });
  const backorderedLines = result.backorderedLines.flatMap((line) => {
    const orderLine = after.lines.find((candidate) => candidate.sku === line.sku);
    return orderLine ? [{ lineId: orderLine.lineId, sku: line.sku, quantity: line.quantity }] : [];
  });
  await deps.events.publish(
    domainEvent(
      OrderAllocated,
      {
        order: snapshotOf(after),
        shipments: (after.shipments ?? []).map(allocatedShipmentOf),
        backorderedLines,
      },
      eventOptions(after, 'OrderAllocated'),
    ),
  );
  return { outcome: 'allocated', shipmentIds: added.length > 0 ? added : (after.shipments ?? []).map((shipment) => shipment.shipmentId) };
}

export type PaymentStepOutcome = { readonly outcome: 'authorized' | 'declined' | 'action-required' };

/**
 * Authorizes the order total once (the provider call is idempotent per order, so the same call after
 * the customer authenticated answers how that ended). A provider asking for customer action (3-D
 * Secure) parks the order as PAYMENT_ACTION_REQUIRED; a decline ends it as PAYMENT_DECLINED and gives
 * its stock back.
 */
export async function authorizeOrderPayment({ orderId }: StepInput, deps: LifecycleDependencies): Promise<PaymentStepOutcome> {
  const order = await loadOrder(deps.orders, orderId);
  assertNotCancelled(order);
  if ((order.payments ?? []).some((entry) => entry.type === 'AUTHORIZATION')) return { outcome: 'authorized' };
  // Nothing to pay (an even exchange's replacement): no provider authorizes zero, and none is needed.
  if (order.totals.grandTotal.amount === 0) {
    await changeOrder(deps.orders, orderId, (current) => moveOrder(current, 'PAYMENT_AUTHORIZED', { at: deps.now().toISOString(), reason: 'Nothing to pay' }));
    return { outcome: 'authorized' };
  }
  const result = await deps.payments.authorize({
    orderId,
    amount: order.totals.grandTotal,
    payment: order.payment,
    idempotencyKey: `${orderId}:authorize`,
  });
  const at = deps.now().toISOString();
  if (result.status === 'authorized') {
    const { after } = await changeOrder(deps.orders, orderId, (current) => {
      if ((current.payments ?? []).some((entry) => entry.type === 'AUTHORIZATION')) return current;
      const paid = withPayment(current, { type: 'AUTHORIZATION', id: result.authorizationId, amount: result.amount, at });
      const { paymentAction: _done, ...withoutAction } = paid;
      return moveOrder(withoutAction, 'PAYMENT_AUTHORIZED', { at });
    });
    await deps.events.publish(
      domainEvent(PaymentAuthorized, { order: snapshotOf(after), authorizationId: result.authorizationId, amount: result.amount }, eventOptions(after, 'PaymentAuthorized')),
    );
    return { outcome: 'authorized' };
  }
  if (result.status === 'requires_action') {
    const { after } = await changeOrder(deps.orders, orderId, (current) =>
      current.status === 'PAYMENT_ACTION_REQUIRED'
        ? current
        : moveOrder(
            { ...current, paymentAction: { authorizationId: result.authorizationId, actionUrl: result.actionUrl, requestedAt: at } },
            'PAYMENT_ACTION_REQUIRED',
            { at, reason: 'The customer must authenticate the payment' },
          ),
    );
    await deps.events.publish(
      domainEvent(
        PaymentActionRequired,
        { order: snapshotOf(after), authorizationId: result.authorizationId, actionUrl: result.actionUrl, ...(after.metadata && { orderMetadata: after.metadata }) },
        eventOptions(after, 'PaymentActionRequired'),
      ),
    );
    return { outcome: 'action-required' };
  }
  await deps.allocation.release(orderId);
  const reason = `${result.code}: ${result.message}`;
  const { after } = await changeOrder(deps.orders, orderId, (current) => moveOrder(current, 'PAYMENT_DECLINED', { at, by: systemActor, reason }));
  await deps.events.publish(domainEvent(PaymentDeclined, { order: snapshotOf(after), code: result.code, message: result.message }, eventOptions(after, 'PaymentDeclined')));
  return { outcome: 'declined' };
}

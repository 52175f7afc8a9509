/**
 * PATCH /orders/{id}: the channel (or customer service on its behalf) edits an order before it
 * ships. Optimistic locking: the edit applies to the version the caller read (If-Match) or not at
 * all. Order of operations, so that a refusal changes nothing:
 *
 * 1. plan the edit on the order as read (rules, prices, which shipments it affects; 409/422 here);
 * 2. authorize only the difference when the edit costs more than is authorized (declined: 422);
 * 3. store the edited order, if still at the version read (412 otherwise; one conditional write);
 * 4. stop the affected shipments: their fulfilment waits fail with OrderCancelled (the execution's
 *    branch for them ends), their holds go back to stock, their warehouse is told to stop;
 *    the execution's SourceRemainingLines step sources their lines again for the edited order.
 *
 * If step 3 loses a race after step 2 raised the authorization, the raise is not lost money: the
 * order voids whatever it did not capture when it completes or is cancelled.
 */
import type { EditOrderRequest } from '../../contracts/order-care';
import type { Order } from '../../contracts/order';
import { BusinessRuleViolation, NotFoundError, PreconditionFailedError } from '../../domain/errors';
import { planOrderEdit, type OrderEdit } from '../../domain/lifecycle/order-edits';
import { withPayment } from '../../domain/lifecycle/order-lifecycle';
import { domainEvent } from '../../events/event-publisher';
import { FulfilmentCancelled, OrderEdited, PaymentAuthorized } from '../../events/catalog/order-events';
import { stopShipments } from './cancel-order';
import { eventOptions, snapshotOf, type LifecycleDependencies } from './lifecycle-dependencies';

export interface EditOrderCommand {
  readonly orderId: string;
  /** The caller's channel: another channel's order is reported as not found. */
  readonly channelId: string;
  readonly editedBy: string;
  /** The version the caller read (If-Match). */
  readonly expectedVersion: number;
  readonly edit: EditOrderRequest;
}

export type EditOrderDependencies = Pick<LifecycleDependencies, 'orders' | 'allocation' | 'payments' | 'waits' | 'workflow' | 'events' | 'now'>;

const stale = (order: Order, expectedVersion: number) =>
  new PreconditionFailedError('VERSION_MISMATCH', `Order ${order.id} changed since version ${expectedVersion} (it is at ${order.version}); read it again and re-apply the edit`, [
    { path: 'if-match', code: 'VERSION_MISMATCH', message: `the current ETag is "${order.version}"` },
  ]);

export async function editOrder(command: EditOrderCommand, deps: EditOrderDependencies): Promise<Order> {
  const order = (await deps.orders.get(command.orderId))?.order;
  if (!order || order.channelId !== command.channelId) throw new NotFoundError('ORDER_NOT_FOUND', `Order ${command.orderId} does not exist`);
  if (order.version !== command.expectedVersion) throw stale(order, command.expectedVersion);

  const at = deps.now().toISOString();
  const plan = planOrderEdit(order, command.edit, { at, by: command.editedBy });
  const increase = await authorizeDifference(order, plan, deps);

  // Written only over the version the caller read: anything that changed since (a step of the
  // execution included) makes the edit stale, so there is nothing to re-plan on a newer order.
  const after = increase ? withPayment(plan.edited, increase) : plan.edited;
  if (!(await deps.orders.update(after, command.expectedVersion))) throw stale((await deps.orders.get(order.id))?.order ?? order, command.expectedVersion);

  await stopShipments(
    order.id,
    plan.affectedShipments.flatMap((shipment) => shipment.lines.map((line) => ({ sku: line.sku, locationId: shipment.locationId }))),
    plan.affectedShipments,
    `Order edited: ${command.edit.reason}`,
    deps,
  );

  const fact = `v${after.version}`;
  await deps.events.publish(
    domainEvent(
      OrderEdited,
      {
        order: snapshotOf(after),
        reason: command.edit.reason,
        editedBy: command.editedBy,
        changes: [...plan.changes],
        totalDifference: plan.totalDifference,
        authorizationIncrease: plan.authorizationIncrease,
        cancelledShipmentIds: plan.affectedShipments.map((shipment) => shipment.shipmentId),
      },
      eventOptions(after, `OrderEdited:${fact}`),
    ),
    ...(increase ? [domainEvent(PaymentAuthorized, { order: snapshotOf(after), authorizationId: increase.id, amount: increase.amount }, eventOptions(after, `PaymentAuthorized:${fact}`))] : []),
    // Only a warehouse that was asked to pick needs to hear that it should stop.
    ...plan.affectedShipments
      .filter((shipment) => shipment.status === 'FULFILMENT_REQUESTED')
      .map((shipment) =>
        domainEvent(
          FulfilmentCancelled,
          { order: snapshotOf(after), shipmentId: shipment.shipmentId, locationId: shipment.locationId, reason: `Order edited: ${command.edit.reason}`, lineIds: shipment.lines.map((line) => line.lineId) },
          eventOptions(after, `FulfilmentCancelled:${shipment.shipmentId}:${fact}`),
        ),
      ),
  );
  return after;
}

/** Raises the authorization by what the edit costs on top; a decline refuses the edit (nothing stored). */
async function authorizeDifference(order: Order, plan: OrderEdit, deps: EditOrderDependencies) {
  if (plan.authorizationIncrease.amount === 0) return undefined;
  const authorization = (order.payments ?? []).find((entry) => entry.type === 'AUTHORIZATION');
  if (!authorization) return undefined;
  const result = await deps.payments.incrementAuthorization({
    authorizationId: authorization.id,
    amount: plan.authorizationIncrease,
    idempotencyKey: `${order.id}:edit:${order.version}`,
  });
  if (result.status === 'declined') {
    throw new BusinessRuleViolation('PAYMENT_DECLINED', `The payment provider declined the extra ${plan.authorizationIncrease.amount} (minor units) the edit costs: ${result.message}; the order is unchanged`, [
      { path: 'lines', code: result.code, message: 'the customer’s payment does not cover the edited total' },
    ]);
  }
  return { type: 'AUTHORIZATION' as const, id: `${authorization.id}:edit:${order.version}`, amount: result.amount, reason: 'Order edit: the difference', at: plan.edited.updatedAt };
}

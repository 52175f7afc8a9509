/**
 * How an order's execution waits for the world and how it ends: register a wait (risk review,
 * restock, delivery), handle a delivery that never came, complete the order, or compensate it
 * (cancelled or failed) so no stock stays held and no money stays authorized.
 */
import { isFullyCancelled, linesToSource, moneySummary, moveOrder, shipmentOf, shipmentsOf, updateShipment, withPayment } from '../../domain/lifecycle/order-lifecycle';
import { finishedShipmentStatuses, handedOverShipmentStatuses, isLiveShipment, isTerminalOrderStatus, leftLocationShipmentStatuses, withCustomerShipmentStatuses } from '../../domain/lifecycle/status-transitions';
import type { Shipment } from '../../contracts/fulfilment';
import type { Order } from '../../contracts/order';
import { domainEvent } from '../../events/event-publisher';
import {
  FulfilmentCancelled,
  OrderCancelled,
  OrderCompleted,
  OrderFailed,
  PaymentRefunded,
  PaymentVoided,
  ShipmentStatusChanged,
} from '../../events/catalog/order-events';
import { deliveryWaitId, paymentActionWaitId, restockWaitId, riskReviewWaitId, type WaitKind } from '../../ports/lifecycle-waits';
import { lifecycleErrors } from '../../ports/order-workflow';
import type { StepInput } from './intake-steps';
import { changeOrder, eventOptions, loadOrder, snapshotOf, type LifecycleDependencies } from './lifecycle-dependencies';

export interface WaitInput extends StepInput {
  readonly kind: Exclude<WaitKind, 'fulfilment'>;
  readonly taskToken: string;
  readonly shipmentId?: string;
}

/**
 * Parks the execution until the outside world answers. The wait is registered first and the order
 * read second, so an answer that came before the registration (a delivery scanned early, a
 * cancellation) is seen here and answered at once.
 */
export async function awaitOrderEvent({ orderId, kind, taskToken, shipmentId }: WaitInput, deps: LifecycleDependencies): Promise<void> {
  const createdAt = deps.now().toISOString();
  const before = await loadOrder(deps.orders, orderId);
  const skus = kind === 'restock' ? (linesToSource(before).length > 0 ? linesToSource(before) : before.lines).map((line) => line.sku) : undefined;
  const waitId = kind === 'delivery' ? deliveryWaitId(shipmentId ?? '') : kind === 'restock' ? restockWaitId : kind === 'payment-action' ? paymentActionWaitId : riskReviewWaitId;
  await deps.waits.register({ orderId, waitId, kind, taskToken, createdAt, ...(shipmentId && { shipmentId }), ...(skus && { skus }) });

  const order = await loadOrder(deps.orders, orderId);
  if (order.cancellation && !order.cancellation.lineIds && kind !== 'delivery') {
    await deps.workflow.fail(taskToken, lifecycleErrors.orderCancelled, order.cancellation.reason);
    return;
  }
  if (kind === 'delivery' && shipmentId && withCustomerShipmentStatuses.includes(shipmentOf(order, shipmentId).status)) {
    await deps.workflow.succeed(taskToken, { status: shipmentOf(order, shipmentId).status });
    await deps.waits.remove({ orderId, waitId, taskToken });
  }
}

/**
 * The wait for a shipment ran out. Goods not collected in store go back on the store's shelf and
 * their share is refunded; a parcel with no delivery scan is flagged for customer service.
 */
export async function handleOverdueDelivery({ orderId, shipmentId }: StepInput & { shipmentId: string }, deps: LifecycleDependencies): Promise<void> {
  const order = await loadOrder(deps.orders, orderId);
  const shipment = shipmentOf(order, shipmentId);
  const at = deps.now().toISOString();
  if (shipment.status === 'READY_FOR_PICKUP') {
    for (const line of shipment.lines) {
      await deps.inventory.adjust({
        adjustmentId: `${shipmentId}:${line.lineId}:uncollected`,
        sku: line.sku,
        locationId: order.pickupStoreId ?? shipment.locationId,
        delta: line.quantity,
        reason: `Not collected by the pickup deadline (order ${orderId})`,
      });
    }
    const capture = (order.payments ?? []).find((entry) => entry.type === 'CAPTURE' && entry.shipmentId === shipmentId);
    const refund = capture && (await deps.payments.refund({ captureId: capture.id, amount: capture.amount, idempotencyKey: `${orderId}:refund:${shipmentId}`, reason: 'Not collected' }));
    const { after } = await changeOrder(deps.orders, orderId, (current) => {
      if (shipmentOf(current, shipmentId).status !== 'READY_FOR_PICKUP') return current;
      const refunded = refund ? withPayment(current, { type: 'REFUND', id: refund.refundId, amount: refund.amount, shipmentId, reason: 'Not collected', at }) : current;
      return updateShipment(refunded, shipmentId, at, () => ({}), { to: 'PICKUP_EXPIRED', reason: 'Not collected by the pickup deadline; returned to stock' });
    });
    await deps.events.publish(
      domainEvent(ShipmentStatusChanged, { order: snapshotOf(after), shipmentId, locationId: shipment.locationId, from: 'READY_FOR_PICKUP', to: 'PICKUP_EXPIRED' }, eventOptions(after, `PickupExpired:${shipmentId}`)),
      ...(refund ? [domainEvent(PaymentRefunded, { order: snapshotOf(after), refundId: refund.refundId, amount: refund.amount, reason: 'Not collected' }, eventOptions(after, `Refund:${shipmentId}`))] : []),
    );
    return;
  }
  if (finishedShipmentStatuses.includes(shipment.status)) return;
  const { after } = await changeOrder(deps.orders, orderId, (current) =>
    shipmentOf(current, shipmentId).status === 'DELIVERY_EXCEPTION'
      ? current
      : updateShipment(current, shipmentId, at, () => ({}), { to: 'DELIVERY_EXCEPTION', reason: 'No delivery scan before the delivery deadline: escalated to customer service' }),
  );
  await deps.events.publish(
    domainEvent(ShipmentStatusChanged, { order: snapshotOf(after), shipmentId, locationId: shipment.locationId, from: shipment.status, to: 'DELIVERY_EXCEPTION' }, eventOptions(after, `DeliveryOverdue:${shipmentId}`)),
  );
}

/** Frees whatever is still authorized and not captured (cancelled lines, rounding) and records it. */
async function voidOutstanding(deps: LifecycleDependencies, orderId: string, reason: string): Promise<void> {
  const order = await loadOrder(deps.orders, orderId);
  const outstanding = moneySummary(order).outstandingAuthorization;
  const authorization = (order.payments ?? []).find((entry) => entry.type === 'AUTHORIZATION');
  if (!authorization || outstanding.amount === 0) return;
  const { voided } = await deps.payments.void({ authorizationId: authorization.id, idempotencyKey: `${orderId}:void` });
  const at = deps.now().toISOString();
  const { after } = await changeOrder(deps.orders, orderId, (current) =>
    (current.payments ?? []).some((entry) => entry.type === 'VOID') ? current : withPayment(current, { type: 'VOID', id: `${authorization.id}:void`, amount: voided, reason, at }),
  );
  await deps.events.publish(domainEvent(PaymentVoided, { order: snapshotOf(after), amount: voided, reason }, eventOptions(after, 'PaymentVoided')));
}

/** Every shipment is done: settle the money and close the order. An order whose every unit was cancelled ends CANCELLED. */
export async function completeOrder({ orderId }: StepInput, deps: LifecycleDependencies): Promise<{ status: string }> {
  await deps.allocation.release(orderId);
  await voidOutstanding(deps, orderId, 'Order complete: nothing more will be captured');
  const at = deps.now().toISOString();
  const { after } = await changeOrder(deps.orders, orderId, (order) => {
    if (isTerminalOrderStatus(order.status)) return order;
    const nothingShipped = isFullyCancelled(order) || !shipmentsOf(order).some((shipment) => handedOverShipmentStatuses.includes(shipment.status) || shipment.status === 'PICKUP_EXPIRED');
    return nothingShipped ? moveOrder(order, 'CANCELLED', { at, reason: 'No unit could be fulfilled' }) : moveOrder(order, 'COMPLETED', { at });
  });
  const summary = moneySummary(after);
  await deps.events.publish(
    after.status === 'COMPLETED'
      ? domainEvent(OrderCompleted, { order: snapshotOf(after), captured: summary.captured, refunded: summary.refunded }, eventOptions(after, 'OrderCompleted'))
      : domainEvent(OrderCancelled, { order: snapshotOf(after), reason: 'No unit could be fulfilled' }, eventOptions(after, 'OrderCancelled')),
  );
  return { status: after.status };
}

export interface CompensationInput extends StepInput {
  readonly outcome: 'CANCELLED' | 'FAILED';
  /** The Catch's error output: what failed, for the order's history. */
  readonly error?: { readonly Error?: string; readonly Cause?: string };
}

/**
 * The one way an order ends early. Whatever happened before, afterwards no unit is held, no
 * location keeps working on it, nothing stays authorized, and captures for goods that never left
 * are refunded. Safe to run again.
 */
export async function compensateOrder({ orderId, outcome: requested, error }: CompensationInput, deps: LifecycleDependencies): Promise<{ status: string }> {
  const order = await loadOrder(deps.orders, orderId);
  // A cancellation that surfaced as another error (e.g. through the nested intake) is still a cancellation.
  const outcome = order.cancellation && !order.cancellation.lineIds ? 'CANCELLED' : requested;
  const at = deps.now().toISOString();
  const reason =
    outcome === 'CANCELLED'
      ? (order.cancellation?.reason ?? (error?.Error === 'States.Timeout' ? timeoutReason(order) : 'Cancelled'))
      : `${error?.Error ?? 'Error'}: ${readableCause(error?.Cause)}`;

  await deps.allocation.release(orderId);
  // Goods that never left the location: their stock comes back (a packed parcel is unpacked) and
  // whatever was captured for them is refunded.
  const stayed = shipmentsOf(order).filter((shipment) => !leftLocationShipmentStatuses.includes(shipment.status) && isLiveShipment(shipment));
  await restockUnshippedParcels(deps, order, stayed.filter((shipment) => shipment.status === 'PACKED'));
  await recoverUnrecordedAuthorization(deps, order, at);
  // An authentication the customer never completed is cancelled at the provider too.
  if (order.paymentAction && !(order.payments ?? []).some((entry) => entry.type === 'AUTHORIZATION')) {
    await deps.payments.void({ authorizationId: order.paymentAction.authorizationId, idempotencyKey: `${orderId}:void` });
  }
  await voidOutstanding(deps, orderId, reason);

  const { after } = await changeOrder(deps.orders, orderId, (current) => {
    let next = current;
    for (const shipment of stayed) {
      if (['PENDING', 'FULFILMENT_REQUESTED', 'PACKED'].includes(shipmentOf(next, shipment.shipmentId).status)) {
        next = updateShipment(next, shipment.shipmentId, at, () => ({}), { to: 'CANCELLED', reason });
      }
    }
    return isTerminalOrderStatus(next.status) ? next : moveOrder(next, outcome, { at, reason });
  });
  // After the terminal status, so a shipment still in flight either sees it (and refunds its own
  // capture) or has recorded its capture before this pass refunds it.
  await refundCapturesOfGoodsThatStayed(deps, orderId, reason);
  for (const wait of await deps.waits.ofOrder(orderId)) await deps.waits.remove(wait);
  await deps.events.publish(
    ...stayed
      .filter((shipment) => shipment.status === 'FULFILMENT_REQUESTED' || shipment.status === 'PACKED')
      .map((shipment) =>
        domainEvent(FulfilmentCancelled, { order: snapshotOf(after), shipmentId: shipment.shipmentId, locationId: shipment.locationId, reason }, eventOptions(after, `FulfilmentCancelled:${shipment.shipmentId}`)),
      ),
    outcome === 'CANCELLED'
      ? domainEvent(OrderCancelled, { order: snapshotOf(after), reason }, eventOptions(after, 'OrderCancelled'))
      : domainEvent(OrderFailed, { order: snapshotOf(after), error: error?.Error ?? 'Error', cause: reason }, eventOptions(after, 'OrderFailed')),
  );
  return { status: after.status };
}

/** Refunds every capture of a shipment whose goods did not leave; idempotent per capture. */
export async function refundCapturesOfGoodsThatStayed(deps: LifecycleDependencies, orderId: string, reason: string): Promise<void> {
  const order = await loadOrder(deps.orders, orderId);
  const at = deps.now().toISOString();
  for (const capture of (order.payments ?? []).filter((entry) => entry.type === 'CAPTURE')) {
    const shipment = capture.shipmentId ? shipmentsOf(order).find((candidate) => candidate.shipmentId === capture.shipmentId) : undefined;
    if (shipment && leftLocationShipmentStatuses.includes(shipment.status)) continue;
    if ((order.payments ?? []).some((entry) => entry.type === 'REFUND' && entry.shipmentId === capture.shipmentId)) continue;
    const refund = await deps.payments.refund({ captureId: capture.id, amount: capture.amount, idempotencyKey: `${orderId}:refund:${capture.id}`, reason });
    await changeOrder(deps.orders, orderId, (current) =>
      (current.payments ?? []).some((entry) => entry.type === 'REFUND' && entry.shipmentId === capture.shipmentId)
        ? current
        : withPayment(current, { type: 'REFUND', id: refund.refundId, amount: refund.amount, ...(capture.shipmentId && { shipmentId: capture.shipmentId }), reason, at }),
    );
    const refunded = await loadOrder(deps.orders, orderId);
    await deps.events.publish(domainEvent(PaymentRefunded, { order: snapshotOf(refunded), refundId: refund.refundId, amount: refund.amount, reason }, eventOptions(refunded, `Refund:${capture.id}`)));
  }
}

/** Which deadline ran out, from where the order waited. */
function timeoutReason(order: Order): string {
  if (order.status === 'PAYMENT_ACTION_REQUIRED') return 'The customer did not authenticate the payment before the deadline';
  if (order.status === 'BACKORDERED') return 'No restock arrived before the backorder deadline';
  return 'A deadline passed while the order waited';
}

/** A packed parcel whose stock was already consumed goes back on the shelf (idempotent per line). */
async function restockUnshippedParcels(deps: LifecycleDependencies, order: Order, packed: readonly Shipment[]): Promise<void> {
  if (packed.length === 0) return;
  const ledger = await deps.inventory.reservationsOf(order.id);
  for (const shipment of packed) {
    for (const line of shipment.lines) {
      const consumed = ledger.some((record) => record.status === 'CONSUMED' && record.sku === line.sku && record.locationId === shipment.locationId);
      if (!consumed) continue;
      await deps.inventory.adjust({
        adjustmentId: `${shipment.shipmentId}:${line.lineId}:unpacked`,
        sku: line.sku,
        locationId: shipment.locationId,
        delta: line.quantity,
        reason: `Order ${order.id} compensated before the parcel left`,
      });
    }
  }
}

/**
 * The provider may have authorized while the step that records it failed (a crash between the two):
 * the authorization is looked up by the step's idempotency key and recorded, so it is voided below.
 */
async function recoverUnrecordedAuthorization(deps: LifecycleDependencies, order: Order, at: string): Promise<void> {
  const attempted = order.statusHistory.some((change) => change.status === 'ALLOCATED');
  if (!attempted || (order.payments ?? []).some((entry) => entry.type === 'AUTHORIZATION')) return;
  const result = await deps.payments.findAuthorization(`${order.id}:authorize`);
  if (!result) return;
  await changeOrder(deps.orders, order.id, (current) =>
    (current.payments ?? []).some((entry) => entry.type === 'AUTHORIZATION') ? current : withPayment(current, { type: 'AUTHORIZATION', id: result.authorizationId, amount: result.amount, at }),
  );
}

/** A Lambda error's Cause is its JSON (message, stack trace): the order's history keeps the message only. */
function readableCause(cause: string | undefined): string {
  if (!cause) return 'a step failed for good';
  let message = cause;
  try {
    // A Lambda error ({errorType, errorMessage, trace}), or a failed nested execution (its description: error, cause).
    const parsed = JSON.parse(cause) as { errorMessage?: unknown; error?: unknown; cause?: unknown; Error?: unknown; Cause?: unknown };
    const error = parsed.error ?? parsed.Error;
    const nested = parsed.cause ?? parsed.Cause;
    if (typeof parsed.errorMessage === 'string') message = parsed.errorMessage;
    else if (typeof error === 'string') message = `${error}: ${readableCause(typeof nested === 'string' ? nested : undefined)}`;
  } catch {
    // Not JSON: the cause is already a message.
  }
  return message.length > 300 ? `${message.slice(0, 297)}...` : message;
}

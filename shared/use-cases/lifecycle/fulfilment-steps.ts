/**
 * Fulfilment, as the order-lifecycle workflow runs it per shipment: ask the location to pick and
 * pack, ship what it packed (label, capture that shipment's share, shipped event), give up on a
 * location that does not answer, and source what is still missing.
 */
import type { Address, Order } from '../../contracts/order';
import type { Shipment } from '../../contracts/fulfilment';
import { approximateCoordinatesOf } from '../../domain/country-centres';
import { lifecyclePolicyFor } from '../../domain/lifecycle/lifecycle-policy';
import {
  addPlannedShipments,
  cancelLineUnits,
  captureAmountFor,
  linesToSource,
  moveOrder,
  recordPackResult,
  shipmentOf,
  shipmentsOf,
  updateShipment,
  withPayment,
} from '../../domain/lifecycle/order-lifecycle';
import { finishedShipmentStatuses, isLiveShipment, isTerminalOrderStatus } from '../../domain/lifecycle/status-transitions';
import { chooseRate } from '../../domain/rate-shopping';
import { domainEvent } from '../../events/event-publisher';
import {
  FulfilmentCancelled,
  FulfilmentRequested,
  OrderAllocated,
  OrderBackordered,
  OrderCancelled,
  PaymentCaptured,
  ShipmentShipped,
} from '../../events/catalog/order-events';
import { fulfilmentWaitId } from '../../ports/lifecycle-waits';
import { OrderCancelledError, assertNotCancelled, type StepInput } from './intake-steps';
import { refundCapturesOfGoodsThatStayed } from './closing-steps';
import { allocatedShipmentOf, changeOrder, eventOptions, loadOrder, snapshotOf, type LifecycleDependencies } from './lifecycle-dependencies';

export interface ShipmentStepInput extends StepInput {
  readonly shipmentId: string;
}

/** Registers the task token, marks the shipment requested and asks the location (WMS or store) to pack it. */
export async function requestFulfilment({ orderId, shipmentId, taskToken }: ShipmentStepInput & { taskToken: string }, deps: LifecycleDependencies): Promise<void> {
  const now = deps.now();
  await deps.waits.register({ orderId, waitId: fulfilmentWaitId(shipmentId), kind: 'fulfilment', taskToken, shipmentId, createdAt: now.toISOString() });
  const current = await loadOrder(deps.orders, orderId);
  // Registered first, checked second: a cancellation that raced the registration is still seen here.
  assertNotCancelled(current);
  if (shipmentOf(current, shipmentId).status === 'CANCELLED') throw new OrderCancelledError(`Shipment ${shipmentId} was cancelled`);
  const at = now.toISOString();
  const { after } = await changeOrder(deps.orders, orderId, (order) => {
    const shipment = shipmentOf(order, shipmentId);
    if (shipment.status !== 'PENDING') return order;
    const requested = updateShipment(order, shipmentId, at, () => ({}), { to: 'FULFILMENT_REQUESTED', reason: `Sent to ${shipment.locationId}` });
    return requested.status === 'PAYMENT_AUTHORIZED' ? moveOrder(requested, 'IN_FULFILMENT', { at }) : requested;
  });
  const shipment = shipmentOf(after, shipmentId);
  const policy = lifecyclePolicyFor(deps.policies, after.channelId);
  await deps.events.publish(
    domainEvent(
      FulfilmentRequested,
      {
        order: snapshotOf(after),
        shipmentId,
        locationId: shipment.locationId,
        kind: shipment.kind,
        deliveryMethod: after.deliveryMethod,
        lines: shipment.lines,
        ...(after.shippingAddress && { shipTo: after.shippingAddress }),
        ...(after.pickupStoreId && { pickupStoreId: after.pickupStoreId }),
        packBy: new Date(now.getTime() + policy.fulfilmentTimeoutSeconds * 1000).toISOString(),
        ...(after.metadata && { orderMetadata: after.metadata }),
      },
      eventOptions(after, `FulfilmentRequested:${shipmentId}`),
    ),
  );
}

export const senderAddress = async (deps: Pick<LifecycleDependencies, 'inventory'>, locationId: string, order: Pick<Order, 'id'>): Promise<{ address: Address; coordinates: { latitude: number; longitude: number } }> => {
  const location = await deps.inventory.getLocation(locationId);
  if (!location) throw new Error(`Location ${locationId} of order ${order.id} no longer exists`);
  return {
    address: {
      name: location.name,
      line1: location.address?.line1 ?? location.name,
      city: location.address?.city ?? location.name,
      postalCode: location.address?.postalCode ?? '',
      country: location.country,
    },
    coordinates: { latitude: location.coordinates.lat, longitude: location.coordinates.lon },
  };
};

/** Parcels by line count: a sandbox-grade weight model until products carry weights. */
const parcelsOf = (shipment: Shipment) => [{ weightGrams: 500 * shipment.lines.reduce((sum, line) => sum + line.quantity, 0) }];

export type ShipStepOutcome = { readonly shipped: boolean };

/**
 * Ships what the location packed: the units leave stock, the carrier books a label (the cheapest
 * service that keeps the promise date), and the shipment's share of the order is captured.
 * Collect-in-store shipments from the store's own stock are made ready for pickup instead.
 */
export async function shipShipment({ orderId, shipmentId }: ShipmentStepInput, deps: LifecycleDependencies): Promise<ShipStepOutcome> {
  const order = await loadOrder(deps.orders, orderId);
  const shipment = shipmentOf(order, shipmentId);
  if (shipment.status === 'REJECTED' || shipment.status === 'CANCELLED') return { shipped: false };
  // A sibling shipment failed and the order was compensated while this one waited: nothing ships.
  if (isTerminalOrderStatus(order.status)) return { shipped: false };
  const now = deps.now();
  const at = now.toISOString();
  const policy = lifecyclePolicyFor(deps.policies, order.channelId);

  if (shipment.status === 'PACKED') {
    // The order of effects is the order of refusals: the carrier may still refuse (nothing moved
    // yet); a capture is recorded on the order at once, so compensation always sees and refunds it;
    // stock leaves last, once the parcel is paid for.
    const label = shipment.kind === 'pickup-in-store' ? undefined : await bookLabel(deps, order, shipment);
    const authorization = (order.payments ?? []).find((entry) => entry.type === 'AUTHORIZATION');
    const amount = captureAmountFor(order, shipmentId);
    const alreadyCaptured = (order.payments ?? []).some((entry) => entry.type === 'CAPTURE' && entry.shipmentId === shipmentId);
    if (authorization && amount.amount > 0 && !alreadyCaptured) {
      const capture = await deps.payments.capture({ authorizationId: authorization.id, amount, idempotencyKey: `${orderId}:capture:${shipmentId}` });
      await changeOrder(deps.orders, orderId, (current) =>
        (current.payments ?? []).some((entry) => entry.type === 'CAPTURE' && entry.shipmentId === shipmentId)
          ? current
          : withPayment(current, { type: 'CAPTURE', id: capture.captureId, amount: capture.amount, shipmentId, at }),
      );
    }
    // Compensated while this shipment was being paid for (a sibling failed): the goods stay, the money goes back.
    if (isTerminalOrderStatus((await loadOrder(deps.orders, orderId)).status)) {
      await refundCapturesOfGoodsThatStayed(deps, orderId, 'The order ended before this shipment left');
      return { shipped: false };
    }
    await deps.allocation.consume(orderId, shipment.lines.map((line) => ({ sku: line.sku, locationId: shipment.locationId })));
    await changeOrder(deps.orders, orderId, (current) => {
      if (shipmentOf(current, shipmentId).status !== 'PACKED') return current;
      let next = label
        ? updateShipment(current, shipmentId, at, () => ({ ...label, amount }), { to: 'SHIPPED', reason: `${label.carrier} ${label.service} ${label.trackingNumber}` })
        : updateShipment(current, shipmentId, at, () => ({ amount, pickupDeadline: new Date(now.getTime() + policy.pickupDeadlineSeconds * 1000).toISOString() }), {
            to: 'READY_FOR_PICKUP',
            reason: 'Ready for pickup in store',
          });
      // The goods left; a terminal order (compensated meanwhile) keeps its status, the shipment its truth.
      if (isTerminalOrderStatus(next.status)) return next;
      const everythingOut = linesToSource(next).length === 0 && shipmentsOf(next).every((other) => other.status !== 'PENDING' && other.status !== 'FULFILMENT_REQUESTED' && other.status !== 'PACKED');
      const target = everythingOut ? 'SHIPPED' : 'PARTIALLY_SHIPPED';
      next = next.status === target || next.status === 'SHIPPED' ? next : moveOrder(next, target, { at });
      return next;
    });
  }
  // Published on every run, with ids stable per shipment: a retry after a lost publish re-sends, consumers dedup.
  const after = await loadOrder(deps.orders, orderId);
  const shipped = shipmentOf(after, shipmentId);
  const captureEntry = (after.payments ?? []).find((entry) => entry.type === 'CAPTURE' && entry.shipmentId === shipmentId);
  await deps.events.publish(
    ...(captureEntry
      ? [domainEvent(PaymentCaptured, { order: snapshotOf(after), shipmentId, captureId: captureEntry.id, amount: captureEntry.amount }, eventOptions(after, `PaymentCaptured:${shipmentId}`))]
      : []),
    domainEvent(
      ShipmentShipped,
      {
        order: snapshotOf(after),
        shipmentId,
        locationId: shipped.locationId,
        status: shipped.status,
        lines: shipped.lines,
        ...(shipped.carrier !== undefined && { carrier: shipped.carrier }),
        ...(shipped.service !== undefined && { service: shipped.service }),
        ...(shipped.trackingNumber !== undefined && { trackingNumber: shipped.trackingNumber }),
        ...(shipped.labelUrl !== undefined && { labelUrl: shipped.labelUrl }),
      },
      eventOptions(after, `ShipmentShipped:${shipmentId}`),
    ),
  );
  return { shipped: true };
}

async function bookLabel(deps: LifecycleDependencies, order: Order, shipment: Shipment) {
  const sender = await senderAddress(deps, shipment.locationId, order);
  const recipient = await recipientOf(deps, order);
  const shipDate = deps.now().toISOString().slice(0, 10);
  const quotes = await deps.carrier.quote({
    from: { postalCode: sender.address.postalCode, country: sender.address.country, coordinates: sender.coordinates },
    to: { postalCode: recipient.address.postalCode, country: recipient.address.country, coordinates: recipient.coordinates },
    parcels: parcelsOf(shipment),
    shipDate,
  });
  const choice = chooseRate(quotes, (shipment.promiseDate ?? shipDate) as Parameters<typeof chooseRate>[1]);
  const label = await deps.carrier.createLabel({ shipmentId: shipment.shipmentId, service: choice.quote.service, from: sender.address, to: recipient.address, parcels: parcelsOf(shipment) });
  return { carrier: label.carrier, service: label.service, trackingNumber: label.trackingNumber, labelUrl: label.labelUrl };
}

/** Home delivery goes to the shipping address; a transfer goes to the pickup store. */
async function recipientOf(deps: LifecycleDependencies, order: Order) {
  if (order.shippingAddress) {
    const coordinates = order.shippingAddress.coordinates;
    return { address: order.shippingAddress, coordinates: coordinates ? { latitude: coordinates.lat, longitude: coordinates.lon } : countryCoordinates(order.shippingAddress.country) };
  }
  return senderAddress(deps, order.pickupStoreId ?? '', order);
}

function countryCoordinates(country: string) {
  const centre = approximateCoordinatesOf(country);
  if (!centre) throw new Error(`No coordinates are known for country ${country}`);
  return { latitude: centre.lat, longitude: centre.lon };
}

/**
 * The location did not pack in time (or stopped sending heartbeats): its lines go elsewhere. The
 * location is told to stop, its holds on those lines are released.
 */
export async function giveUpFulfilment({ orderId, shipmentId }: ShipmentStepInput, deps: LifecycleDependencies): Promise<void> {
  const at = deps.now().toISOString();
  const { after } = await changeOrder(deps.orders, orderId, (order) => {
    const shipment = shipmentOf(order, shipmentId);
    if (shipment.status !== 'FULFILMENT_REQUESTED') return order;
    return recordPackResult(order, shipmentId, [], shipment.lines.map((line) => ({ lineId: line.lineId, reason: 'no answer before the fulfilment deadline' })), at);
  });
  const shipment = shipmentOf(after, shipmentId);
  if (shipment.status !== 'REJECTED') return;
  await deps.allocation.release(orderId, shipment.lines.map((line) => ({ sku: line.sku, locationId: shipment.locationId })));
  await deps.events.publish(
    domainEvent(
      FulfilmentCancelled,
      { order: snapshotOf(after), shipmentId, locationId: shipment.locationId, reason: 'No answer before the fulfilment deadline; sourced elsewhere' },
      eventOptions(after, `FulfilmentCancelled:${shipmentId}`),
    ),
  );
}

export type SourcingStepOutcome =
  | { readonly outcome: 'ready'; readonly shipmentIds: readonly string[] }
  | { readonly outcome: 'await-restock'; readonly skus: readonly string[] }
  | { readonly outcome: 'done'; readonly deliveries: readonly { shipmentId: string; timeoutSeconds: number }[] };

/**
 * After a round of fulfilment: source what no live shipment covers (lines a location rejected,
 * backordered units). A line that ran out of locations to try is cancelled (and never charged);
 * backordered units wait for a restock. With nothing left to source, the shipments on their way
 * are handed to the delivery wait.
 */
export async function sourceRemainingLines({ orderId }: StepInput, deps: LifecycleDependencies): Promise<SourcingStepOutcome> {
  const order = await loadOrder(deps.orders, orderId);
  // A cancellation that failed this round's waits lands here first: it is compensated, not completed.
  assertNotCancelled(order);
  const policy = lifecyclePolicyFor(deps.policies, order.channelId);
  const at = deps.now().toISOString();
  const remaining = linesToSource(order);
  const exhausted = remaining.filter((line) => line.excludedLocationIds.length > policy.maxResourcingAttempts);
  if (exhausted.length > 0) await cancelUnits(deps, order.id, exhausted, `No other location could supply these lines after ${policy.maxResourcingAttempts} attempts`);

  const toSource = remaining.filter((line) => !exhausted.includes(line));
  if (toSource.length === 0) return { outcome: 'done', deliveries: deliveriesOf(await loadOrder(deps.orders, orderId), deps) };
  // A shipment cancelled by an edit or a partial cancellation gives its holds back; if this step
  // runs before the request that cancelled it got that far, its holds are given back here first.
  const stale = heldByCancelledShipments(order);
  if (stale.length > 0) await deps.allocation.release(orderId, stale);

  const current = await loadOrder(deps.orders, orderId);
  const result = await deps.allocation.allocate(current, {
    lines: toSource.map((line) => ({ sku: line.sku, quantity: line.quantity })),
    excludeLocationIds: [...new Set(toSource.flatMap((line) => line.excludedLocationIds))],
    allowPartial: true,
  });
  if (result.allocated) {
    let added: string[] = [];
    const { after } = await changeOrder(deps.orders, orderId, (latest) => {
      const planned = addPlannedShipments(latest, result.shipments, at);
      added = planned.added.map((shipment) => shipment.shipmentId);
      return planned.order;
    });
    await deps.events.publish(
      domainEvent(
        OrderAllocated,
        {
          order: snapshotOf(after),
          shipments: shipmentsOf(after)
            .filter((shipment) => added.includes(shipment.shipmentId))
            .map(allocatedShipmentOf),
          backorderedLines: [],
        },
        eventOptions(after, `OrderAllocated:${added.join(',')}`),
      ),
    );
    return { outcome: 'ready', shipmentIds: added };
  }
  // Rejected lines with no other location: cancelled. Backordered units: wait, if the channel backorders.
  const rejected = toSource.filter((line) => line.excludedLocationIds.length > 0);
  const backordered = toSource.filter((line) => line.excludedLocationIds.length === 0);
  if (rejected.length > 0) await cancelUnits(deps, orderId, rejected, 'No other location has these lines in stock');
  if (backordered.length > 0 && policy.shortStock !== 'cancel') {
    const latest = await loadOrder(deps.orders, orderId);
    await deps.events.publish(
      domainEvent(OrderBackordered, { order: snapshotOf(latest), lines: backordered.map(({ lineId, sku, quantity }) => ({ lineId, sku, quantity })) }, eventOptions(latest, `OrderBackordered:${latest.version}`)),
    );
    return { outcome: 'await-restock', skus: backordered.map((line) => line.sku) };
  }
  if (backordered.length > 0) await cancelUnits(deps, orderId, backordered, 'Out of stock');
  return { outcome: 'done', deliveries: deliveriesOf(await loadOrder(deps.orders, orderId), deps) };
}

/** Holds of cancelled shipments whose SKU and location no live shipment of the order uses. */
function heldByCancelledShipments(order: Order): { sku: string; locationId: string }[] {
  const key = (sku: string, locationId: string) => `${sku}@${locationId}`;
  const live = new Set(
    shipmentsOf(order)
      .filter(isLiveShipment)
      .flatMap((shipment) => shipment.lines.map((line) => key(line.sku, shipment.locationId))),
  );
  const stale = new Map<string, { sku: string; locationId: string }>();
  for (const shipment of shipmentsOf(order).filter((candidate) => candidate.status === 'CANCELLED')) {
    for (const line of shipment.lines) {
      if (!live.has(key(line.sku, shipment.locationId))) stale.set(key(line.sku, shipment.locationId), { sku: line.sku, locationId: shipment.locationId });
    }
  }
  return [...stale.values()];
}

/** After the restock deadline: the units still missing are cancelled (their share is never captured). */
export async function cancelBackorderedLines({ orderId }: StepInput, deps: LifecycleDependencies): Promise<void> {
  const order = await loadOrder(deps.orders, orderId);
  await cancelUnits(deps, orderId, linesToSource(order), 'Backorder deadline passed without a restock');
}

async function cancelUnits(deps: LifecycleDependencies, orderId: string, lines: readonly { lineId: string; quantity: number }[], reason: string): Promise<void> {
  if (lines.length === 0) return;
  const at = deps.now().toISOString();
  const { after } = await changeOrder(deps.orders, orderId, (order) => cancelLineUnits(order, lines, at));
  await deps.events.publish(
    domainEvent(OrderCancelled, { order: snapshotOf(after), reason, lineIds: lines.map((line) => line.lineId) }, eventOptions(after, `OrderCancelled:${after.version}`)),
  );
}

/** Shipments on their way, with how long to wait for each: the pickup deadline in store, else the delivery timeout. */
function deliveriesOf(order: Order, deps: LifecycleDependencies) {
  const policy = lifecyclePolicyFor(deps.policies, order.channelId);
  const now = deps.now().getTime();
  return shipmentsOf(order)
    .filter((shipment) => !finishedShipmentStatuses.includes(shipment.status) && shipment.status !== 'PENDING' && shipment.status !== 'FULFILMENT_REQUESTED')
    .map((shipment) => ({
      shipmentId: shipment.shipmentId,
      timeoutSeconds: Math.max(
        1,
        shipment.pickupDeadline !== undefined ? Math.ceil((Date.parse(shipment.pickupDeadline) - now) / 1000) : policy.deliveryTimeoutSeconds,
      ),
    }));
}

/**
 * Tracking scans from the carrier: in transit, out for delivery, delivered, exception. A delivery
 * ends the shipment's delivery wait; a transfer to a store becomes ready for pickup there instead;
 * the order is delivered once every shipment is. Scans repeat and arrive out of order: a repeated
 * status changes nothing, and one the shipment cannot take (e.g. IN_TRANSIT after DELIVERED) is
 * refused as an illegal transition.
 */
import type { Shipment, ShipmentStatus } from '../../contracts/fulfilment';
import type { CarrierEvent, PartnerEventResult } from '../../contracts/lifecycle-api';
import type { Order } from '../../contracts/order';
import { BusinessRuleViolation } from '../../domain/errors';
import { lifecyclePolicyFor } from '../../domain/lifecycle/lifecycle-policy';
import { updateShipment } from '../../domain/lifecycle/order-lifecycle';
import { domainEvent } from '../../events/event-publisher';
import { ShipmentStatusChanged } from '../../events/catalog/order-events';
import { deliveryWaitId } from '../../ports/lifecycle-waits';
import type { PartnerEventLog } from '../../ports/partner-event-log';
import { changeOrder, eventOptions, snapshotOf, type LifecycleDependencies } from './lifecycle-dependencies';
import { currentShipment, deliveredIfComplete, findShipment, loggingRefusals, oncePerPartnerEvent, type RefusalLogger } from './partner-events';
import { resumeIfWaiting } from './task-callbacks';

export type CarrierEventDependencies = Pick<LifecycleDependencies, 'orders' | 'waits' | 'workflow' | 'events' | 'policies' | 'now'> & {
  readonly partnerEvents: PartnerEventLog;
  readonly logger?: RefusalLogger;
};

/** Where the scan moves the shipment: a transfer "delivered" to its store waits there for the customer. */
function targetStatus(event: CarrierEvent, shipment: Shipment): ShipmentStatus {
  switch (event.status) {
    case 'EXCEPTION':
      return 'DELIVERY_EXCEPTION';
    case 'DELIVERED':
      return shipment.kind === 'transfer-to-store' ? 'READY_FOR_PICKUP' : 'DELIVERED';
    default:
      return event.status;
  }
}

export async function applyCarrierEvent(event: CarrierEvent, deps: CarrierEventDependencies): Promise<PartnerEventResult> {
  return oncePerPartnerEvent(deps.partnerEvents, 'carrier', event, () =>
    loggingRefusals(deps.logger, 'carrier', event, async () => {
      const { order, shipment } = await findShipment(deps.orders, event.shipmentReference);
      if (shipment.trackingNumber !== event.trackingNumber) {
        const message = `Shipment ${shipment.shipmentId} does not have tracking number ${event.trackingNumber}`;
        throw new BusinessRuleViolation('TRACKING_NUMBER_MISMATCH', message, [{ path: 'trackingNumber', code: 'TRACKING_NUMBER_MISMATCH', message }]);
      }
      const to = targetStatus(event, shipment);
      const now = deps.now();
      const at = now.toISOString();
      const pickupDeadline = new Date(now.getTime() + lifecyclePolicyFor(deps.policies, order.channelId).pickupDeadlineSeconds * 1000).toISOString();
      const { before, after } = await changeOrder(deps.orders, order.id, (current) => {
        // A repeated scan (or the same status from two events) is no news.
        if (currentShipment(current, shipment.shipmentId).status === to) return current;
        const moved = updateShipment(current, shipment.shipmentId, at, () => (to === 'READY_FOR_PICKUP' ? { pickupDeadline } : {}), {
          to,
          reason: `Carrier: ${event.status} at ${event.occurredAt}${event.detail ? ` (${event.detail})` : ''}`,
        });
        return deliveredIfComplete(moved, at);
      });
      if (after !== before) await publishStatusChange(event, before, after, shipment.shipmentId, deps);
      // Also on a repeated DELIVERED: an earlier request may have stopped before it answered.
      if (to === 'DELIVERED') await resumeIfWaiting(deps, order.id, deliveryWaitId(shipment.shipmentId), { status: 'DELIVERED' });
      return { eventId: event.eventId, orderId: order.id, shipmentId: shipment.shipmentId, shipmentStatus: currentShipment(after, shipment.shipmentId).status, orderStatus: after.status };
    }),
  );
}

function publishStatusChange(event: CarrierEvent, before: Order, after: Order, shipmentId: string, deps: CarrierEventDependencies) {
  const from = currentShipment(before, shipmentId);
  const to = currentShipment(after, shipmentId);
  return deps.events.publish(
    domainEvent(
      ShipmentStatusChanged,
      {
        order: snapshotOf(after),
        shipmentId,
        locationId: to.locationId,
        from: from.status,
        to: to.status,
        ...(to.trackingNumber !== undefined && { trackingNumber: to.trackingNumber }),
      },
      // A status can recur (exception, in transit, exception): the carrier's event id names the fact.
      eventOptions(after, `ShipmentStatusChanged:${shipmentId}:carrier:${event.eventId}`),
    ),
  );
}

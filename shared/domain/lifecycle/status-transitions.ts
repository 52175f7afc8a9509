/**
 * The order and shipment status models: which status may follow which. Every status change goes
 * through these guards, so an out-of-order callback or a bug cannot move an order backwards.
 */
import type { ShipmentStatus } from '../../contracts/fulfilment';
import type { OrderStatus } from '../../contracts/order';
import { DomainError } from '../errors';

/** An order may always end in FAILED (compensated) or CANCELLED before anything shipped. */
const orderTransitions: Readonly<Record<OrderStatus, readonly OrderStatus[]>> = {
  PLACED: ['ON_HOLD', 'REJECTED', 'ALLOCATED', 'BACKORDERED', 'CANCELLED', 'FAILED'],
  ON_HOLD: ['ALLOCATED', 'BACKORDERED', 'REJECTED', 'CANCELLED', 'FAILED'],
  BACKORDERED: ['ALLOCATED', 'CANCELLED', 'FAILED'],
  ALLOCATED: ['PAYMENT_AUTHORIZED', 'PAYMENT_DECLINED', 'PAYMENT_ACTION_REQUIRED', 'CANCELLED', 'FAILED'],
  PAYMENT_ACTION_REQUIRED: ['PAYMENT_AUTHORIZED', 'PAYMENT_DECLINED', 'CANCELLED', 'FAILED'],
  PAYMENT_AUTHORIZED: ['IN_FULFILMENT', 'CANCELLED', 'FAILED'],
  IN_FULFILMENT: ['PARTIALLY_SHIPPED', 'SHIPPED', 'COMPLETED', 'CANCELLED', 'FAILED'],
  PARTIALLY_SHIPPED: ['SHIPPED', 'DELIVERED', 'COMPLETED', 'FAILED'],
  SHIPPED: ['DELIVERED', 'COMPLETED', 'FAILED'],
  DELIVERED: ['COMPLETED', 'FAILED'],
  COMPLETED: [],
  CANCELLED: [],
  PAYMENT_DECLINED: [],
  REJECTED: [],
  FAILED: [],
};

const shipmentTransitions: Readonly<Record<ShipmentStatus, readonly ShipmentStatus[]>> = {
  PENDING: ['FULFILMENT_REQUESTED', 'CANCELLED'],
  FULFILMENT_REQUESTED: ['PACKED', 'REJECTED', 'CANCELLED'],
  // CANCELLED only by compensation: a parcel packed but not handed over is unpacked.
  PACKED: ['SHIPPED', 'READY_FOR_PICKUP', 'CANCELLED'],
  SHIPPED: ['IN_TRANSIT', 'OUT_FOR_DELIVERY', 'DELIVERED', 'DELIVERY_EXCEPTION', 'READY_FOR_PICKUP'],
  IN_TRANSIT: ['IN_TRANSIT', 'OUT_FOR_DELIVERY', 'DELIVERED', 'DELIVERY_EXCEPTION', 'READY_FOR_PICKUP'],
  OUT_FOR_DELIVERY: ['IN_TRANSIT', 'DELIVERED', 'DELIVERY_EXCEPTION'],
  DELIVERY_EXCEPTION: ['IN_TRANSIT', 'OUT_FOR_DELIVERY', 'DELIVERED', 'DELIVERY_EXCEPTION'],
  READY_FOR_PICKUP: ['PICKED_UP', 'PICKUP_EXPIRED'],
  DELIVERED: [],
  PICKED_UP: [],
  PICKUP_EXPIRED: [],
  REJECTED: [],
  CANCELLED: [],
};

export const terminalOrderStatuses: readonly OrderStatus[] = ['COMPLETED', 'CANCELLED', 'PAYMENT_DECLINED', 'REJECTED', 'FAILED'];
export const isTerminalOrderStatus = (status: OrderStatus) => terminalOrderStatuses.includes(status);

/** Shipments that are done: nothing more will happen to them in the lifecycle. */
export const finishedShipmentStatuses: readonly ShipmentStatus[] = ['DELIVERED', 'PICKED_UP', 'PICKUP_EXPIRED', 'REJECTED', 'CANCELLED'];
/** Shipments whose goods the customer has: delivered home, or picked up in store (what may be returned). */
export const withCustomerShipmentStatuses: readonly ShipmentStatus[] = ['DELIVERED', 'PICKED_UP'];
/** Shipments whose goods have left the location: they can no longer be cancelled, only returned. */
export const handedOverShipmentStatuses: readonly ShipmentStatus[] = [
  'PACKED',
  'SHIPPED',
  'IN_TRANSIT',
  'OUT_FOR_DELIVERY',
  'DELIVERY_EXCEPTION',
  'DELIVERED',
  'READY_FOR_PICKUP',
  'PICKED_UP',
];

/** Shipments whose goods physically left the location (a PACKED parcel has not): compensation keeps their captures. */
export const leftLocationShipmentStatuses: readonly ShipmentStatus[] = [
  'SHIPPED',
  'IN_TRANSIT',
  'OUT_FOR_DELIVERY',
  'DELIVERY_EXCEPTION',
  'DELIVERED',
  'READY_FOR_PICKUP',
  'PICKED_UP',
  'PICKUP_EXPIRED',
];

/** A status change the model does not allow; the caller logs it and changes nothing. */
export class IllegalTransitionError extends DomainError {
  readonly kind = 'conflict';
}

export const canMoveOrder = (from: OrderStatus, to: OrderStatus) => orderTransitions[from].includes(to);
export const canMoveShipment = (from: ShipmentStatus, to: ShipmentStatus) => shipmentTransitions[from].includes(to);

export function assertOrderTransition(orderId: string, from: OrderStatus, to: OrderStatus): void {
  if (!canMoveOrder(from, to)) {
    throw new IllegalTransitionError('ILLEGAL_ORDER_TRANSITION', `Order ${orderId} cannot move from ${from} to ${to}`);
  }
}

export function assertShipmentTransition(shipmentId: string, from: ShipmentStatus, to: ShipmentStatus): void {
  if (!canMoveShipment(from, to)) {
    throw new IllegalTransitionError('ILLEGAL_SHIPMENT_TRANSITION', `Shipment ${shipmentId} cannot move from ${from} to ${to}`);
  }
}

/** Shipments whose goods still count for the order: neither rejected by their location nor cancelled. */
export const isLiveShipment = (shipment: { readonly status: ShipmentStatus }): boolean => shipment.status !== 'CANCELLED' && shipment.status !== 'REJECTED';

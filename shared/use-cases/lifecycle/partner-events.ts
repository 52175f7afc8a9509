/**
 * What the WMS and carrier callbacks share: each partner event is applied once per (partner,
 * eventId), the shipment it names is found from its id, refusals are logged for the partner's
 * support, and a delivered shipment may complete the order's delivery.
 */
import { createHash } from 'node:crypto';
import type { Shipment } from '../../contracts/fulfilment';
import type { Order } from '../../contracts/order';
import { ConflictError, DomainError, NotFoundError } from '../../domain/errors';
import { canonicalJson } from '../../domain/order';
import { linesToSource, moveOrder, shipmentsOf } from '../../domain/lifecycle/order-lifecycle';
import { canMoveOrder, isLiveShipment, withCustomerShipmentStatuses } from '../../domain/lifecycle/status-transitions';
import type { PartnerEventLog } from '../../ports/partner-event-log';
import type { OrderRepository } from '../../ports/order-repository';

export type Partner = 'wms' | 'carrier' | 'payments' | 'returns';

/** Where refusals are reported; Powertools' Logger fits. */
export interface RefusalLogger {
  warn(message: string, details: Record<string, unknown>): void;
}

/** The same event sent with its fields in another order is the same event. */
export const fingerprintOf = (body: unknown) => createHash('sha256').update(canonicalJson(body)).digest('hex');

/**
 * Applies a partner event once: the same event again answers what the first answered and changes
 * nothing; the same id with another body is refused. Only applied events are recorded, so an event
 * that was refused (e.g. stale) is judged again when resent, and gets the same refusal.
 */
export async function oncePerPartnerEvent<Result extends Record<string, unknown>>(
  log: PartnerEventLog,
  partner: Partner,
  event: { readonly eventId: string },
  apply: () => Promise<Result>,
): Promise<Result> {
  const fingerprint = fingerprintOf(event);
  const applied = await log.find(partner, event.eventId);
  if (applied) {
    if (applied.fingerprint !== fingerprint) {
      throw new ConflictError('EVENT_ID_REUSED', `Event ${event.eventId} was already received with a different body; send a new event id for a new event`);
    }
    return applied.response as Result;
  }
  const response = await apply();
  await log.record(partner, event.eventId, { fingerprint, response });
  return response;
}

/** Refusals (stale, illegal, unknown) are the partner's integration bugs or races: worth a log line each. */
export async function loggingRefusals<Result>(logger: RefusalLogger | undefined, partner: Partner, event: Record<string, unknown>, apply: () => Promise<Result>): Promise<Result> {
  try {
    return await apply();
  } catch (error) {
    if (error instanceof DomainError) logger?.warn(`${partner} event refused`, { code: error.code, reason: error.message, event });
    throw error;
  }
}

/** Shipment ids are `<orderId>-S<n>`; the order id may itself contain `-S`, so the last one counts. */
export function orderIdOfShipment(shipmentId: string): string | undefined {
  const at = shipmentId.lastIndexOf('-S');
  if (at <= 0 || !/^[0-9]+$/.test(shipmentId.slice(at + 2))) return undefined;
  return shipmentId.slice(0, at);
}

const shipmentNotFound = (shipmentId: string) => new NotFoundError('SHIPMENT_NOT_FOUND', `Shipment ${shipmentId} does not exist`);

/** Partners work for every channel: the shipment is found by its id alone. */
export async function findShipment(orders: OrderRepository, shipmentId: string): Promise<{ order: Order; shipment: Shipment }> {
  const orderId = orderIdOfShipment(shipmentId);
  const stored = orderId === undefined ? undefined : await orders.get(orderId);
  const shipment = stored && shipmentsOf(stored.order).find((candidate) => candidate.shipmentId === shipmentId);
  if (!stored || !shipment) throw shipmentNotFound(shipmentId);
  return { order: stored.order, shipment };
}

/** The shipment as it is in `order` now; it cannot disappear, but the type says it could. */
export function currentShipment(order: Order, shipmentId: string): Shipment {
  const shipment = shipmentsOf(order).find((candidate) => candidate.shipmentId === shipmentId);
  if (!shipment) throw shipmentNotFound(shipmentId);
  return shipment;
}

/**
 * The order is delivered once every shipment that carries goods (neither cancelled nor rejected)
 * reached the customer and nothing is left to source; only from a status that allows it.
 */
export function deliveredIfComplete(order: Order, at: string): Order {
  const carrying = shipmentsOf(order).filter(isLiveShipment);
  const complete = carrying.length > 0 && carrying.every((shipment) => withCustomerShipmentStatuses.includes(shipment.status)) && linesToSource(order).length === 0;
  if (!complete || !canMoveOrder(order.status, 'DELIVERED')) return order;
  return moveOrder(order, 'DELIVERED', { at, reason: 'Every shipment reached the customer' });
}

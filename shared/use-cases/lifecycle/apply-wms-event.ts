/**
 * What a warehouse or store reports about a shipment it was asked to fulfil (the FulfilmentRequested
 * event): still picking, packed (all, some or none of the lines), or collected by the customer.
 *
 * Order of operations for a pack result, so a stale answer leaves the order as it was:
 * 1. the shipment must be FULFILMENT_REQUESTED and its `fulfilment#<shipmentId>` token must still
 *    wait (a heartbeat asks); otherwise 409 and nothing changed;
 * 2. the pack result is recorded with optimistic locking, guarded on the shipment still being
 *    FULFILMENT_REQUESTED (a concurrent cancellation or timeout wins);
 * 3. the token is answered, because the execution's next step reads the order. Should it have
 *    timed out between 1 and 3, the execution has given up on this location (or will, any moment):
 *    the recorded result is taken back and the shipment given up exactly as the timeout path does
 *    (giveUpFulfilment: lines rejected for re-sourcing, holds released, FulfilmentCancelled), in
 *    whichever order the two run, and the WMS gets 409. Merely taking the result back could leave a
 *    shipment waiting for a pack result nobody waits for, had the timeout step read it meanwhile;
 * 4. only then are the rejected lines' holds released and ShipmentPacked published.
 * A request that stopped after 2 or 3 is finished by the partner's retry: a shipment that already
 * shows exactly this result is not refused as stale, and 3 and 4 are repeated (safe to repeat).
 */
import type { RejectedLine, Shipment } from '../../contracts/fulfilment';
import type { PartnerEventResult, WmsEvent } from '../../contracts/lifecycle-api';
import type { Order } from '../../contracts/order';
import type { FieldError } from '../../contracts/problem';
import { BusinessRuleViolation, ConflictError } from '../../domain/errors';
import { recordPackResult, updateShipment } from '../../domain/lifecycle/order-lifecycle';
import { domainEvent } from '../../events/event-publisher';
import { ShipmentPacked, ShipmentStatusChanged } from '../../events/catalog/order-events';
import { deliveryWaitId, fulfilmentWaitId } from '../../ports/lifecycle-waits';
import type { PartnerEventLog } from '../../ports/partner-event-log';
import { isWholeCancellation } from './cancel-order';
import { giveUpFulfilment } from './fulfilment-steps';
import { changeOrder, eventOptions, snapshotOf, type LifecycleDependencies } from './lifecycle-dependencies';
import { currentShipment, deliveredIfComplete, findShipment, fingerprintOf, loggingRefusals, oncePerPartnerEvent, type RefusalLogger } from './partner-events';
import { liveWait, resumeIfWaiting, taskNoLongerWaiting } from './task-callbacks';

export type WmsEventDependencies = LifecycleDependencies & {
  readonly partnerEvents: PartnerEventLog;
  readonly logger?: RefusalLogger;
};

/** What the fulfilment task's execution gets back: what was packed, and what must be sourced elsewhere. */
export interface PackOutcome {
  readonly packedLineIds: readonly string[];
  readonly rejected: readonly RejectedLine[];
}

export async function applyWmsEvent(event: WmsEvent, deps: WmsEventDependencies): Promise<PartnerEventResult> {
  return oncePerPartnerEvent(deps.partnerEvents, 'wms', event, () =>
    loggingRefusals(deps.logger, 'wms', event, async () => {
      const { order, shipment } = await findShipment(deps.orders, event.shipmentId);
      switch (event.type) {
        case 'PICKING':
          return picking(event, order, shipment, deps);
        case 'COLLECTED':
          return collected(event, order, shipment, deps);
        default:
          return packed(event, order, shipment, deps);
      }
    }),
  );
}

const resultOf = (event: WmsEvent, order: Order): PartnerEventResult => ({
  eventId: event.eventId,
  orderId: order.id,
  shipmentId: event.shipmentId,
  shipmentStatus: currentShipment(order, event.shipmentId).status,
  orderStatus: order.status,
});

const staleCallback = (shipment: Shipment, expected: string) =>
  new ConflictError('STALE_CALLBACK', `Shipment ${shipment.shipmentId} is ${shipment.status}, not ${expected}: the event comes too late or out of order; nothing was changed`);

/** Still working on it: resets the fulfilment task's heartbeat clock. */
async function picking(event: WmsEvent, order: Order, shipment: Shipment, deps: WmsEventDependencies): Promise<PartnerEventResult> {
  if (shipment.status !== 'FULFILMENT_REQUESTED') throw staleCallback(shipment, 'FULFILMENT_REQUESTED');
  await liveWait(deps, order.id, fulfilmentWaitId(shipment.shipmentId));
  return resultOf(event, order);
}

interface PackResult {
  readonly packedLineIds: readonly string[];
  readonly rejected: readonly { readonly lineId: string; readonly reason: string }[];
}

/** The lines the location was asked to pack: after packing, the packed ones and the rejected ones. */
const askedLineIds = (shipment: Shipment) => [...new Set([...shipment.lines, ...(shipment.rejectedLines ?? [])].map((line) => line.lineId))];

const inconsistent = (message: string, path: string) => new BusinessRuleViolation('INCONSISTENT_PACK_RESULT', message, [{ path, code: 'INCONSISTENT_PACK_RESULT', message }]);

/**
 * The event's pack result over the shipment's lines, checked: lines must be the shipment's (lines the
 * channel cancelled meanwhile are ignored), and the type must agree with the lists.
 */
function packResultOf(event: WmsEvent, order: Order, shipment: Shipment): PackResult {
  const asked = askedLineIds(shipment);
  const cancelled = new Set(order.lines.filter((line) => (line.cancelledQuantity ?? 0) >= line.quantity).map((line) => line.lineId));
  const unknown: FieldError[] = [
    ...(event.packedLineIds ?? []).map((lineId, index) => ({ lineId, path: `packedLineIds[${index}]` })),
    ...(event.rejectedLines ?? []).map(({ lineId }, index) => ({ lineId, path: `rejectedLines[${index}].lineId` })),
  ]
    .filter(({ lineId }) => !asked.includes(lineId) && !cancelled.has(lineId))
    .map(({ lineId, path }) => ({ path, code: 'UNKNOWN_LINE', message: `Shipment ${shipment.shipmentId} has no line ${lineId}` }));
  if (unknown.length > 0) throw new BusinessRuleViolation('UNKNOWN_LINE', `The event names lines that shipment ${shipment.shipmentId} does not have; see errors`, unknown);

  const rejected = (event.rejectedLines ?? []).filter((line) => asked.includes(line.lineId));
  const rejectedIds = new Set(rejected.map((line) => line.lineId));
  const packedIds = (event.packedLineIds ?? []).filter((lineId) => asked.includes(lineId));
  if (packedIds.some((lineId) => rejectedIds.has(lineId))) throw inconsistent('A line cannot be both packed and rejected', 'packedLineIds');
  switch (event.type) {
    case 'PACKED':
      if (rejected.length > 0) throw inconsistent('PACKED means every line was packed; report rejected lines with PARTIALLY_PACKED', 'rejectedLines');
      if (event.packedLineIds && asked.some((lineId) => !packedIds.includes(lineId))) {
        throw inconsistent('PACKED means every line was packed; report the others with PARTIALLY_PACKED', 'packedLineIds');
      }
      return { packedLineIds: asked, rejected: [] };
    case 'PARTIALLY_PACKED':
      if (packedIds.length === 0) throw inconsistent('PARTIALLY_PACKED needs the packed lines in packedLineIds; nothing packed is REJECTED', 'packedLineIds');
      return { packedLineIds: packedIds, rejected };
    default:
      if (packedIds.length > 0) throw inconsistent('REJECTED means nothing was packed; report packed lines with PARTIALLY_PACKED', 'packedLineIds');
      return { packedLineIds: [], rejected };
  }
}

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((item) => b.includes(item));

/**
 * The shipment already shows exactly this pack result (a retried or concurrent duplicate): the same
 * lines packed, the same lines rejected for the same reasons (a timeout's rejection is not this one).
 */
function showsPackResult(shipment: Shipment, result: PackResult): boolean {
  if (shipment.status !== 'PACKED' && shipment.status !== 'REJECTED') return false;
  const packedNow = shipment.status === 'PACKED' ? shipment.lines.map((line) => line.lineId) : [];
  const reasonOf = new Map(result.rejected.map((line) => [line.lineId, line.reason]));
  const rejectedNow = (shipment.rejectedLines ?? []).map((line) => `${line.lineId}:${line.reason}`);
  const rejectedThen = askedLineIds(shipment)
    .filter((lineId) => !result.packedLineIds.includes(lineId))
    .map((lineId) => `${lineId}:${reasonOf.get(lineId) ?? 'not packed'}`);
  return sameSet(packedNow, result.packedLineIds) && sameSet(rejectedNow, rejectedThen);
}

const packOutcomeOf = (shipment: Shipment): PackOutcome => ({
  packedLineIds: shipment.status === 'PACKED' ? shipment.lines.map((line) => line.lineId) : [],
  rejected: shipment.rejectedLines ?? [],
});

async function packed(event: WmsEvent, order: Order, shipment: Shipment, deps: WmsEventDependencies): Promise<PartnerEventResult> {
  const result = packResultOf(event, order, shipment);
  const waitId = fulfilmentWaitId(shipment.shipmentId);
  let after = order;
  if (!showsPackResult(shipment, result)) {
    if (shipment.status !== 'FULFILMENT_REQUESTED') throw staleCallback(shipment, 'FULFILMENT_REQUESTED');
    const wait = await liveWait(deps, order.id, waitId);
    const at = deps.now().toISOString();
    const change = await changeOrder(deps.orders, order.id, (current) => {
      const latest = currentShipment(current, shipment.shipmentId);
      if (showsPackResult(latest, result)) return current;
      if (latest.status !== 'FULFILMENT_REQUESTED') throw staleCallback(latest, 'FULFILMENT_REQUESTED');
      if (isWholeCancellation(current)) throw new ConflictError('ORDER_CANCELLED', `Order ${current.id} was cancelled; stop working on shipment ${shipment.shipmentId}`);
      return recordPackResult(current, shipment.shipmentId, result.packedLineIds, result.rejected, at);
    });
    after = change.after;
    if (change.after !== change.before) {
      const answer = await deps.workflow.succeed(wait.taskToken, packOutcomeOf(currentShipment(after, shipment.shipmentId)));
      if (answer === 'stale') {
        await giveUp(deps, order.id, currentShipment(after, shipment.shipmentId), currentShipment(change.before, shipment.shipmentId));
        throw taskNoLongerWaiting(order.id, waitId);
      }
      await deps.waits.remove(wait);
    }
  }

  const recorded = currentShipment(after, shipment.shipmentId);
  // Finishes what an earlier attempt may have left: the token, if it still waits.
  await resumeIfWaiting(deps, order.id, waitId, packOutcomeOf(recorded));
  const rejectedLines = recorded.rejectedLines ?? [];
  if (rejectedLines.length > 0) await deps.allocation.release(order.id, rejectedLines.map((line) => ({ sku: line.sku, locationId: recorded.locationId })));
  await deps.events.publish(
    domainEvent(
      ShipmentPacked,
      {
        order: snapshotOf(after),
        shipmentId: recorded.shipmentId,
        locationId: recorded.locationId,
        packedLines: recorded.status === 'PACKED' ? recorded.lines : [],
        rejectedLines,
      },
      eventOptions(after, `ShipmentPacked:${recorded.shipmentId}`),
    ),
  );
  return resultOf(event, after);
}

/**
 * The execution no longer takes this pack result: the shipment is put back as it was (unless
 * something moved it on since this request recorded it) and given up as the timeout path does.
 */
async function giveUp(deps: WmsEventDependencies, orderId: string, recorded: Shipment, original: Shipment): Promise<void> {
  const at = deps.now().toISOString();
  await changeOrder(deps.orders, orderId, (current) => {
    if (fingerprintOf(currentShipment(current, recorded.shipmentId)) !== fingerprintOf(recorded)) return current;
    return {
      ...current,
      version: current.version + 1,
      updatedAt: at,
      shipments: (current.shipments ?? []).map((candidate) => (candidate.shipmentId === original.shipmentId ? original : candidate)),
    };
  });
  await giveUpFulfilment({ orderId, shipmentId: original.shipmentId }, deps);
}

/** Click-and-collect: the customer took the goods; the delivery wait (if any) ends. */
async function collected(event: WmsEvent, order: Order, shipment: Shipment, deps: WmsEventDependencies): Promise<PartnerEventResult> {
  const at = deps.now().toISOString();
  const { before, after } = await changeOrder(deps.orders, order.id, (current) => {
    if (currentShipment(current, shipment.shipmentId).status === 'PICKED_UP') return current;
    const pickedUp = updateShipment(current, shipment.shipmentId, at, () => ({}), { to: 'PICKED_UP', reason: `Collected in store (WMS event ${event.eventId} at ${event.occurredAt})` });
    return deliveredIfComplete(pickedUp, at);
  });
  if (after !== before) {
    const from = currentShipment(before, shipment.shipmentId);
    await deps.events.publish(
      domainEvent(
        ShipmentStatusChanged,
        {
          order: snapshotOf(after),
          shipmentId: from.shipmentId,
          locationId: from.locationId,
          from: from.status,
          to: 'PICKED_UP',
          ...(from.trackingNumber !== undefined && { trackingNumber: from.trackingNumber }),
        },
        eventOptions(after, `ShipmentStatusChanged:${from.shipmentId}:PICKED_UP`),
      ),
    );
  }
  await resumeIfWaiting(deps, order.id, deliveryWaitId(shipment.shipmentId), { status: 'PICKED_UP' });
  return resultOf(event, after);
}

import { describe, expect, it } from 'vitest';
import type { WmsEvent } from '../../../../shared/contracts/lifecycle-api';
import { recordPackResult } from '../../../../shared/domain/lifecycle/order-lifecycle';
import { deliveryWaitId, fulfilmentWaitId } from '../../../../shared/ports/lifecycle-waits';
import { applyWmsEvent } from '../../../../shared/use-cases/lifecycle/apply-wms-event';
import { at, hoodieLine, lifecycleWorld, moveOrderThrough, moveShipment, orderInFulfilment, tshirtLine } from '../../fixtures/lifecycle';

const event = (extra: Partial<WmsEvent> = {}): WmsEvent => ({ eventId: 'wms-1', type: 'PACKED', shipmentId: 'ord_01-S1', occurredAt: '2025-03-01T11:00:00Z', ...extra });

const fulfilmentToken = 'token:ord_01:fulfilment#ord_01-S1';

/** Records the refusals the use case reports. */
const recordingLogger = () => {
  const warnings: { message: string; details: Record<string, unknown> }[] = [];
  return { warnings, warn: (message: string, details: Record<string, unknown>) => void warnings.push({ message, details }) };
};

async function worldWaitingForPack() {
  const world = lifecycleWorld();
  const order = await world.store(orderInFulfilment());
  await world.waitFor('ord_01', fulfilmentWaitId('ord_01-S1'), 'fulfilment');
  const logger = recordingLogger();
  return { world, order, logger, deps: { ...world.deps, logger } };
}

describe('applyWmsEvent, pack results', () => {
  it('PACKED: records the shipment as packed, resumes the execution with what was packed, and publishes ShipmentPacked', async () => {
    // Prepare
    const { world, deps } = await worldWaitingForPack();

    // Act
    const result = await applyWmsEvent(event(), deps);

    // Assess
    expect(result).toEqual({ eventId: 'wms-1', orderId: 'ord_01', shipmentId: 'ord_01-S1', shipmentStatus: 'PACKED', orderStatus: 'IN_FULFILMENT' });
    const shipment = (await world.saved('ord_01')).shipments?.[0];
    expect(shipment?.status).toBe('PACKED');
    expect(shipment?.lines.map((line) => line.lineId)).toEqual([tshirtLine(), hoodieLine()]);
    expect(world.deps.workflow.succeeded).toEqual([{ taskToken: fulfilmentToken, output: { packedLineIds: [tshirtLine(), hoodieLine()], rejected: [] } }]);
    expect(world.deps.waits.all).toEqual([]);
    expect(world.deps.allocation.released).toEqual([]);
    expect(world.transport.ofType('ShipmentPacked').map((published) => published.data)).toEqual([
      expect.objectContaining({ shipmentId: 'ord_01-S1', locationId: 'wh-leipzig', rejectedLines: [], packedLines: shipment?.lines }),
    ]);
  });

  it('PARTIALLY_PACKED: the rest is rejected with its reason, its hold given back, and handed to the execution to source elsewhere', async () => {
    // Prepare
    const { world, deps } = await worldWaitingForPack();

    // Act
    await applyWmsEvent(event({ type: 'PARTIALLY_PACKED', packedLineIds: [tshirtLine()], rejectedLines: [{ lineId: hoodieLine(), reason: 'damaged' }] }), deps);

    // Assess
    const shipment = (await world.saved('ord_01')).shipments?.[0];
    const rejected = [{ lineId: hoodieLine(), sku: 'HOODIE-GRY-L', quantity: 1, reason: 'damaged' }];
    expect(shipment).toMatchObject({ status: 'PACKED', lines: [{ lineId: tshirtLine() }], rejectedLines: rejected });
    expect(world.deps.workflow.succeeded.map((call) => call.output)).toEqual([{ packedLineIds: [tshirtLine()], rejected }]);
    expect(world.deps.allocation.released).toEqual([{ orderId: 'ord_01', only: [{ sku: 'HOODIE-GRY-L', locationId: 'wh-leipzig' }] }]);
    expect(world.transport.ofType('ShipmentPacked')[0]?.data).toMatchObject({ rejectedLines: rejected });
  });

  it('REJECTED: nothing packed, every line rejected and released', async () => {
    // Prepare
    const { world, deps } = await worldWaitingForPack();

    // Act
    const result = await applyWmsEvent(event({ type: 'REJECTED', rejectedLines: [{ lineId: tshirtLine(), reason: 'not found' }] }), deps);

    // Assess
    expect(result.shipmentStatus).toBe('REJECTED');
    const shipment = (await world.saved('ord_01')).shipments?.[0];
    expect(shipment?.rejectedLines?.map((line) => [line.lineId, line.reason])).toEqual([
      [tshirtLine(), 'not found'],
      [hoodieLine(), 'not packed'],
    ]);
    expect(world.deps.workflow.succeeded.map((call) => call.output)).toEqual([{ packedLineIds: [], rejected: shipment?.rejectedLines }]);
    expect(world.deps.allocation.released[0]?.only).toEqual([
      { sku: 'TSHIRT-BLK-M', locationId: 'wh-leipzig' },
      { sku: 'HOODIE-GRY-L', locationId: 'wh-leipzig' },
    ]);
  });

  it('answers a resent event with the first answer and changes nothing', async () => {
    // Prepare
    const { world, deps } = await worldWaitingForPack();
    const first = await applyWmsEvent(event(), deps);
    const afterFirst = await world.saved('ord_01');

    // Act
    const again = await applyWmsEvent(event(), deps);

    // Assess
    expect(again).toEqual(first);
    expect(await world.saved('ord_01')).toEqual(afterFirst);
    expect(world.deps.workflow.succeeded).toHaveLength(1);
    expect(world.transport.sent).toHaveLength(1);
  });

  it('refuses an event id sent again with another body as EVENT_ID_REUSED', async () => {
    // Prepare
    const { world, deps } = await worldWaitingForPack();
    await applyWmsEvent(event(), deps);
    const afterFirst = await world.saved('ord_01');

    // Act
    const attempt = applyWmsEvent(event({ type: 'REJECTED' }), deps);

    // Assess
    await expect(attempt).rejects.toMatchObject({ kind: 'conflict', code: 'EVENT_ID_REUSED' });
    expect(await world.saved('ord_01')).toEqual(afterFirst);
  });

  it('answers TASK_NO_LONGER_WAITING when the execution stopped waiting, and changes nothing', async () => {
    // Prepare
    const { world, order, deps, logger } = await worldWaitingForPack();
    world.deps.workflow.markStale(fulfilmentToken);

    // Act
    const attempt = applyWmsEvent(event(), deps);

    // Assess
    await expect(attempt).rejects.toMatchObject({ kind: 'conflict', code: 'TASK_NO_LONGER_WAITING' });
    expect(await world.saved('ord_01')).toEqual(order);
    expect(world.deps.workflow.succeeded).toEqual([]);
    expect(world.transport.sent).toEqual([]);
    expect(world.deps.partnerEvents.applied.size).toBe(0);
    expect(logger.warnings.map((warning) => warning.details.code)).toEqual(['TASK_NO_LONGER_WAITING']);
  });

  it('gives the shipment up as the timeout path does when the fulfilment times out between the check and the answer', async () => {
    // Prepare
    const { world, deps } = await worldWaitingForPack();
    world.deps.workflow.expireAfterHeartbeat(fulfilmentToken);

    // Act
    const attempt = applyWmsEvent(event({ type: 'PARTIALLY_PACKED', packedLineIds: [tshirtLine()] }), deps);

    // Assess: not packed, but rejected for re-sourcing elsewhere, like giveUpFulfilment leaves it
    await expect(attempt).rejects.toMatchObject({ code: 'TASK_NO_LONGER_WAITING' });
    const shipment = (await world.saved('ord_01')).shipments?.[0];
    expect(shipment?.status).toBe('REJECTED');
    expect(shipment?.history.map((change) => change.status)).toEqual(['PENDING', 'FULFILMENT_REQUESTED', 'REJECTED']);
    expect(shipment?.rejectedLines?.map((line) => line.lineId)).toEqual([tshirtLine(), hoodieLine()]);
    expect(world.deps.allocation.released).toEqual([
      { orderId: 'ord_01', only: [{ sku: 'TSHIRT-BLK-M', locationId: 'wh-leipzig' }, { sku: 'HOODIE-GRY-L', locationId: 'wh-leipzig' }] },
    ]);
    expect(world.transport.detailTypes).toEqual(['FulfilmentCancelled']);
  });

  it('refuses a pack result for a shipment that is no longer waiting to be packed as STALE_CALLBACK', async () => {
    // Prepare
    const { world, deps } = await worldWaitingForPack();
    await applyWmsEvent(event(), deps);

    // Act
    const attempt = applyWmsEvent(event({ eventId: 'wms-2', type: 'REJECTED' }), deps);

    // Assess
    await expect(attempt).rejects.toMatchObject({ kind: 'conflict', code: 'STALE_CALLBACK' });
    expect((await world.saved('ord_01')).shipments?.[0]?.status).toBe('PACKED');
  });

  it('finishes, when the partner retries, a pack result an earlier request recorded but did not answer', async () => {
    // Prepare: the order shows the result, the token still waits, nothing was published or logged.
    const world = lifecycleWorld();
    await world.store(recordPackResult(orderInFulfilment(), 'ord_01-S1', [tshirtLine(), hoodieLine()], [], at(30)));
    await world.waitFor('ord_01', fulfilmentWaitId('ord_01-S1'), 'fulfilment');

    // Act
    const result = await applyWmsEvent(event(), world.deps);

    // Assess
    expect(result.shipmentStatus).toBe('PACKED');
    expect(world.deps.workflow.succeeded.map((call) => call.taskToken)).toEqual([fulfilmentToken]);
    expect(world.deps.waits.all).toEqual([]);
    expect(world.transport.detailTypes).toEqual(['ShipmentPacked']);
  });

  it('refuses a rejection that arrives after the timeout gave the shipment up, although it rejects the same lines', async () => {
    // Prepare
    const world = lifecycleWorld();
    const reason = 'no answer before the fulfilment deadline';
    await world.store(recordPackResult(orderInFulfilment(), 'ord_01-S1', [], [{ lineId: tshirtLine(), reason }, { lineId: hoodieLine(), reason }], at(30)));

    // Act
    const attempt = applyWmsEvent(event({ type: 'REJECTED' }), world.deps);

    // Assess
    await expect(attempt).rejects.toMatchObject({ code: 'STALE_CALLBACK' });
    expect(world.transport.sent).toEqual([]);
  });

  it('refuses lines that are not the shipment’s, and lists that contradict the type', async () => {
    // Prepare
    const { deps } = await worldWaitingForPack();

    // Act
    const unknown = applyWmsEvent(event({ type: 'PARTIALLY_PACKED', packedLineIds: ['ord_01-7'] }), deps);
    const contradicting = applyWmsEvent(event({ eventId: 'wms-2', rejectedLines: [{ lineId: hoodieLine(), reason: 'damaged' }] }), deps);

    // Assess
    await expect(unknown).rejects.toMatchObject({ kind: 'invalid', code: 'UNKNOWN_LINE', errors: [expect.objectContaining({ path: 'packedLineIds[0]' })] });
    await expect(contradicting).rejects.toMatchObject({ kind: 'invalid', code: 'INCONSISTENT_PACK_RESULT', errors: [expect.objectContaining({ path: 'rejectedLines' })] });
  });
});

describe('applyWmsEvent, other events', () => {
  it('PICKING: a heartbeat for the fulfilment task, nothing else', async () => {
    // Prepare
    const { world, order, deps } = await worldWaitingForPack();

    // Act
    const result = await applyWmsEvent(event({ type: 'PICKING' }), deps);

    // Assess
    expect(result.shipmentStatus).toBe('FULFILMENT_REQUESTED');
    expect(world.deps.workflow.heartbeats).toEqual([fulfilmentToken]);
    expect(world.deps.workflow.answered).toEqual([]);
    expect(await world.saved('ord_01')).toEqual(order);
  });

  it('COLLECTED: the customer picked the goods up, the delivery wait ends and the order is delivered', async () => {
    // Prepare
    const world = lifecycleWorld();
    const ready = moveShipment(orderInFulfilment({ shipments: [{ locationId: 'store-berlin-mitte', kind: 'pickup-in-store', lines: [{ sku: 'TSHIRT-BLK-M', quantity: 2 }, { sku: 'HOODIE-GRY-L', quantity: 1 }] }] }), 'ord_01-S1', ['PACKED', 'READY_FOR_PICKUP']);
    await world.store(moveOrderThrough(ready, ['SHIPPED']));
    await world.waitFor('ord_01', deliveryWaitId('ord_01-S1'), 'delivery');

    // Act
    const result = await applyWmsEvent(event({ type: 'COLLECTED' }), world.deps);

    // Assess
    expect(result).toMatchObject({ shipmentStatus: 'PICKED_UP', orderStatus: 'DELIVERED' });
    expect(world.deps.workflow.succeeded).toEqual([{ taskToken: 'token:ord_01:delivery#ord_01-S1', output: { status: 'PICKED_UP' } }]);
    expect(world.transport.ofType('ShipmentStatusChanged').map((published) => published.data)).toEqual([expect.objectContaining({ from: 'READY_FOR_PICKUP', to: 'PICKED_UP' })]);
  });

  it('refuses an illegal transition with its code and logs it', async () => {
    // Prepare
    const { world, order, deps, logger } = await worldWaitingForPack();

    // Act
    const attempt = applyWmsEvent(event({ type: 'COLLECTED' }), deps);

    // Assess
    await expect(attempt).rejects.toMatchObject({ kind: 'conflict', code: 'ILLEGAL_SHIPMENT_TRANSITION' });
    expect(await world.saved('ord_01')).toEqual(order);
    expect(logger.warnings).toEqual([{ message: 'wms event refused', details: expect.objectContaining({ code: 'ILLEGAL_SHIPMENT_TRANSITION' }) }]);
  });

  it('answers SHIPMENT_NOT_FOUND for a shipment id that names no shipment', async () => {
    // Prepare
    const { deps } = await worldWaitingForPack();

    // Act
    const attempts = ['ord_01-S9', 'ord_02-S1', 'not-a-shipment'].map((shipmentId) => applyWmsEvent(event({ shipmentId }), deps));

    // Assess
    for (const attempt of attempts) await expect(attempt).rejects.toMatchObject({ kind: 'not-found', code: 'SHIPMENT_NOT_FOUND' });
  });
});

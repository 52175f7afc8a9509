/**
 * Reservation expiry on DynamoDB Local: the runtime's scheduled sweeper (every minute, at the tests'
 * time scale every 0.6 s) gives back holds past their expiry, once, whatever races it.
 */
import { describe, expect, it } from 'vitest';
import type { ReservationRecord } from '../../../shared/ports/inventory-repository';
import { inventoryForTestFile, uniqueId } from './inventory-api';

const inventory = inventoryForTestFile();

const inSeconds = (seconds: number) => new Date(Date.now() + seconds * 1000);

/** The order's ledger once every line has left HELD (or after the timeout, as it is then). */
async function settledLedger(orderId: string, timeoutMs = 20_000): Promise<ReservationRecord[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ledger = await inventory.reservationsOf(orderId);
    if (ledger.every((line) => line.status !== 'HELD') || Date.now() > deadline) return ledger;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('expired reservations (DynamoDB Local, scheduled sweeper)', () => {
  it('gives back a hold past its expiry: available restored, ledger RELEASED; a hold not yet expired stays', async () => {
    // Prepare: 10 units, 4 held for a second, 3 held for an hour
    const sku = uniqueId('EXP');
    const [expiring, open] = [uniqueId('ord-exp'), uniqueId('ord-open')];
    await inventory.initializeStock({ sku, locationId: 'wh-exp', onHand: 10, safetyStock: 0, incoming: [] });
    await inventory.reserve(expiring, [{ sku, locationId: 'wh-exp', quantity: 4 }], inSeconds(1));
    await inventory.reserve(open, [{ sku, locationId: 'wh-exp', quantity: 3 }], inSeconds(3600));
    expect(await inventory.getStock(sku, 'wh-exp')).toMatchObject({ reserved: 7, available: 3 });

    // Act: nothing but time passes
    const ledger = await settledLedger(expiring);

    // Assess
    expect(ledger).toMatchObject([{ sku, quantity: 4, status: 'RELEASED' }]);
    expect(await inventory.getStock(sku, 'wh-exp')).toMatchObject({ onHand: 10, reserved: 3, available: 7 });
    expect(await inventory.reservationsOf(open)).toMatchObject([{ status: 'HELD', quantity: 3 }]);
  });

  it('moves every line exactly once when sweepers, a cancellation and a shipment of the same orders race', async () => {
    // Prepare: 30 orders of one unit each, expiring together in three seconds
    const sku = uniqueId('EXP-RACE');
    const orderIds = Array.from({ length: 30 }, () => uniqueId('ord-race'));
    await inventory.initializeStock({ sku, locationId: 'wh-exp', onHand: 30, safetyStock: 0, incoming: [] });
    const expiresAt = inSeconds(3);
    for (const orderId of orderIds) await inventory.reserve(orderId, [{ sku, locationId: 'wh-exp', quantity: 1 }], expiresAt);
    const holds = (await Promise.all(orderIds.map((orderId) => inventory.reservationsOf(orderId)))).flat();
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, expiresAt.getTime() - Date.now())));

    // Act: a sweep of our own (besides the runtime's) against a release of the even orders and a consume of the odd ones
    await Promise.all([
      ...holds.map((hold) => inventory.releaseExpiredHold(hold, new Date())),
      ...orderIds.map((orderId, index) => (index % 2 === 0 ? inventory.release(orderId) : inventory.consume(orderId))),
    ]);

    // Assess: each unit either came back (released) or left with a shipment (consumed), never both, never twice
    const ledger = (await Promise.all(orderIds.map((orderId) => inventory.reservationsOf(orderId)))).flat();
    const consumed = ledger.filter((line) => line.status === 'CONSUMED').length;
    expect(holds).toHaveLength(30);
    expect(ledger).toHaveLength(30);
    expect(ledger.filter((line) => line.status === 'HELD')).toEqual([]);
    expect(await inventory.getStock(sku, 'wh-exp')).toMatchObject({ onHand: 30 - consumed, reserved: 0, available: 30 - consumed });
    const ours = new Set(orderIds);
    expect((await inventory.expiredHolds(new Date(), 10_000)).filter((hold) => ours.has(hold.orderId))).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import type { ExpiredHolds } from '../../../shared/ports/inventory-repository';
import { ExpiredHoldsNotReleasedError, releaseExpiredReservations } from '../../../shared/use-cases/release-expired-reservations';
import { InMemoryInventoryRepository } from '../fakes/in-memory-inventory-repository';

const now = new Date('2026-11-23T10:00:00.000Z');
const minutes = (count: number) => new Date(now.getTime() + count * 60_000);

/** 10 units of A and 6 of B at wh-1, none reserved. */
function stockedInventory() {
  const inventory = new InMemoryInventoryRepository();
  inventory.addStock('A', 'wh-1', { onHand: 10 });
  inventory.addStock('B', 'wh-1', { onHand: 6 });
  return inventory;
}

describe('releasing expired reservations', () => {
  it('gives back the units of holds past their expiry, marks their lines RELEASED, and leaves holds not yet expired alone', async () => {
    // Prepare
    const inventory = stockedInventory();
    await inventory.reserve('ord-expired', [{ sku: 'A', locationId: 'wh-1', quantity: 3 }, { sku: 'B', locationId: 'wh-1', quantity: 2 }], minutes(-5));
    await inventory.reserve('ord-open', [{ sku: 'A', locationId: 'wh-1', quantity: 4 }], minutes(5));

    // Act
    const summary = await releaseExpiredReservations({ inventory, now: () => now });

    // Assess
    expect(summary).toEqual({ expired: 2, released: 2, settledMeanwhile: 0, more: false });
    expect(await inventory.getStock('A', 'wh-1')).toMatchObject({ onHand: 10, reserved: 4, available: 6 });
    expect(await inventory.getStock('B', 'wh-1')).toMatchObject({ onHand: 6, reserved: 0, available: 6 });
    expect((await inventory.reservationsOf('ord-expired')).map((line) => line.status)).toEqual(['RELEASED', 'RELEASED']);
    expect((await inventory.reservationsOf('ord-open')).map((line) => line.status)).toEqual(['HELD']);
  });

  it('releases a hold whose expiry is exactly now', async () => {
    // Prepare
    const inventory = stockedInventory();
    await inventory.reserve('ord-1', [{ sku: 'A', locationId: 'wh-1', quantity: 1 }], now);

    // Act
    const summary = await releaseExpiredReservations({ inventory, now: () => now });

    // Assess
    expect(summary.released).toBe(1);
  });

  it('releases each hold once: a second run finds nothing and changes nothing', async () => {
    // Prepare
    const inventory = stockedInventory();
    await inventory.reserve('ord-1', [{ sku: 'A', locationId: 'wh-1', quantity: 3 }], minutes(-1));
    await releaseExpiredReservations({ inventory, now: () => now });
    const writesBefore = inventory.writes.length;

    // Act
    const second = await releaseExpiredReservations({ inventory, now: () => now });

    // Assess
    expect(second).toEqual({ expired: 0, released: 0, settledMeanwhile: 0, more: false });
    expect(inventory.writes.length).toBe(writesBefore);
    expect(await inventory.getStock('A', 'wh-1')).toMatchObject({ reserved: 0, available: 10 });
  });

  it('leaves a hold the order consumed between the read and the release: its units are shipped, not given back', async () => {
    // Prepare: the lifecycle ships the order right after the sweeper read the index
    const inventory = stockedInventory();
    await inventory.reserve('ord-racing', [{ sku: 'A', locationId: 'wh-1', quantity: 3 }], minutes(-1));
    const racing: ExpiredHolds = {
      expiredHolds: async (asOf, limit) => {
        const holds = await inventory.expiredHolds(asOf, limit);
        await inventory.consume('ord-racing');
        return holds;
      },
      releaseExpiredHold: (hold, asOf) => inventory.releaseExpiredHold(hold, asOf),
    };

    // Act
    const summary = await releaseExpiredReservations({ inventory: racing, now: () => now });

    // Assess
    expect(summary).toEqual({ expired: 1, released: 0, settledMeanwhile: 1, more: false });
    expect(await inventory.getStock('A', 'wh-1')).toMatchObject({ onHand: 7, reserved: 0, available: 7 });
    expect((await inventory.reservationsOf('ord-racing')).map((line) => line.status)).toEqual(['CONSUMED']);
  });

  it('leaves a line that was released and held again with a new expiry after the index was read', async () => {
    // Prepare
    const inventory = stockedInventory();
    const line = { sku: 'A', locationId: 'wh-1', quantity: 2 };
    await inventory.reserve('ord-rehold', [line], minutes(-1));
    const racing: ExpiredHolds = {
      expiredHolds: async (asOf, limit) => {
        const holds = await inventory.expiredHolds(asOf, limit);
        await inventory.release('ord-rehold');
        await inventory.reserve('ord-rehold', [line], minutes(60));
        return holds;
      },
      releaseExpiredHold: (hold, asOf) => inventory.releaseExpiredHold(hold, asOf),
    };

    // Act
    const summary = await releaseExpiredReservations({ inventory: racing, now: () => now });

    // Assess
    expect(summary.released).toBe(0);
    expect(await inventory.reservationsOf('ord-rehold')).toMatchObject([{ status: 'HELD', expiresAt: minutes(60).toISOString() }]);
    expect(await inventory.getStock('A', 'wh-1')).toMatchObject({ reserved: 2, available: 8 });
  });

  it('stops at maxLines, oldest expiry first, and says more may be waiting', async () => {
    // Prepare
    const inventory = stockedInventory();
    // Reserved newest first, so the order of the answer is not the order of writing.
    for (const [orderId, expiredMinutesAgo] of [['ord-newest', 5], ['ord-oldest', 9], ['ord-older', 8]] as const) {
      await inventory.reserve(orderId, [{ sku: 'A', locationId: 'wh-1', quantity: 1 }], minutes(-expiredMinutesAgo));
    }

    // Act
    const summary = await releaseExpiredReservations({ inventory, now: () => now }, { maxLines: 2 });

    // Assess
    expect(summary).toEqual({ expired: 2, released: 2, settledMeanwhile: 0, more: true });
    expect((await inventory.reservationsOf('ord-newest')).map((line) => line.status)).toEqual(['HELD']);
    expect((await inventory.reservationsOf('ord-oldest')).map((line) => line.status)).toEqual(['RELEASED']);
  });

  it('releases every other hold when one release fails, then fails the run so the next run retries that one', async () => {
    // Prepare
    const inventory = stockedInventory();
    await inventory.reserve('ord-broken', [{ sku: 'A', locationId: 'wh-1', quantity: 1 }], minutes(-2));
    await inventory.reserve('ord-fine', [{ sku: 'B', locationId: 'wh-1', quantity: 1 }], minutes(-1));
    const flaky: ExpiredHolds = {
      expiredHolds: (asOf, limit) => inventory.expiredHolds(asOf, limit),
      releaseExpiredHold: async (hold, asOf) => {
        if (hold.orderId === 'ord-broken') throw new Error('DynamoDB is throttling');
        return inventory.releaseExpiredHold(hold, asOf);
      },
    };

    // Act
    const run = releaseExpiredReservations({ inventory: flaky, now: () => now });

    // Assess
    await expect(run).rejects.toThrow(ExpiredHoldsNotReleasedError);
    expect((await inventory.reservationsOf('ord-fine')).map((line) => line.status)).toEqual(['RELEASED']);
    expect((await inventory.reservationsOf('ord-broken')).map((line) => line.status)).toEqual(['HELD']);
  });
});

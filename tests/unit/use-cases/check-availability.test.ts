import { describe, expect, it } from 'vitest';
import { demoLocations, demoStock } from '../../../shared/contracts/demo-catalog';
import { availableQuantity, LocationInputSchema, type Location, type StockLevel } from '../../../shared/contracts/inventory';
import type { InventoryRepository } from '../../../shared/ports/inventory-repository';
import { checkAvailability } from '../../../shared/use-cases/check-availability';

/** The demo network as an inventory that only answers what availability reads. */
function demoInventory(changes: { incoming?: Record<string, StockLevel['incoming']>; onHand?: Record<string, number> } = {}): InventoryRepository {
  const locations: Location[] = demoLocations.map(({ id, ...input }) => ({ id, ...LocationInputSchema.parse(input), version: 1, updatedAt: '2026-11-01T00:00:00.000Z' }));
  const stock: StockLevel[] = demoStock.map((seed) => {
    const key = `${seed.sku}@${seed.locationId}`;
    const onHand = changes.onHand?.[key] ?? seed.onHand;
    return {
      ...seed,
      onHand,
      reserved: 0,
      available: availableQuantity({ onHand, reserved: 0, safetyStock: seed.safetyStock }),
      incoming: changes.incoming?.[key] ?? [],
      version: 1,
      updatedAt: '2026-11-01T00:00:00.000Z',
    };
  });
  const unused = () => {
    throw new Error('availability must only read');
  };
  return {
    listLocations: async () => locations,
    stockOfSkus: async (skus) => stock.filter((level) => skus.includes(level.sku)),
    saveLocation: unused,
    getLocation: unused,
    getStock: unused,
    initializeStock: unused,
    adjust: unused,
    reserve: unused,
    release: unused,
    consume: unused,
    reservationsOf: unused,
  };
}

const berlin = { coordinates: { lat: 52.52, lon: 13.405 }, country: 'DE' };
/** Monday 2026-11-23, 10:00 in Berlin: before every demo cut-off. */
const mondayMorning = new Date('2026-11-23T09:00:00Z');

describe('checkAvailability', () => {
  it('promises home delivery from the cheapest single location that has everything, with its date', async () => {
    // Act
    const { methods } = await checkAvailability({ lines: [{ sku: 'TSHIRT-BLK-M', quantity: 2 }], destination: berlin, now: mondayMorning }, { inventory: demoInventory() });

    // Assess: the Berlin store ships from around the corner (cheaper than Leipzig's 150 km), next-day band
    const home = methods.find((method) => method.deliveryMethod === 'HOME_DELIVERY');
    expect(home).toMatchObject({
      promisable: true,
      promiseDate: '2026-11-24',
      shipments: [{ locationId: 'store-berlin-mitte', kind: 'ship-to-customer', shipDate: '2026-11-23', promiseDate: '2026-11-24' }],
    });
    expect(methods.map((method) => method.deliveryMethod)).toEqual(['HOME_DELIVERY', 'EXPRESS_DELIVERY']);
  });

  it('promises click-and-collect from the pickup store’s own stock the same day', async () => {
    const { methods } = await checkAvailability({ lines: [{ sku: 'HOODIE-GRY-L', quantity: 1 }], pickupStoreId: 'store-hamburg-hbf', now: mondayMorning }, { inventory: demoInventory() });

    expect(methods.find((method) => method.deliveryMethod === 'CLICK_AND_COLLECT')).toMatchObject({
      promisable: true,
      promiseDate: '2026-11-23',
      shipments: [{ locationId: 'store-hamburg-hbf', kind: 'pickup-in-store' }],
    });
  });

  it('cannot promise what is not there, and gives the backorder date from incoming stock', async () => {
    // Prepare: 1,000 mugs wanted; 500 at the drop-shipper plus 600 arriving there on 1 December
    const inventory = demoInventory({ incoming: { 'MUG-LOGO@vendor-mugs-nl': [{ quantity: 600, expectedAt: '2026-12-01' }] } });

    // Act
    const { methods } = await checkAvailability({ lines: [{ sku: 'MUG-LOGO', quantity: 1000 }], destination: berlin, now: mondayMorning }, { inventory });

    // Assess
    const home = methods.find((method) => method.deliveryMethod === 'HOME_DELIVERY');
    expect(home?.promisable).toBe(false);
    expect(home?.missing).toEqual([{ sku: 'MUG-LOGO', quantity: expect.any(Number) }]);
    expect(home?.backorderDate).toMatch(/^2026-12-\d\d$/);
    expect(home?.backorderDate && home.backorderDate > '2026-12-01').toBe(true);
  });

  it('gives no backorder date when incoming stock never covers the shortfall', async () => {
    const { methods } = await checkAvailability({ lines: [{ sku: 'HOODIE-GRY-L', quantity: 500 }], destination: berlin, now: mondayMorning }, { inventory: demoInventory() });
    expect(methods[0]).toMatchObject({ promisable: false });
    expect(methods[0]?.backorderDate).toBeUndefined();
  });

  it('refuses an unknown pickup store, and a query without any destination', async () => {
    const inventory = demoInventory();
    await expect(checkAvailability({ lines: [{ sku: 'MUG-LOGO', quantity: 1 }], pickupStoreId: 'wh-leipzig', now: mondayMorning }, { inventory })).rejects.toMatchObject({ code: 'UNKNOWN_PICKUP_STORE' });
    await expect(checkAvailability({ lines: [{ sku: 'MUG-LOGO', quantity: 1 }], now: mondayMorning }, { inventory })).rejects.toMatchObject({ code: 'DESTINATION_REQUIRED' });
  });
});

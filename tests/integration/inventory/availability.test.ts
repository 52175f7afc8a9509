import { describe, expect, it } from 'vitest';
import { call } from '../api-client';
import { inventoryForTestFile } from './inventory-api';

const inventory = inventoryForTestFile();

const uniqueSku = () => `ATP-${Date.now()}-${Math.random().toString(36).slice(2, 7)}`;
const byMethod = (body: { methods: { deliveryMethod: string }[] }, method: string) => body.methods.find((m) => m.deliveryMethod === method) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('available-to-promise over HTTP', () => {
  it('answers per delivery method with a promise date, for one SKU and for a cart', async () => {
    // Prepare
    const sku = uniqueSku();
    await inventory.initializeStock({ sku, locationId: 'wh-leipzig', onHand: 10, safetyStock: 0, incoming: [] });
    await inventory.initializeStock({ sku, locationId: 'store-berlin-mitte', onHand: 1, safetyStock: 0, incoming: [] });

    // Act
    const single = await call('GET', `/availability?sku=${sku}&quantity=2&destination=52.52,13.405&country=DE&pickupStoreId=store-berlin-mitte`);
    const cart = await call('POST', '/availability/cart', {
      body: { lines: [{ sku, quantity: 1 }, { sku: 'MUG-LOGO', quantity: 1 }], destination: { lat: 52.52, lon: 13.405, country: 'DE' } },
    });

    // Assess
    expect(single.status).toBe(200);
    expect(single.body.methods.map((m: { deliveryMethod: string }) => m.deliveryMethod)).toEqual(['HOME_DELIVERY', 'EXPRESS_DELIVERY', 'CLICK_AND_COLLECT', 'SHIP_TO_STORE']);
    expect(byMethod(single.body, 'HOME_DELIVERY')).toMatchObject({ promisable: true, shipments: [{ locationId: 'wh-leipzig' }] });
    expect(byMethod(single.body, 'HOME_DELIVERY').promiseDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    // The store holds 1 of 2: click-and-collect needs a transfer from Leipzig for the rest
    expect(byMethod(single.body, 'CLICK_AND_COLLECT').promisable).toBe(true);
    expect(cart.status).toBe(200);
    expect(byMethod(cart.body, 'HOME_DELIVERY').promisable).toBe(true);
  });

  it('never promises units a reservation has just taken', async () => {
    // Prepare: the only 3 units are held by an order
    const sku = uniqueSku();
    await inventory.initializeStock({ sku, locationId: 'wh-leipzig', onHand: 3, safetyStock: 0, incoming: [{ quantity: 5, expectedAt: '2027-01-15' }] });
    const before = await call('GET', `/availability?sku=${sku}&quantity=3&destination=52.52,13.405&country=DE`);
    await inventory.reserve(`ord-atp-${sku}`, [{ sku, locationId: 'wh-leipzig', quantity: 3 }], new Date(Date.now() + 60_000));

    // Act
    const after = await call('GET', `/availability?sku=${sku}&quantity=3&destination=52.52,13.405&country=DE`);

    // Assess
    expect(byMethod(before.body, 'HOME_DELIVERY').promisable).toBe(true);
    expect(byMethod(after.body, 'HOME_DELIVERY')).toMatchObject({ promisable: false, missing: [{ sku, quantity: 3 }] });
    expect(byMethod(after.body, 'HOME_DELIVERY').backorderDate > '2027-01-15').toBe(true);
  });

  it('refuses bad queries with problem+json: no destination, a destination without country, not a pickup store', async () => {
    const noDestination = await call('GET', '/availability?sku=MUG-LOGO');
    const noCountry = await call('GET', '/availability?sku=MUG-LOGO&destination=52.52,13.405');
    const notAStore = await call('GET', '/availability?sku=MUG-LOGO&pickupStoreId=wh-leipzig');

    expect(noDestination).toMatchObject({ status: 422, body: { code: 'DESTINATION_REQUIRED' } });
    expect(noCountry.status).toBe(400);
    expect(noCountry.body.errors[0].path).toBe('country');
    expect(notAStore).toMatchObject({ status: 422, body: { code: 'UNKNOWN_PICKUP_STORE' } });
  });
});

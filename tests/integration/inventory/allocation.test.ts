import { describe, expect, it } from 'vitest';
import type { Order } from '../../../shared/contracts/order';
import { checkAvailability } from '../../../shared/use-cases/check-availability';
import { inventoryAllocation } from '../../../shared/use-cases/inventory-allocation';
import { inventoryForTestFile } from './inventory-api';

const inventory = inventoryForTestFile();

const uniqueSku = (label: string) => `${label}-${Date.now()}-${Math.random().toString(36).slice(2, 7)}`;

/** Only what allocation reads of an order. */
const orderOf = (id: string, lines: { sku: string; quantity: number }[]): Order =>
  ({
    id,
    deliveryMethod: 'HOME_DELIVERY',
    shippingAddress: { name: 'A', line1: 'B', city: 'Berlin', postalCode: '10117', country: 'DE' },
    lines: lines.map((line, index) => ({ ...line, lineId: `${id}-${index}` })),
  }) as unknown as Order;

describe('the allocation port over the inventory (DynamoDB Local)', () => {
  it('plans the fewest shipments, holds them, re-sources rejected lines elsewhere, and releases everything', async () => {
    // Prepare: Leipzig has both SKUs; Munich has one of them
    const [a, b] = [uniqueSku('AL-A'), uniqueSku('AL-B')];
    await inventory.initializeStock({ sku: a, locationId: 'wh-leipzig', onHand: 5, safetyStock: 0, incoming: [] });
    await inventory.initializeStock({ sku: b, locationId: 'wh-leipzig', onHand: 5, safetyStock: 0, incoming: [] });
    await inventory.initializeStock({ sku: a, locationId: 'wh-munich', onHand: 5, safetyStock: 0, incoming: [] });
    const allocation = inventoryAllocation({ inventory });
    const order = orderOf(`ord-alloc-${a}`, [{ sku: a, quantity: 2 }, { sku: b, quantity: 1 }]);

    // Act
    const allocated = await allocation.allocate(order);
    const again = await allocation.allocate(order);
    const resourced = await allocation.reallocate(order, [{ sku: a, quantity: 2 }], ['wh-leipzig']);
    const heldAfterResourcing = await inventory.reservationsOf(order.id);
    await allocation.release(order.id);

    // Assess
    expect(allocated).toMatchObject({ allocated: true, shipments: [{ locationId: 'wh-leipzig' }] });
    expect(again.allocated).toBe(true);
    expect(resourced).toMatchObject({ allocated: true, shipments: [{ locationId: 'wh-munich', lines: [{ sku: a, quantity: 2 }] }] });
    expect(heldAfterResourcing.filter((r) => r.status === 'HELD').map((r) => `${r.sku}@${r.locationId}`).sort()).toEqual(
      [`${a}@wh-munich`, `${b}@wh-leipzig`].sort(),
    );
    expect(await inventory.getStock(a, 'wh-leipzig')).toMatchObject({ reserved: 0, available: 5 });
    expect(await inventory.getStock(a, 'wh-munich')).toMatchObject({ reserved: 0, available: 5 });
  });

  it('gives each shipment the date promised at checkout for the same cart, per delivery method', async () => {
    // Prepare: Leipzig has the SKU; a Friday evening after every cut-off, so the weekend moves the dates
    const sku = uniqueSku('AL-PROMISE');
    await inventory.initializeStock({ sku, locationId: 'wh-leipzig', onHand: 10, safetyStock: 0, incoming: [] });
    const now = new Date('2026-03-06T19:30:00Z');
    const berlin = { lat: 52.52, lon: 13.405 };
    const allocation = inventoryAllocation({ inventory, now: () => now });
    const addressed = (id: string, deliveryMethod: Order['deliveryMethod']) =>
      ({ ...orderOf(id, [{ sku, quantity: 1 }]), deliveryMethod, shippingAddress: { name: 'A', line1: 'B', city: 'Berlin', postalCode: '10117', country: 'DE', coordinates: berlin } }) as Order;

    // Act
    const checkout = await checkAvailability({ lines: [{ sku, quantity: 1 }], destination: { coordinates: berlin, country: 'DE' }, now }, { inventory });
    const home = await allocation.allocate(addressed(`ord-promise-home-${sku}`, 'HOME_DELIVERY'));
    const express = await allocation.allocate(addressed(`ord-promise-express-${sku}`, 'EXPRESS_DELIVERY'));
    await allocation.release(`ord-promise-home-${sku}`);
    await allocation.release(`ord-promise-express-${sku}`);

    // Assess
    const promised = (method: string) => checkout.methods.find((answer) => answer.deliveryMethod === method)?.promiseDate;
    expect(promised('HOME_DELIVERY')).toBeDefined();
    expect(home).toMatchObject({ allocated: true, shipments: [{ locationId: 'wh-leipzig', promiseDate: promised('HOME_DELIVERY') }] });
    expect(express).toMatchObject({ allocated: true, shipments: [{ locationId: 'wh-leipzig', promiseDate: promised('EXPRESS_DELIVERY') }] });
    expect((promised('HOME_DELIVERY') ?? '') > '2026-03-08').toBe(true);
    // The promise as an instant: the end of that date in Leipzig's zone (CET in March, UTC+1).
    const dayAfter = new Date(Date.parse(`${promised('HOME_DELIVERY')}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    expect(home.allocated && home.shipments[0]?.promisedBy).toBe(`${new Date(Date.parse(`${dayAfter}T00:00:00Z`) - 3_600_000).toISOString()}`);
  });

  it('answers a typed shortfall and holds nothing when the network cannot cover the order', async () => {
    const sku = uniqueSku('AL-SHORT');
    await inventory.initializeStock({ sku, locationId: 'wh-leipzig', onHand: 1, safetyStock: 0, incoming: [] });

    const result = await inventoryAllocation({ inventory }).allocate(orderOf(`ord-short-${sku}`, [{ sku, quantity: 3 }]));

    expect(result).toMatchObject({ allocated: false, shortfall: [{ sku, requested: 3, missing: 2, reason: 'insufficient-stock' }] });
    expect(await inventory.getStock(sku, 'wh-leipzig')).toMatchObject({ reserved: 0, available: 1 });
  });
});

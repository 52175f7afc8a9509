import { describe, expect, it } from 'vitest';
import { apiRoutes } from '../../../infra/definitions/api';

const inventoryRoutes = apiRoutes.filter((route) => route.function.entry.startsWith('functions/inventory/'));

/** Availability questions are POSTed (a cart is a body) but only read. */
const readsOnly = (route: (typeof apiRoutes)[number]) => route.method === 'GET' || route.path.startsWith('/availability');

describe('the inventory API definitions', () => {
  it('route every inventory path to a function of functions/inventory', () => {
    expect(inventoryRoutes.map((route) => `${route.method} ${route.path}`).sort()).toEqual([
      'GET /availability',
      'GET /locations',
      'GET /locations/{id}',
      'GET /stock',
      'POST /availability/cart',
      'POST /locations',
      'POST /stock/adjustments',
      'POST /stock/import',
      'PUT /locations/{id}',
      'PUT /stock/{sku}/{locationId}',
    ]);
  });

  it.each(inventoryRoutes.map((route) => [`${route.method} ${route.path}`, route] as const))(
    'give %s only read access to the orders table (API keys) and write access to inventory only when it writes',
    (_routeKey, route) => {
      expect(route.function.tables).toEqual({ orders: 'read', inventory: readsOnly(route) ? 'read' : 'readWrite' });
    },
  );
});

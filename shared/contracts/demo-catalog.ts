/**
 * The demo channel's catalogue and stores. The local runtime seeds them, and the OpenAPI
 * examples use them, so every documented example works against a freshly started runtime.
 */
export const demoCatalog = {
  channel: { id: 'demo-web', name: 'Demo web shop', defaultCurrency: 'EUR' },
  skus: [
    { sku: 'TSHIRT-BLK-M', name: 'T-shirt black M', priceMinor: 1999 },
    { sku: 'HOODIE-GRY-L', name: 'Hoodie grey L', priceMinor: 4999 },
    { sku: 'MUG-LOGO', name: 'Logo mug', priceMinor: 1299 },
  ],
  stores: [
    { id: 'store-berlin-mitte', name: 'Berlin Mitte', country: 'DE' },
    { id: 'store-hamburg-hbf', name: 'Hamburg Hbf', country: 'DE' },
  ],
  warehouses: [{ id: 'wh-leipzig', name: 'Leipzig DC', country: 'DE' }],
} as const;

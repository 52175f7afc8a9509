/**
 * The demo network: a channel, its catalogue, warehouses and stores with stock. The local runtime
 * seeds it on a fresh start, and the OpenAPI examples use it, so every documented example (orders,
 * availability, stock) works against a freshly started runtime.
 */
import type { LocationInput } from './inventory';

export const demoCatalog = {
  channel: { id: 'demo-web', name: 'Demo web shop', defaultCurrency: 'EUR' },
  skus: [
    { sku: 'TSHIRT-BLK-M', name: 'T-shirt black M', priceMinor: 1999 },
    { sku: 'HOODIE-GRY-L', name: 'Hoodie grey L', priceMinor: 4999 },
    { sku: 'MUG-LOGO', name: 'Logo mug', priceMinor: 1299 },
  ],
} as const;

const berlinCutoff = { time: '15:00', timeZone: 'Europe/Berlin' };

/** Where the demo network's goods are: a central DC, a southern DC, two stores and a drop-shipper. */
export const demoLocations: readonly (LocationInput & { id: string })[] = [
  {
    id: 'wh-leipzig',
    name: 'Leipzig DC',
    type: 'WAREHOUSE',
    coordinates: { lat: 51.3397, lon: 12.3731 },
    country: 'DE',
    address: { line1: 'Am Exer 10', city: 'Leipzig', postalCode: '04158' },
    capabilities: { ship: true, pickup: false, shipFromStore: false },
    cutoff: berlinCutoff,
    processingDays: 0,
    shipmentCost: 450,
    priority: 10,
  },
  {
    id: 'wh-munich',
    name: 'Munich DC',
    type: 'WAREHOUSE',
    coordinates: { lat: 48.1351, lon: 11.582 },
    country: 'DE',
    address: { line1: 'Frankfurter Ring 105', city: 'München', postalCode: '80807' },
    capabilities: { ship: true, pickup: false, shipFromStore: false },
    cutoff: { time: '14:00', timeZone: 'Europe/Berlin' },
    processingDays: 1,
    shipmentCost: 500,
    priority: 20,
  },
  {
    id: 'store-berlin-mitte',
    name: 'Berlin Mitte',
    type: 'STORE',
    coordinates: { lat: 52.5219, lon: 13.4132 },
    country: 'DE',
    address: { line1: 'Rosenthaler Straße 40', city: 'Berlin', postalCode: '10178' },
    capabilities: { ship: true, pickup: true, shipFromStore: true },
    cutoff: { time: '12:00', timeZone: 'Europe/Berlin' },
    processingDays: 0,
    workingDays: [1, 2, 3, 4, 5, 6],
    shipmentCost: 700,
    priority: 50,
  },
  {
    id: 'store-hamburg-hbf',
    name: 'Hamburg Hbf',
    type: 'STORE',
    coordinates: { lat: 53.553, lon: 10.0069 },
    country: 'DE',
    address: { line1: 'Hachmannplatz 16', city: 'Hamburg', postalCode: '20099' },
    capabilities: { ship: false, pickup: true, shipFromStore: false },
    cutoff: { time: '12:00', timeZone: 'Europe/Berlin' },
    processingDays: 0,
    workingDays: [1, 2, 3, 4, 5, 6],
    shipmentCost: 700,
    priority: 60,
  },
  {
    id: 'vendor-mugs-nl',
    name: 'Mug maker (drop-ship)',
    type: 'DROPSHIP_VENDOR',
    coordinates: { lat: 51.4416, lon: 5.4697 },
    country: 'NL',
    address: { line1: 'Westerkade 12', city: 'Rotterdam', postalCode: '3016 CM' },
    capabilities: { ship: true, pickup: false, shipFromStore: false },
    cutoff: { time: '11:00', timeZone: 'Europe/Amsterdam' },
    processingDays: 2,
    shipmentCost: 300,
    priority: 80,
  },
];

/** Starting stock: enough for the examples, thin enough in places to make splits and transfers real. */
export const demoStock: readonly { sku: string; locationId: string; onHand: number; safetyStock: number; lowStockThreshold: number }[] = [
  { sku: 'TSHIRT-BLK-M', locationId: 'wh-leipzig', onHand: 120, safetyStock: 5, lowStockThreshold: 20 },
  { sku: 'TSHIRT-BLK-M', locationId: 'wh-munich', onHand: 60, safetyStock: 5, lowStockThreshold: 10 },
  { sku: 'TSHIRT-BLK-M', locationId: 'store-berlin-mitte', onHand: 8, safetyStock: 2, lowStockThreshold: 3 },
  { sku: 'HOODIE-GRY-L', locationId: 'wh-leipzig', onHand: 40, safetyStock: 2, lowStockThreshold: 10 },
  { sku: 'HOODIE-GRY-L', locationId: 'store-berlin-mitte', onHand: 3, safetyStock: 1, lowStockThreshold: 1 },
  { sku: 'HOODIE-GRY-L', locationId: 'store-hamburg-hbf', onHand: 2, safetyStock: 0, lowStockThreshold: 1 },
  { sku: 'MUG-LOGO', locationId: 'wh-munich', onHand: 25, safetyStock: 0, lowStockThreshold: 5 },
  { sku: 'MUG-LOGO', locationId: 'vendor-mugs-nl', onHand: 500, safetyStock: 0, lowStockThreshold: 50 },
];

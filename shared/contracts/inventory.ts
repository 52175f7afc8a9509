/**
 * Inventory contracts: locations and stock. One source of truth for the inventory API, the
 * sourcing engine's inputs and the available-to-promise answers.
 */
import * as z from 'zod';

const identifier = (what: string) =>
  z
    .string()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z0-9][A-Za-z0-9._:#/-]*$/, `${what} may contain letters, digits and . _ : # / -`);

export const LocationIdSchema = identifier('location id');
export const SkuSchema = identifier('sku');

export const locationTypes = ['WAREHOUSE', 'STORE', 'DROPSHIP_VENDOR'] as const;

export const CoordinatesSchema = z
  .strictObject({
    lat: z.number().min(-90).max(90),
    lon: z.number().min(-180).max(180),
  })
  .meta({ id: 'Coordinates' });
export type Coordinates = z.infer<typeof CoordinatesSchema>;

export const LocationInputSchema = z
  .strictObject({
    name: z.string().min(1).max(200),
    type: z.enum(locationTypes),
    coordinates: CoordinatesSchema,
    country: z.string().regex(/^[A-Z]{2}$/, 'country must be an ISO 3166-1 alpha-2 code such as DE'),
    capabilities: z.strictObject({
      /** Ships parcels to customers (warehouses; stores only when shipFromStore is on). */
      ship: z.boolean(),
      /** Customers collect orders here (click-and-collect). */
      pickup: z.boolean(),
      /** A store that may ship customer orders. */
      shipFromStore: z.boolean(),
    }),
    /** Orders released before the cut-off (local time) are processed the same business day. */
    cutoff: z.strictObject({
      time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'time must be HH:MM (24 h)'),
      timeZone: z.string().refine((zone) => {
        try {
          new Intl.DateTimeFormat('en', { timeZone: zone });
          return true;
        } catch {
          return false;
        }
      }, 'timeZone must be an IANA time zone such as Europe/Berlin'),
    }),
    /** Business days between release and hand-over to the carrier. */
    processingDays: z.int().min(0).max(30),
    /** Weekdays the location works, ISO numbering (1 = Monday … 7 = Sunday). */
    workingDays: z.array(z.int().min(1).max(7)).min(1).max(7).default([1, 2, 3, 4, 5]),
    /** Fixed cost of one shipment from here, in minor units of the cost currency. */
    shipmentCost: z.int().min(0).max(1_000_000),
    /** Lower is preferred when everything else is equal. */
    priority: z.int().min(0).max(1000).default(100),
    active: z.boolean().default(true),
  })
  .meta({ id: 'LocationInput' });
export type LocationInput = z.input<typeof LocationInputSchema>;

export const LocationSchema = LocationInputSchema.extend({
  id: LocationIdSchema,
  version: z.int(),
  updatedAt: z.iso.datetime(),
}).meta({ id: 'Location' });
export type Location = z.infer<typeof LocationSchema>;

/** One SKU at one location. available = onHand − reserved − safetyStock (never below zero). */
export const StockLevelSchema = z
  .object({
    sku: SkuSchema,
    locationId: LocationIdSchema,
    onHand: z.int().min(0),
    reserved: z.int().min(0),
    safetyStock: z.int().min(0),
    available: z.int().min(0),
    incoming: z.array(z.object({ quantity: z.int().min(1), expectedAt: z.iso.date() })),
    lowStockThreshold: z.int().min(0).optional(),
    version: z.int(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'StockLevel' });
export type StockLevel = z.infer<typeof StockLevelSchema>;

export const availableQuantity = (stock: Pick<StockLevel, 'onHand' | 'reserved' | 'safetyStock'>) =>
  Math.max(0, stock.onHand - stock.reserved - stock.safetyStock);

/**
 * Inventory contracts: locations and stock. One source of truth for the inventory API, the
 * sourcing engine's inputs and the available-to-promise answers.
 */
import * as z from 'zod';
import { isTimeZone } from '../domain/time-zones';
import { demoLocations } from './demo-catalog';
import { FieldErrorSchema } from './problem';

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
    /** Where parcels are collected from: the sender address on labels. */
    address: z
      .strictObject({ line1: z.string().min(1).max(200), city: z.string().min(1).max(100), postalCode: z.string().min(1).max(20) })
      .optional(),
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
      timeZone: z.string().refine(isTimeZone, 'timeZone must be an IANA time zone such as Europe/Berlin'),
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

/** What a count or a settings change sets on a stock record; reservations are never part of it. */
export type StockSettings = Pick<StockLevel, 'onHand' | 'safetyStock' | 'incoming'> & { lowStockThreshold?: number | undefined };

/** The stock record after new settings: the units already reserved stay reserved, the version moves on. */
export function restockedLevel(
  sku: string,
  locationId: string,
  current: StockLevel | undefined,
  { onHand, safetyStock, incoming, lowStockThreshold }: StockSettings,
  updatedAt: string,
): StockLevel {
  const reserved = current?.reserved ?? 0;
  return {
    sku,
    locationId,
    onHand,
    reserved,
    safetyStock,
    available: availableQuantity({ onHand, reserved, safetyStock }),
    incoming,
    ...(lowStockThreshold !== undefined && { lowStockThreshold }),
    version: (current?.version ?? 0) + 1,
    updatedAt,
  };
}

/* ------------------------------------------------------------------ HTTP API: locations */

/** A location's version as an HTTP entity tag, for If-Match on PUT /locations/{id}. */
export const locationEtag = (location: Pick<Location, 'version'>) => `"${location.version}"`;

/** Fields the OMS owns on a location; a client that sends one is told so. */
export const serverOwnedLocationFields = ['version', 'updatedAt'] as const;

export const locationLimits = { maxBodyBytes: 16 * 1024 } as const;

/** A store that opens soon: created inactive, so nothing is sourced from it until a PUT switches it on. */
export const createLocationExample = {
  id: 'store-leipzig-hbf',
  name: 'Leipzig Hbf',
  type: 'STORE',
  coordinates: { lat: 51.3455, lon: 12.3821 },
  country: 'DE',
  capabilities: { ship: false, pickup: true, shipFromStore: false },
  cutoff: { time: '12:00', timeZone: 'Europe/Berlin' },
  processingDays: 0,
  workingDays: [1, 2, 3, 4, 5, 6],
  shipmentCost: 700,
  priority: 60,
  active: false,
} as const satisfies LocationInput & { id: string };

export const CreateLocationRequestSchema = LocationInputSchema.extend({
  id: LocationIdSchema.describe('Chosen by the caller; unique across the network'),
}).meta({ id: 'CreateLocationRequest' });
export type CreateLocationRequest = z.infer<typeof CreateLocationRequestSchema>;

const { id: demoWarehouseId, ...demoWarehouse } = demoLocations.find((location) => location.id === 'wh-leipzig') ?? createLocationExample;
/** The demo warehouse replaced with its own settings: a no-op apart from the version, on a fresh runtime at version 1. */
export const replaceLocationExample = { id: demoWarehouseId, ifMatch: '"1"', body: demoWarehouse };

export const LocationIdPathSchema = z.strictObject({ id: LocationIdSchema });

export const LocationListSchema = z
  .object({ items: z.array(LocationSchema).describe('Every location of the network, ordered by id') })
  .meta({ id: 'LocationList' });
export type LocationList = z.infer<typeof LocationListSchema>;

/* ------------------------------------------------------------------ HTTP API: stock */

export const stockLimits = {
  /** Upper bound of any unit count, far above any real stock, far below where numbers lose precision. */
  maxUnits: 100_000_000,
  maxIncomingDeliveries: 50,
  maxBodyBytes: 16 * 1024,
} as const;

/** A count of units: a whole number, never negative. The messages are the ones a CSV author reads too. */
const unitCount = (field: string) =>
  z
    .int({ error: (issue) => (issue.input === undefined ? `${field} is required` : `${field} must be a whole number`) })
    .min(0, `${field} cannot be negative`)
    .max(stockLimits.maxUnits, `${field} is at most ${stockLimits.maxUnits}`);

export const StockQuerySchema = z.strictObject({
  sku: SkuSchema.describe('The SKU whose stock is wanted; a SKU that is stocked nowhere answers an empty list'),
  locationId: LocationIdSchema.optional().describe('Narrows the answer to one location; an unknown location is 422 UNKNOWN_LOCATION'),
});
export type StockQuery = z.infer<typeof StockQuerySchema>;

export const StockListSchema = z
  .object({ items: z.array(StockLevelSchema).describe("The SKU's stock at each location that has a record of it, ordered by location id") })
  .meta({ id: 'StockList' });
export type StockList = z.infer<typeof StockListSchema>;

/**
 * The stock examples follow a new size arriving in the demo network (received, counted, spread to the
 * stores), so running them never changes the seeded stock that other examples and tests rely on.
 */
const newSizeSku = 'TSHIRT-BLK-L';

export const stockAdjustmentExample = {
  adjustmentId: 'gr-PO-4711-1',
  sku: newSizeSku,
  locationId: 'wh-leipzig',
  delta: 24,
  reason: 'Goods receipt PO-4711: first delivery of size L',
} as const;

export const StockAdjustmentRequestSchema = z
  .strictObject({
    adjustmentId: z
      .string()
      .min(1)
      .max(128)
      .regex(/^[A-Za-z0-9][A-Za-z0-9._:#/-]*$/, 'adjustmentId may contain letters, digits and . _ : # / -')
      .describe('Chosen by the caller, unique per adjustment: resending it with the same numbers changes nothing (200)'),
    sku: SkuSchema,
    locationId: LocationIdSchema,
    delta: z
      .int()
      .min(-stockLimits.maxUnits)
      .max(stockLimits.maxUnits)
      .refine((delta) => delta !== 0, 'delta must not be zero')
      .describe('Units added to (positive) or removed from (negative) on-hand; reserved and safety-stock units cannot be removed'),
    reason: z.string().min(1).max(200).describe('Why the stock changed, e.g. goods receipt, damage, found in a count'),
  })
  .meta({ id: 'StockAdjustmentRequest' });
export type StockAdjustmentRequest = z.infer<typeof StockAdjustmentRequestSchema>;

export const StockLevelPathSchema = z.strictObject({ sku: SkuSchema, locationId: LocationIdSchema });

export const IncomingStockSchema = z
  .strictObject({
    quantity: z.int().min(1).max(stockLimits.maxUnits),
    expectedAt: z.iso.date().describe('Day the delivery is expected (YYYY-MM-DD)'),
  })
  .meta({ id: 'IncomingStock' });

export const SetStockLevelRequestSchema = z
  .strictObject({
    onHand: unitCount('onHand').describe('Units counted on hand; units reserved for orders stay reserved'),
    safetyStock: unitCount('safetyStock').describe('Units held back from sale'),
    lowStockThreshold: unitCount('lowStockThreshold').optional().describe('Left out: no low-stock threshold'),
    incoming: z
      .array(IncomingStockSchema)
      .max(stockLimits.maxIncomingDeliveries)
      .optional()
      .describe('Deliveries on their way; left out: none'),
  })
  .meta({ id: 'SetStockLevelRequest' });
export type SetStockLevelRequest = z.infer<typeof SetStockLevelRequestSchema>;

/** The new size at the demo warehouse after a count that matched the receipt, with the next delivery on its way. */
export const setStockLevelExample = {
  sku: newSizeSku,
  locationId: 'wh-leipzig',
  body: { onHand: 24, safetyStock: 2, lowStockThreshold: 5, incoming: [{ quantity: 60, expectedAt: '2030-01-15' }] },
} as const;

/* ------------------------------------------------------------------ HTTP API: bulk stock import */

export const stockImportLimits = { maxRows: 5_000, maxBodyBytes: 1024 * 1024 } as const;

/** CSV header names: the first three are required, in any order; the rest may be left out. */
export const stockImportColumns = ['sku', 'locationId', 'onHand', 'safetyStock', 'lowStockThreshold'] as const;
export const requiredStockImportColumns: readonly (typeof stockImportColumns)[number][] = ['sku', 'locationId', 'onHand'];
export const numericStockImportColumns: readonly (typeof stockImportColumns)[number][] = ['onHand', 'safetyStock', 'lowStockThreshold'];

export const StockImportRowSchema = z
  .strictObject({
    sku: SkuSchema,
    locationId: LocationIdSchema,
    onHand: unitCount('onHand').describe('Units counted on hand; reservations are kept'),
    safetyStock: unitCount('safetyStock').optional().describe('Left out: the current safety stock stays (0 for new stock)'),
    lowStockThreshold: unitCount('lowStockThreshold').optional().describe('Left out: the current threshold stays'),
  })
  .meta({ id: 'StockImportRow' });
export type StockImportRow = z.infer<typeof StockImportRowSchema>;

/** The stores' first counts of the new size; the JSON and the CSV example are the same count. */
export const stockImportJsonExample = {
  rows: [
    { sku: newSizeSku, locationId: 'store-berlin-mitte', onHand: 6, safetyStock: 1, lowStockThreshold: 2 },
    { sku: newSizeSku, locationId: 'store-hamburg-hbf', onHand: 4 },
  ],
} as const;

export const stockImportCsvExample = [
  'sku,locationId,onHand,safetyStock,lowStockThreshold',
  `${newSizeSku},store-berlin-mitte,6,1,2`,
  `${newSizeSku},store-hamburg-hbf,4,,`,
  '',
].join('\r\n');

/** The JSON form of an import; the text/csv form has the same columns (see stockImportColumns). */
export const StockImportRequestSchema = z
  .strictObject({ rows: z.array(StockImportRowSchema).min(1).max(stockImportLimits.maxRows) })
  .meta({ id: 'StockImportRequest' });

export const RejectedImportRowSchema = z
  .object({
    line: z.int().describe('CSV: the physical line the row starts on (the header is line 1). JSON: the index in rows'),
    errors: z.array(FieldErrorSchema),
  })
  .meta({ id: 'RejectedImportRow' });
export type RejectedImportRow = z.infer<typeof RejectedImportRowSchema>;

export const StockImportResultSchema = z
  .object({
    applied: z.int().describe('Rows whose counts were written'),
    rejected: z.array(RejectedImportRowSchema).describe('Rows that were not applied, each with every reason; ordered by line'),
  })
  .meta({ id: 'StockImportResult' });
export type StockImportResult = z.infer<typeof StockImportResultSchema>;

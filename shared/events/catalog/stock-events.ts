/**
 * Inventory events, per SKU per location: published when a stock record's available quantity
 * crosses a threshold, so buyers, storefronts and marketplaces react without polling.
 */
import * as z from 'zod';
import { LocationIdSchema, SkuSchema } from '../../contracts/inventory';
import { defineEvent } from '../define-event';

const source = 'oms.inventory';

const StockPositionSchema = z.object({
  sku: SkuSchema,
  locationId: LocationIdSchema,
  onHand: z.int(),
  reserved: z.int().min(0),
  safetyStock: z.int().min(0),
  available: z.int().min(0).describe('What can still be promised at this location: on hand − reserved − safety stock, never below 0'),
  stockVersion: z.int().describe('The stock record version that caused the event'),
});

export const StockLow = defineEvent({
  source,
  detailType: 'StockLow',
  version: 1,
  description: 'Available stock of a SKU at a location fell to or below its low-stock threshold (and is not yet zero).',
  data: StockPositionSchema.extend({ lowStockThreshold: z.int().min(0) }),
});

export const OutOfStock = defineEvent({
  source,
  detailType: 'OutOfStock',
  version: 1,
  description: 'Available stock of a SKU at a location reached zero: nothing more can be promised from there.',
  data: StockPositionSchema,
});

export const BackInStock = defineEvent({
  source,
  detailType: 'BackInStock',
  version: 1,
  description: 'A SKU that was out of stock at a location can be promised from there again; backordered orders wait for this.',
  data: StockPositionSchema,
});

export const stockEvents = [StockLow, OutOfStock, BackInStock] as const;

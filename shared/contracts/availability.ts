/**
 * Available-to-promise contracts: can a SKU or a cart be promised, per delivery method, by when.
 */
import * as z from 'zod';
import { CoordinatesSchema, LocationIdSchema, SkuSchema } from './inventory';
import { DeliveryMethodSchema } from './order';

const country = z.string().regex(/^[A-Z]{2}$/, 'country must be an ISO 3166-1 alpha-2 code such as DE');

export const AvailabilityQuerySchema = z
  .strictObject({
    sku: SkuSchema,
    quantity: z.coerce.number().int().min(1).max(9_999).default(1),
    destination: z
      .string()
      .regex(/^-?\d{1,2}(\.\d+)?,-?\d{1,3}(\.\d+)?$/, 'destination must be "lat,lon", e.g. 52.52,13.405')
      .optional()
      .describe('Where a parcel would go, as "lat,lon": enables HOME_DELIVERY and EXPRESS_DELIVERY'),
    country: country.optional().describe('The destination country (holidays, defaults); required with destination'),
    pickupStoreId: LocationIdSchema.optional().describe('The store the customer would collect from: enables CLICK_AND_COLLECT and SHIP_TO_STORE'),
  })
  .refine((query) => !query.destination || query.country, { message: 'country is required with destination', path: ['country'] });
export type AvailabilityQuery = z.infer<typeof AvailabilityQuerySchema>;

export const cartAvailabilityExample = {
  lines: [
    { sku: 'TSHIRT-BLK-M', quantity: 2 },
    { sku: 'HOODIE-GRY-L', quantity: 1 },
  ],
  destination: { lat: 52.52, lon: 13.405, country: 'DE' },
  pickupStoreId: 'store-hamburg-hbf',
} as const;

export const CartAvailabilityRequestSchema = z
  .strictObject({
    lines: z
      .array(z.strictObject({ sku: SkuSchema, quantity: z.int().min(1).max(9_999) }))
      .min(1)
      .max(200)
      .refine((lines) => new Set(lines.map((line) => line.sku)).size === lines.length, 'send one line per SKU'),
    destination: CoordinatesSchema.extend({ country }).optional(),
    pickupStoreId: LocationIdSchema.optional(),
  })
  .meta({ id: 'CartAvailabilityRequest', example: cartAvailabilityExample });
export type CartAvailabilityRequest = z.infer<typeof CartAvailabilityRequestSchema>;

const LineSchema = z.object({ sku: z.string(), quantity: z.int() });

export const AvailabilitySchema = z
  .object({
    methods: z.array(
      z.object({
        deliveryMethod: DeliveryMethodSchema,
        promisable: z.boolean(),
        promiseDate: z.iso.date().optional().describe('When the whole cart arrives, or is ready for pickup'),
        shipments: z.array(
          z.object({
            locationId: z.string(),
            kind: z.enum(['ship-to-customer', 'pickup-in-store', 'transfer-to-store']),
            lines: z.array(LineSchema),
            shipDate: z.iso.date(),
            promiseDate: z.iso.date(),
          }),
        ),
        backorderDate: z.iso.date().optional().describe('When incoming stock would cover what is missing'),
        missing: z.array(LineSchema).optional(),
        explanation: z.array(z.string()),
      }),
    ),
  })
  .meta({ id: 'Availability' });

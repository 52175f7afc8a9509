/**
 * What a warehouse or store system receives from the OMS: a pick-and-pack request per shipment, and
 * a stop when the shipment (or some of its lines) was cancelled or given up. One zod schema, so the
 * HTTP adapter, the sandbox warehouse and the docs agree on the body.
 *
 * The lines are what to pick: SKU and quantity, with the OMS line id the answer refers to
 * (`packedLineIds`, `rejectedLines[].lineId` on POST /integrations/wms/events). The request id is
 * the event id: the same request sent twice (a retry) carries the same id, so the WMS dedups on it.
 */
import * as z from 'zod';
import { ShipmentLineSchema } from '../contracts/fulfilment';
import { AddressSchema } from '../contracts/order';
import type { FulfilmentCancelled, FulfilmentRequested } from '../events/catalog/order-events';
import type { EventDetail } from '../events/define-event';

export const FulfilmentRequestMessageSchema = z
  .object({
    type: z.literal('fulfilment.requested'),
    requestId: z.string().describe('Stable per request: dedup on it'),
    orderId: z.string(),
    channelOrderRef: z.string().describe('The number the customer knows, for the packing slip'),
    shipmentId: z.string().describe('Quote it in every answer'),
    locationId: z.string(),
    kind: z.enum(['ship-to-customer', 'pickup-in-store', 'transfer-to-store']),
    pickLines: z.array(ShipmentLineSchema).min(1).describe('What to pick and pack, one line per SKU'),
    shipTo: AddressSchema.optional().describe('Where the parcel goes; absent for pickups in this store'),
    pickupStoreId: z.string().optional().describe('The store that hands a click-and-collect order over'),
    packBy: z.iso.datetime().describe('After this the OMS stops waiting and sources the lines elsewhere'),
    instructions: z.record(z.string(), z.string()).optional().describe('The order’s metadata, as the channel sent it'),
  })
  .meta({ id: 'FulfilmentRequestMessage' });
export type FulfilmentRequestMessage = z.infer<typeof FulfilmentRequestMessageSchema>;

export const FulfilmentCancellationMessageSchema = z
  .object({
    type: z.literal('fulfilment.cancelled'),
    requestId: z.string(),
    orderId: z.string(),
    shipmentId: z.string(),
    locationId: z.string(),
    reason: z.string(),
    lineIds: z.array(z.string()).optional().describe('Only these lines; absent: the whole shipment'),
  })
  .meta({ id: 'FulfilmentCancellationMessage' });
export type FulfilmentCancellationMessage = z.infer<typeof FulfilmentCancellationMessageSchema>;

export const WarehouseMessageSchema = z.discriminatedUnion('type', [FulfilmentRequestMessageSchema, FulfilmentCancellationMessageSchema]);
export type WarehouseMessage = z.infer<typeof WarehouseMessageSchema>;

type RequestedDetail = EventDetail<z.output<(typeof FulfilmentRequested)['data']>>;
type CancelledDetail = EventDetail<z.output<(typeof FulfilmentCancelled)['data']>>;

export const fulfilmentRequestMessageOf = ({ metadata, data }: RequestedDetail): FulfilmentRequestMessage => ({
  type: 'fulfilment.requested',
  requestId: metadata.eventId,
  orderId: data.order.orderId,
  channelOrderRef: data.order.channelOrderRef,
  shipmentId: data.shipmentId,
  locationId: data.locationId,
  kind: data.kind,
  pickLines: data.lines,
  ...(data.shipTo && { shipTo: data.shipTo }),
  ...(data.pickupStoreId && { pickupStoreId: data.pickupStoreId }),
  packBy: data.packBy,
  ...(data.orderMetadata && { instructions: data.orderMetadata }),
});

export const fulfilmentCancellationMessageOf = ({ metadata, data }: CancelledDetail): FulfilmentCancellationMessage => ({
  type: 'fulfilment.cancelled',
  requestId: metadata.eventId,
  orderId: data.order.orderId,
  shipmentId: data.shipmentId,
  locationId: data.locationId,
  reason: data.reason,
  ...(data.lineIds && { lineIds: data.lineIds }),
});

/**
 * The parcel carrier, as the OMS sees it: quote services, book a label with a tracking number,
 * and book return labels. Tracking updates come back through the inbound carrier endpoint.
 */
import type { Money } from '../contracts/money';
import type { Address } from '../contracts/order';

export interface Parcel {
  readonly weightGrams: number;
}

export interface ShipmentToQuote {
  readonly from: Pick<Address, 'postalCode' | 'country'> & { readonly coordinates: { readonly latitude: number; readonly longitude: number } };
  readonly to: Pick<Address, 'postalCode' | 'country'> & { readonly coordinates: { readonly latitude: number; readonly longitude: number } };
  readonly parcels: readonly Parcel[];
  /** The date the shipment is handed over (YYYY-MM-DD). */
  readonly shipDate: string;
}

export interface RateQuote {
  readonly carrier: string;
  readonly service: string;
  readonly price: Money;
  readonly transitBusinessDays: number;
  /** When it would arrive if handed over on the ship date (YYYY-MM-DD). */
  readonly estimatedDelivery: string;
}

export interface LabelRequest {
  /** Idempotency: the same shipment id books the same label, however often it is asked. */
  readonly shipmentId: string;
  readonly service: string;
  readonly from: Address;
  readonly to: Address;
  readonly parcels: readonly Parcel[];
}

export interface Label {
  readonly carrier: string;
  readonly service: string;
  readonly trackingNumber: string;
  readonly labelUrl: string;
  readonly price: Money;
}

export interface Carrier {
  quote(shipment: ShipmentToQuote): Promise<RateQuote[]>;
  createLabel(request: LabelRequest): Promise<Label>;
  createReturnLabel(request: LabelRequest): Promise<Label>;
}

/** The carrier failed in a way a retry may fix; the ASL retries on this name. */
export class TransientCarrierError extends Error {
  override name = 'TransientCarrierError';
}

/** The carrier refused the shipment for good (e.g. an address it cannot serve). */
export class CarrierRejectedError extends Error {
  override name = 'CarrierRejectedError';
}

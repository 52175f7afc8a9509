/**
 * "OMS Parcel", a sandbox parcel carrier: three services priced from a table by weight, distance
 * band and service (EUR), delivery dates on Monday-to-Friday calendars with the countries' public
 * holidays, deterministic tracking numbers, and failure modes a test or the local runtime can switch
 * on. It books nothing anywhere; labels live in the instance.
 */
import { createHash } from 'node:crypto';
import type { Coordinates } from '../../contracts/inventory';
import type { Money } from '../../contracts/money';
import type { Address } from '../../contracts/order';
import { approximateCoordinatesOf } from '../../domain/country-centres';
import { greatCircleDistanceKm } from '../../domain/great-circle-distance';
import { addOpenDays, businessCalendar, firstOpenDayFrom } from '../../domain/promise-dates/business-days';
import type { IsoDate } from '../../domain/promise-dates/calendar-date';
import { mondayToFriday } from '../../domain/promise-dates/carrier';
import { defaultHolidayCalendar, holidaysIn, type HolidayCalendar } from '../../domain/promise-dates/holidays';
import {
  CarrierRejectedError,
  TransientCarrierError,
  type Carrier,
  type Label,
  type LabelRequest,
  type Parcel,
  type RateQuote,
  type ShipmentToQuote,
} from '../../ports/carrier';

export const omsParcelCarrierName = 'OMS Parcel';

export const omsParcelDistanceBands = ['NEAR', 'REGIONAL', 'FAR'] as const;
export type OmsParcelDistanceBand = (typeof omsParcelDistanceBands)[number];

/** Upper bound of each band in kilometres (inclusive); FAR is everything beyond REGIONAL. */
export const omsParcelBandLimitsKm: Readonly<Record<Exclude<OmsParcelDistanceBand, 'FAR'>, number>> = { NEAR: 300, REGIONAL: 800 };

export const omsParcelServiceNames = ['ECONOMY', 'STANDARD', 'EXPRESS'] as const;
export type OmsParcelService = (typeof omsParcelServiceNames)[number];

export interface OmsParcelServiceDefinition {
  readonly description: string;
  /** Carrier business days from pick-up to delivery. */
  readonly transitBusinessDays: Readonly<Record<OmsParcelDistanceBand, number>>;
}

export const omsParcelServices: Readonly<Record<OmsParcelService, OmsParcelServiceDefinition>> = {
  ECONOMY: { description: 'Road freight, 3–5 business days', transitBusinessDays: { NEAR: 3, REGIONAL: 4, FAR: 5 } },
  STANDARD: { description: 'Parcel network, 2 business days (3 beyond 800 km)', transitBusinessDays: { NEAR: 2, REGIONAL: 2, FAR: 3 } },
  EXPRESS: { description: 'Overnight, next business day (2 beyond 800 km)', transitBusinessDays: { NEAR: 1, REGIONAL: 1, FAR: 2 } },
};

/** Heaviest parcel each price column takes, in grams; the last one is the most the carrier accepts. */
export const omsParcelWeightLimitsGrams = [1_000, 2_000, 5_000, 10_000, 20_000, 31_500] as const;

/** Price of one parcel in EUR minor units, by service and band, one column per weight limit above. */
export const omsParcelPrices: Readonly<Record<OmsParcelService, Readonly<Record<OmsParcelDistanceBand, readonly number[]>>>> = {
  ECONOMY: {
    NEAR: [390, 450, 550, 690, 990, 1390],
    REGIONAL: [450, 520, 640, 820, 1190, 1690],
    FAR: [890, 990, 1290, 1690, 2390, 3290],
  },
  STANDARD: {
    NEAR: [495, 560, 690, 890, 1290, 1790],
    REGIONAL: [595, 660, 820, 1090, 1590, 2190],
    FAR: [1190, 1290, 1690, 2190, 2990, 3990],
  },
  EXPRESS: {
    NEAR: [1290, 1390, 1590, 1990, 2790, 3790],
    REGIONAL: [1490, 1590, 1890, 2390, 3290, 4490],
    FAR: [2490, 2690, 3290, 3990, 5490, 7490],
  },
};

export function distanceBandFor(distanceKm: number): OmsParcelDistanceBand {
  if (distanceKm <= omsParcelBandLimitsKm.NEAR) return 'NEAR';
  if (distanceKm <= omsParcelBandLimitsKm.REGIONAL) return 'REGIONAL';
  return 'FAR';
}

const isService = (service: string): service is OmsParcelService => (omsParcelServiceNames as readonly string[]).includes(service);

function checkParcels(parcels: readonly Parcel[]): void {
  if (parcels.length === 0) throw new CarrierRejectedError('a shipment needs at least one parcel');
  const heaviest = omsParcelWeightLimitsGrams[omsParcelWeightLimitsGrams.length - 1] ?? 0;
  parcels.forEach((parcel, index) => {
    if (!Number.isFinite(parcel.weightGrams) || parcel.weightGrams <= 0) {
      throw new CarrierRejectedError(`parcel ${index + 1} needs a positive weight; got ${parcel.weightGrams} g`);
    }
    if (parcel.weightGrams > heaviest) {
      throw new CarrierRejectedError(`parcel ${index + 1} weighs ${parcel.weightGrams} g; ${omsParcelCarrierName} takes at most ${heaviest} g per parcel`);
    }
  });
}

/** The price of the parcels with the service over the band; the parcels must have passed checkParcels. */
export function omsParcelPrice(service: OmsParcelService, band: OmsParcelDistanceBand, parcels: readonly Parcel[]): Money {
  const column = omsParcelPrices[service][band];
  let amount = 0;
  for (const parcel of parcels) {
    const index = omsParcelWeightLimitsGrams.findIndex((limit) => parcel.weightGrams <= limit);
    const price = column[index];
    if (price === undefined) throw new CarrierRejectedError(`no ${service} price for a parcel of ${parcel.weightGrams} g`);
    amount += price;
  }
  return { amount, currency: 'EUR' };
}

const tenDigitsOf = (seed: string) => (BigInt(`0x${createHash('sha256').update(seed).digest('hex').slice(0, 16)}`) % 10_000_000_000n).toString().padStart(10, '0');

/** Luhn, so a mistyped tracking number is caught before anyone looks for it. */
function luhnCheckDigit(digits: string): number {
  let sum = 0;
  [...digits].reverse().forEach((character, index) => {
    let digit = Number(character);
    if (index % 2 === 0) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  });
  return (10 - (sum % 10)) % 10;
}

export type LabelKind = 'outbound' | 'return';

/** OMSP (outbound) or OMSR (return), ten digits from the shipment id, and a Luhn check digit. */
export function omsParcelTrackingNumber(shipmentId: string, kind: LabelKind): string {
  const digits = tenDigitsOf(`${kind}:${shipmentId}`);
  return `${kind === 'outbound' ? 'OMSP' : 'OMSR'}${digits}${luhnCheckDigit(digits)}`;
}

export function isOmsParcelTrackingNumber(trackingNumber: string): boolean {
  const match = /^OMS[PR](\d{10})(\d)$/.exec(trackingNumber);
  return match !== null && luhnCheckDigit(match[1] ?? '') === Number(match[2]);
}

export interface SandboxCarrierOptions {
  /** The first N attempts to book each label (per shipment id, outbound and return apart) fail with TransientCarrierError. */
  readonly failFirstLabelAttempts?: number;
  /** Postal codes the carrier does not serve, at either end: quotes and labels for them fail with CarrierRejectedError. */
  readonly rejectPostalCodes?: readonly string[];
  /** No pick-ups or deliveries on these days, by the origin's and the destination's country. */
  readonly holidays?: HolidayCalendar;
  readonly labelUrlBase?: string;
}

const normalizePostalCode = (postalCode: string) => postalCode.replace(/[\s-]/g, '').toUpperCase();

/** Where an address is: its own coordinates, else its country's centre, else unknown. */
const coordinatesOf = (address: Pick<Address, 'country' | 'coordinates'>): Coordinates | undefined =>
  address.coordinates ?? approximateCoordinatesOf(address.country);

export class SandboxCarrier implements Carrier {
  private readonly failFirstLabelAttempts: number;
  private readonly rejectedPostalCodes: ReadonlySet<string>;
  private readonly holidays: HolidayCalendar;
  private readonly labelUrlBase: string;
  private readonly labels = new Map<string, Label>();
  private readonly failedAttempts = new Map<string, number>();

  constructor(options: SandboxCarrierOptions = {}) {
    this.failFirstLabelAttempts = options.failFirstLabelAttempts ?? 0;
    this.rejectedPostalCodes = new Set((options.rejectPostalCodes ?? []).map(normalizePostalCode));
    this.holidays = options.holidays ?? defaultHolidayCalendar;
    this.labelUrlBase = options.labelUrlBase ?? 'https://sandbox-carrier.oms.invalid/labels';
  }

  quote(shipment: ShipmentToQuote): Promise<RateQuote[]> {
    return Promise.resolve().then(() => {
      this.checkServed(shipment.from, shipment.to);
      checkParcels(shipment.parcels);
      const distance = greatCircleDistanceKm(
        { lat: shipment.from.coordinates.latitude, lon: shipment.from.coordinates.longitude },
        { lat: shipment.to.coordinates.latitude, lon: shipment.to.coordinates.longitude },
      );
      const band = distanceBandFor(distance);
      return omsParcelServiceNames.map((service) => {
        const transitBusinessDays = omsParcelServices[service].transitBusinessDays[band];
        return {
          carrier: omsParcelCarrierName,
          service,
          price: omsParcelPrice(service, band, shipment.parcels),
          transitBusinessDays,
          estimatedDelivery: this.estimatedDelivery(shipment.shipDate, shipment.from.country, shipment.to.country, transitBusinessDays),
        };
      });
    });
  }

  createLabel(request: LabelRequest): Promise<Label> {
    return Promise.resolve().then(() => this.book(request, 'outbound'));
  }

  /** A label the customer sticks on the parcel they send back: `from` is the customer, `to` where it returns. */
  createReturnLabel(request: LabelRequest): Promise<Label> {
    return Promise.resolve().then(() => this.book(request, 'return'));
  }

  /**
   * The delivery date: the parcel is picked up on the first working day (origin's holidays) on or
   * after the ship date and travels the transit days on the destination's working days.
   */
  estimatedDelivery(shipDate: IsoDate, originCountry: string, destinationCountry: string, transitBusinessDays: number): IsoDate {
    const origin = businessCalendar(`${omsParcelCarrierName} pick-up (${originCountry})`, mondayToFriday, holidaysIn(this.holidays, originCountry));
    const destination = businessCalendar(
      `${omsParcelCarrierName} delivery (${destinationCountry})`,
      mondayToFriday,
      holidaysIn(this.holidays, destinationCountry),
    );
    const pickUp = firstOpenDayFrom(origin, shipDate).date;
    return addOpenDays(destination, pickUp, transitBusinessDays).date;
  }

  /** Rejections come before simulated outages, so a test that expects a rejection gets it on the first call. */
  private book(request: LabelRequest, kind: LabelKind): Label {
    const key = `${kind}#${request.shipmentId}`;
    const existing = this.labels.get(key);
    if (existing) return existing;

    if (request.shipmentId.length === 0) throw new CarrierRejectedError('a label needs a shipment id');
    if (!isService(request.service)) {
      throw new CarrierRejectedError(`${omsParcelCarrierName} has no service ${request.service}; it offers ${omsParcelServiceNames.join(', ')}`);
    }
    this.checkServed(request.from, request.to);
    checkParcels(request.parcels);

    const failed = this.failedAttempts.get(key) ?? 0;
    if (failed < this.failFirstLabelAttempts) {
      this.failedAttempts.set(key, failed + 1);
      throw new TransientCarrierError(`${omsParcelCarrierName} is unavailable (simulated attempt ${failed + 1} of ${this.failFirstLabelAttempts}); retry`);
    }

    const trackingNumber = omsParcelTrackingNumber(request.shipmentId, kind);
    const label: Label = {
      carrier: omsParcelCarrierName,
      service: request.service,
      trackingNumber,
      labelUrl: `${this.labelUrlBase}/${trackingNumber}.pdf`,
      price: omsParcelPrice(request.service, this.bandBetween(request.from, request.to), request.parcels),
    };
    this.labels.set(key, label);
    return label;
  }

  /**
   * The band between two addresses. Without coordinates for either end (and no known country
   * centre) the sandbox guesses rather than refusing: REGIONAL within a country, FAR across borders.
   */
  private bandBetween(from: Address, to: Address): OmsParcelDistanceBand {
    const origin = coordinatesOf(from);
    const destination = coordinatesOf(to);
    if (origin && destination) return distanceBandFor(greatCircleDistanceKm(origin, destination));
    return from.country === to.country ? 'REGIONAL' : 'FAR';
  }

  private checkServed(...addresses: readonly Pick<Address, 'postalCode' | 'country'>[]): void {
    for (const address of addresses) {
      if (this.rejectedPostalCodes.has(normalizePostalCode(address.postalCode))) {
        throw new CarrierRejectedError(`${omsParcelCarrierName} does not serve postal code ${address.country} ${address.postalCode}`);
      }
    }
  }
}

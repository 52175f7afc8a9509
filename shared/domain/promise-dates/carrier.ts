import type { IsoWeekday } from './calendar-date';
import { defaultHolidayCalendar, type HolidayCalendar } from './holidays';

/** When a carrier delivers: the weekdays it delivers on and the days it does not. */
export interface CarrierCalendar {
  readonly name: string;
  /** ISO weekdays with deliveries. Add 6 for a carrier that delivers on Saturdays. */
  readonly deliveryDays: readonly IsoWeekday[];
  /** No deliveries on these days; the destination's country picks the country list. */
  readonly holidays: HolidayCalendar;
  /**
   * The zone the carrier's days (and so delivery dates) are in: the destination's. A parcel handed
   * over at the location's cut-off starts its transit on that instant's date in this zone.
   */
  readonly timeZone: string;
}

export const carrierServices = ['STANDARD', 'EXPRESS'] as const;
export type CarrierService = (typeof carrierServices)[number];

/** Parcels travelling up to maxKm (inclusive) take businessDays carrier delivery days. */
export interface TransitBand {
  readonly maxKm: number;
  readonly businessDays: number;
}

/** Transit bands per carrier service; the bands need not be sorted. */
export type TransitTimes = Readonly<Record<CarrierService, readonly TransitBand[]>>;

export const mondayToFriday: readonly IsoWeekday[] = [1, 2, 3, 4, 5];

export const defaultCarrierCalendar: CarrierCalendar = {
  name: 'Parcel carrier (DE)',
  deliveryDays: mondayToFriday,
  holidays: defaultHolidayCalendar,
  timeZone: 'Europe/Berlin',
};

export const defaultTransitTimes: TransitTimes = {
  STANDARD: [
    { maxKm: 50, businessDays: 1 },
    { maxKm: 300, businessDays: 2 },
    { maxKm: 800, businessDays: 3 },
    { maxKm: Infinity, businessDays: 5 },
  ],
  EXPRESS: [
    { maxKm: 800, businessDays: 1 },
    { maxKm: Infinity, businessDays: 2 },
  ],
};

/** The band of the shortest reach that still covers the distance; a band's maxKm is inclusive. */
export function transitBandFor(distance: number, bands: readonly TransitBand[]): TransitBand {
  const covering = bands.filter((band) => distance <= band.maxKm).sort((a, b) => a.maxKm - b.maxKm);
  const band = covering[0];
  if (!band) {
    // A configuration gap, not a customer problem: the last band should reach Infinity.
    throw new RangeError(`no transit band covers ${distance.toFixed(1)} km; give the last band maxKm: Infinity`);
  }
  return band;
}

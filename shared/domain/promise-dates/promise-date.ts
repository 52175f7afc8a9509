/**
 * Available-to-promise dates: when an order ships and when the customer gets it. A pure calculation
 * over the location's cut-off, working days and processing time, the carrier's delivery days and the
 * transit band for the distance, with holidays on both sides. Every step is written to an
 * explanation so a customer-service agent can see why a date is what it is.
 */
import type { Coordinates, Location, StockLevel } from '../../contracts/inventory';
import type { DeliveryMethod } from '../../contracts/order';
import {
  addOpenDays,
  businessCalendar,
  describeSkipped,
  firstOpenDayFrom,
  type BusinessCalendar,
} from './business-days';
import {
  addDays,
  describeDate,
  instantAtWallClock,
  laterOf,
  parseTimeOfDay,
  wallClockAt,
  type IsoDate,
} from './calendar-date';
import {
  defaultCarrierCalendar,
  defaultTransitTimes,
  transitBandFor,
  type CarrierCalendar,
  type CarrierService,
  type TransitTimes,
} from './carrier';
import { greatCircleDistanceKm as distanceKm } from '../great-circle-distance';
import { defaultHolidayCalendar, holidaysIn, type HolidayCalendar } from './holidays';

/** What the calculation needs of a location; a full inventory Location fits. */
export type PromiseLocation = Pick<
  Location,
  'id' | 'name' | 'country' | 'coordinates' | 'cutoff' | 'processingDays' | 'workingDays'
>;

/** Where a parcel goes: the point the distance is measured to and the country whose holidays apply. */
export interface Destination {
  readonly coordinates: Coordinates;
  readonly country: string;
}

export type AddressDeliveryMethod = Extract<DeliveryMethod, 'HOME_DELIVERY' | 'EXPRESS_DELIVERY'>;
export type StoreDeliveryMethod = Extract<DeliveryMethod, 'CLICK_AND_COLLECT' | 'SHIP_TO_STORE'>;

interface PromiseDateCommonInput {
  /** Where the order is processed and shipped from (the pickup store itself for collect-from-stock). */
  readonly location: PromiseLocation;
  /** When the order is released to the location. */
  readonly now: Date;
  /** The carrier's delivery days and holidays; defaults to defaultCarrierCalendar. */
  readonly calendar?: CarrierCalendar;
  /** Transit bands per service; defaults to defaultTransitTimes. */
  readonly transit?: TransitTimes;
  /** Holidays at locations and stores, by their country; defaults to defaultHolidayCalendar. */
  readonly holidays?: HolidayCalendar;
}

/** One member per method (distributed over the union) so `deliveryMethod` narrows the input fully, if/else included. */
type ShippedTo<Method extends DeliveryMethod> = Method extends AddressDeliveryMethod
  ? { readonly deliveryMethod: Method; readonly destination: Destination }
  : { readonly deliveryMethod: Method; readonly pickupStore: PromiseLocation };

export type PromiseDateInput = PromiseDateCommonInput & ShippedTo<DeliveryMethod>;

export interface PromiseDates {
  /** The day the location hands the parcel over (or, collecting from stock, the day it is ready), in its own zone. */
  readonly shipDate: IsoDate;
  /** The day the customer receives the parcel, or can collect it in store. */
  readonly deliveryDate: IsoDate;
  /** One line per step, in order, saying which rule moved the date and why. */
  readonly explanation: string[];
}

export type IncomingStock = StockLevel['incoming'][number];

export type BackorderDateInput = PromiseDateInput & {
  /** Stock expected at the location, in any order. */
  readonly incoming: readonly IncomingStock[];
  /** Units still missing after the stock on hand. */
  readonly quantityNeeded: number;
};

/** Where an order goes: the address for address delivery, the store for the store methods. */
export interface DeliveryTarget {
  readonly destination?: Destination;
  readonly pickupStore?: PromiseLocation;
}

/**
 * The promise-date input for one location serving an order of this delivery method. Throws when the
 * target lacks what the method needs, which callers have validated before they ask.
 */
export function promiseInputFor(deliveryMethod: DeliveryMethod, location: PromiseLocation, target: DeliveryTarget, now: Date): PromiseDateInput {
  switch (deliveryMethod) {
    case 'HOME_DELIVERY':
    case 'EXPRESS_DELIVERY':
      if (!target.destination) throw new Error(`${deliveryMethod} needs a destination to promise a date`);
      return { location, now, deliveryMethod, destination: target.destination };
    case 'CLICK_AND_COLLECT':
    case 'SHIP_TO_STORE':
      if (!target.pickupStore) throw new Error(`${deliveryMethod} needs a pickup store to promise a date`);
      return { location, now, deliveryMethod, pickupStore: target.pickupStore };
  }
}

/** When the order ships and arrives, released at `now`. */
export function promiseDate(input: PromiseDateInput): PromiseDates {
  return plan(input, undefined);
}

/**
 * When a short order ships and arrives: the first day incoming stock covers the units needed
 * (cumulatively, earliest delivery first) becomes the earliest processing day. Undefined when the
 * incoming stock never covers them, so no date can be promised.
 */
export function backorderDate(input: BackorderDateInput): PromiseDates | undefined {
  if (input.quantityNeeded <= 0) return plan(input, undefined);
  const byExpectedDate = [...input.incoming].sort((a, b) => a.expectedAt.localeCompare(b.expectedAt));
  let expectedSoFar = 0;
  for (const delivery of byExpectedDate) {
    expectedSoFar += delivery.quantity;
    if (expectedSoFar >= input.quantityNeeded) {
      return plan(input, {
        date: delivery.expectedAt,
        note:
          `Incoming stock covers the ${count(input.quantityNeeded, 'unit')} short on ${describeDate(delivery.expectedAt)} ` +
          `(${expectedSoFar} expected by then): processing can start that day at the earliest`,
      });
    }
  }
  return undefined;
}

interface StockArrival {
  readonly date: IsoDate;
  readonly note: string;
}

function plan(input: PromiseDateInput, stockArrival: StockArrival | undefined): PromiseDates {
  const calendar = input.calendar ?? defaultCarrierCalendar;
  const transit = input.transit ?? defaultTransitTimes;
  const holidays = input.holidays ?? defaultHolidayCalendar;
  const { location } = input;
  const explanation: string[] = [];

  let earliestStart = releaseDay(location, input.now, explanation);
  if (stockArrival) {
    explanation.push(stockArrival.note);
    earliestStart = laterOf(earliestStart, stockArrival.date);
  }

  const locationDays = workingCalendarOf(location, holidays);
  const pickupStore =
    input.deliveryMethod === 'CLICK_AND_COLLECT' || input.deliveryMethod === 'SHIP_TO_STORE' ? input.pickupStore : undefined;
  // The store is its own source: the order is picked from the shelf, nothing travels.
  const collectsFromStoreStock = pickupStore?.id === location.id;
  const outcome = collectsFromStoreStock ? 'ready for pickup' : 'ships';
  const shipDate = processingEnd(location, locationDays, earliestStart, outcome, explanation);

  switch (input.deliveryMethod) {
    case 'HOME_DELIVERY':
    case 'EXPRESS_DELIVERY': {
      const service: CarrierService = input.deliveryMethod === 'EXPRESS_DELIVERY' ? 'EXPRESS' : 'STANDARD';
      const leg = { from: location, shipDate, to: input.destination, toName: 'the customer', service, calendar, transit };
      const deliveryDate = carry(leg, explanation);
      return { shipDate, deliveryDate, explanation };
    }
    case 'CLICK_AND_COLLECT':
    case 'SHIP_TO_STORE': {
      const store = input.pickupStore;
      if (collectsFromStoreStock) {
        explanation.push(`Collected from ${store.name}'s own stock: no transit`);
        return { shipDate, deliveryDate: shipDate, explanation };
      }
      const journey = input.deliveryMethod === 'CLICK_AND_COLLECT' ? 'Transfer' : 'Parcel';
      const leg = { from: location, shipDate, to: store, toName: store.name, service: 'STANDARD' as const, calendar, transit, journey };
      const arrival = carry(leg, explanation);
      const storeDays = workingCalendarOf(store, holidays);
      const ready = addOpenDays(storeDays, arrival, 1);
      explanation.push(
        `Ready for pickup at ${store.name} the next store working day, ${describeDate(ready.date)}${describeSkipped(ready.skipped)}`,
      );
      return { shipDate, deliveryDate: ready.date, explanation };
    }
  }
}

/** The earliest day processing may start: today before the cut-off, tomorrow from the cut-off on (location time). */
function releaseDay(location: PromiseLocation, now: Date, explanation: string[]): IsoDate {
  const { time: cutoff, timeZone } = location.cutoff;
  const { hours, minutes } = parseTimeOfDay(cutoff);
  const clock = wallClockAt(now, timeZone);
  const released = `Released ${describeDate(clock.date)} ${clock.time} ${timeZone} to ${location.name}`;
  if (clock.secondOfDay < (hours * 60 + minutes) * 60) {
    explanation.push(`${released}, before the ${cutoff} cut-off: processing can start the same day`);
    return clock.date;
  }
  const nextDay = addDays(clock.date, 1);
  explanation.push(`${released}, at or after the ${cutoff} cut-off: processing can start ${describeDate(nextDay)} at the earliest`);
  return nextDay;
}

function workingCalendarOf(location: PromiseLocation, holidays: HolidayCalendar): BusinessCalendar {
  return businessCalendar(location.name, location.workingDays, holidaysIn(holidays, location.country));
}

/** Processing starts on the first working day from the earliest start and takes processingDays working days more. */
function processingEnd(
  location: PromiseLocation,
  workingDays: BusinessCalendar,
  earliestStart: IsoDate,
  outcome: string,
  explanation: string[],
): IsoDate {
  const start = firstOpenDayFrom(workingDays, earliestStart);
  if (start.date !== earliestStart) {
    explanation.push(
      `Processing starts ${describeDate(start.date)}, the next working day at ${location.name}${describeSkipped(start.skipped)}`,
    );
  }
  const { processingDays } = location;
  const end = addOpenDays(workingDays, start.date, processingDays);
  const done = `${outcome} ${describeDate(end.date)}`;
  explanation.push(
    processingDays === 0
      ? `No processing days at ${location.name}: ${done}, the day processing starts`
      : `${count(processingDays, 'processing day')} at ${location.name}: ${done}${describeSkipped(end.skipped)}`,
  );
  return end.date;
}

interface Leg {
  readonly from: PromiseLocation;
  readonly shipDate: IsoDate;
  readonly to: Destination;
  readonly toName: string;
  readonly service: CarrierService;
  readonly calendar: CarrierCalendar;
  readonly transit: TransitTimes;
  readonly journey?: string;
}

/**
 * The day the carrier delivers. The parcel is taken to be handed over at the location's cut-off, so
 * transit starts on that instant's date in the carrier's zone, never before the ship date. Transit
 * days are the carrier's delivery days in the destination country; zero transit days delivers on
 * the first delivery day from there.
 */
function carry(leg: Leg, explanation: string[]): IsoDate {
  const { from, shipDate, calendar } = leg;
  const kilometres = distanceKm(from.coordinates, leg.to.coordinates);
  const band = transitBandFor(kilometres, leg.transit[leg.service]);
  const handOver = instantAtWallClock(shipDate, from.cutoff.time, from.cutoff.timeZone);
  const transitStart = laterOf(shipDate, wallClockAt(handOver, calendar.timeZone).date);
  if (transitStart !== shipDate) {
    explanation.push(
      `Handed to ${calendar.name} at the ${from.cutoff.time} cut-off, already ${describeDate(transitStart)} in ${calendar.timeZone}`,
    );
  }
  const destinationHolidays = holidaysIn(calendar.holidays, leg.to.country);
  const deliveryDays = businessCalendar(calendar.name, calendar.deliveryDays, destinationHolidays);
  const arrival =
    band.businessDays === 0
      ? firstOpenDayFrom(deliveryDays, transitStart)
      : addOpenDays(deliveryDays, transitStart, band.businessDays);
  const journey = leg.journey ? `${leg.journey} to ${leg.toName}` : `${leg.service} delivery to ${leg.toName}`;
  const reach = Number.isFinite(band.maxKm) ? `up to ${band.maxKm} km` : 'beyond the shorter bands';
  const days = `${count(band.businessDays, 'delivery day')} of ${calendar.name}`;
  const arrives = `arrives ${describeDate(arrival.date)}${describeSkipped(arrival.skipped)}`;
  explanation.push(`${journey}: ${kilometres.toFixed(1)} km (${reach}) takes ${days}: ${arrives}`);
  return arrival.date;
}

const count = (amount: number, noun: string) => `${amount} ${noun}${amount === 1 ? '' : 's'}`;

/** Available-to-promise dates: ship, delivery and pickup dates, and backorder dates from incoming stock. */
export { addDays, instantAtWallClock, isoWeekdayOf, type IsoDate, type IsoWeekday } from './calendar-date';
export {
  carrierServices,
  defaultCarrierCalendar,
  defaultTransitTimes,
  mondayToFriday,
  transitBandFor,
  type CarrierCalendar,
  type CarrierService,
  type TransitBand,
  type TransitTimes,
} from './carrier';
/** Transit bands are keyed on the same great-circle distance that sourcing costs. */
export { greatCircleDistanceKm as distanceKm } from '../great-circle-distance';
export { defaultHolidayCalendar, germanPublicHolidays, holidaysIn, type HolidayCalendar } from './holidays';
export {
  backorderDate,
  promiseDate,
  promiseInputFor,
  type AddressDeliveryMethod,
  type BackorderDateInput,
  type DeliveryTarget,
  type Destination,
  type IncomingStock,
  type PromiseDateInput,
  type PromiseDates,
  type PromiseLocation,
  type StoreDeliveryMethod,
} from './promise-date';

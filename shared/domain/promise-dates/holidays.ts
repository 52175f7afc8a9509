import type { IsoDate } from './calendar-date';

/**
 * Days nobody works or delivers, as calendar dates. `global` applies everywhere (e.g. a carrier's own
 * shutdown days); `byCountry` is keyed by ISO 3166-1 alpha-2 code and applies in that country only.
 */
export interface HolidayCalendar {
  readonly global?: readonly IsoDate[];
  readonly byCountry?: Readonly<Record<string, readonly IsoDate[]>>;
}

/**
 * Germany's nationwide public holidays for 2026 and 2027. Regional ones (Epiphany, Corpus Christi,
 * Reformation Day, …) differ per federal state and are left out; add them per location's needs.
 * 24 and 31 December are not public holidays, so they are working days unless configured otherwise.
 */
export const germanPublicHolidays: readonly IsoDate[] = [
  '2026-01-01', // New Year's Day
  '2026-04-03', // Good Friday (Easter Sunday is 5 April 2026)
  '2026-04-06', // Easter Monday
  '2026-05-01', // Labour Day
  '2026-05-14', // Ascension Day
  '2026-05-25', // Whit Monday
  '2026-10-03', // Day of German Unity (a Saturday)
  '2026-12-25', // Christmas Day (a Friday)
  '2026-12-26', // Second Day of Christmas (a Saturday)
  '2027-01-01', // New Year's Day
  '2027-03-26', // Good Friday (Easter Sunday is 28 March 2027)
  '2027-03-29', // Easter Monday
  '2027-05-01', // Labour Day (a Saturday)
  '2027-05-06', // Ascension Day
  '2027-05-17', // Whit Monday
  '2027-10-03', // Day of German Unity (a Sunday)
  '2027-12-25', // Christmas Day (a Saturday)
  '2027-12-26', // Second Day of Christmas (a Sunday)
];

export const defaultHolidayCalendar: HolidayCalendar = { byCountry: { DE: germanPublicHolidays } };

/** The holidays that apply in the country: the global ones and the country's own. */
export function holidaysIn(calendar: HolidayCalendar, country: string): ReadonlySet<IsoDate> {
  return new Set([...(calendar.global ?? []), ...(calendar.byCountry?.[country] ?? [])]);
}

/**
 * Time in analytics: counters are kept per UTC hour and per UTC day (the sum of its 24 hours), and a
 * report rolls them up to the days of the time zone it is asked for.
 *
 * Rule: an hour counts towards the local date (in the report's IANA zone) of the instant it starts.
 * For every zone whose offset is a whole number of hours (UTC, all of Europe and the Americas, most of
 * Asia) that is exact, daylight saving time included (a local day then has 23 or 25 hours). In zones
 * offset by :30 or :45 (India, Nepal, parts of Australia) a day's edges are off by that much: the
 * half hour before local midnight counts towards the next day. Hourly counters are the price of
 * answering in any zone without keeping a copy per zone.
 *
 * A local day is read as the UTC day it overlaps most, less the hours of that UTC day that belong to
 * another local day, plus its own hours of the neighbouring UTC day (Berlin in winter: the UTC day,
 * less its 23:00 hour, plus the 23:00 hour of the day before). Counters are whole numbers, so the
 * difference is exact: the same figures as adding up the local day's hours, from a day item and a
 * few hours instead of 24 hours.
 */
import { utcOffsetMs } from '../time-zones';

/** `2025-03-01T10` for any instant in 10:00–10:59 UTC on that day; sorts as time does. */
export const hourOf = (instant: string | number | Date): string => new Date(instant).toISOString().slice(0, 13);

/** The UTC day (`YYYY-MM-DD`) of an hour (`YYYY-MM-DDTHH`). */
export const dayOf = (hour: string): string => hour.slice(0, 10);

const hoursOfDay = (day: string): string[] => Array.from({ length: 24 }, (_, hour) => `${day}T${String(hour).padStart(2, '0')}`);

const hourMs = 3_600_000;

export { isTimeZone, localDateOf } from '../time-zones';

/** Days from one YYYY-MM-DD to another, both included (1 when they are equal). */
export const daysBetween = (from: string, to: string): number => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;

export interface LocalDayHours {
  /** The UTC hours to read, first and last included. */
  readonly firstHour: string;
  readonly lastHour: string;
  /** The local date each UTC hour in the range counts towards. */
  readonly dayOfHour: ReadonlyMap<string, string>;
  /** Every local date from `from` to `to`, in order. */
  readonly days: readonly string[];
}

/**
 * The UTC hours whose start falls on a local date from `from` to `to` (both included) in `timeZone`.
 * A zone's offset is asked at both ends of each 24 hours and taken as constant between when they agree
 * (no zone changes its offset and back within a day); where they differ, it is asked for every hour,
 * so a day of a clock change (even one back across midnight, as in Chile) is exact. Far fewer Intl
 * calls than one per hour: a year's report asks ~800, not ~9,000.
 */
export function localDayHours(from: string, to: string, timeZone: string): LocalDayHours {
  // Offsets lie within -12 h..+14 h: a day and a half of margin on both sides covers every zone.
  const start = Date.parse(`${from}T00:00:00Z`) - 36 * hourMs;
  const end = Date.parse(`${to}T00:00:00Z`) + 60 * hourMs;
  const dayOfHour = new Map<string, string>();
  const dateOfDayNumber = new Map<number, string>();
  for (let windowStart = start; windowStart < end; windowStart += 24 * hourMs) {
    const first = utcOffsetMs(windowStart, timeZone);
    const constant = first === utcOffsetMs(windowStart + 23 * hourMs, timeZone);
    for (let instant = windowStart; instant < Math.min(end, windowStart + 24 * hourMs); instant += hourMs) {
      const dayNumber = Math.floor((instant + (constant ? first : utcOffsetMs(instant, timeZone))) / 86_400_000);
      let day = dateOfDayNumber.get(dayNumber);
      if (day === undefined) {
        day = new Date(dayNumber * 86_400_000).toISOString().slice(0, 10);
        dateOfDayNumber.set(dayNumber, day);
      }
      if (day >= from && day <= to) dayOfHour.set(hourOf(instant), day);
    }
  }
  const hours = [...dayOfHour.keys()];
  const days: string[] = [];
  for (let day = Date.parse(`${from}T00:00:00Z`); day <= Date.parse(`${to}T00:00:00Z`); day += 86_400_000) days.push(new Date(day).toISOString().slice(0, 10));
  return { firstHour: hours[0] ?? hourOf(start), lastHour: hours.at(-1) ?? hourOf(start), dayOfHour, days };
}

/** A bucket's counters, added (+1) or taken away (−1). */
export interface BucketTerm {
  /** A UTC day (`YYYY-MM-DD`, a rollup) or a UTC hour (`YYYY-MM-DDTHH`). */
  readonly bucket: string;
  readonly sign: 1 | -1;
}

/** What a report reads, and how the local days are made of it. */
export interface CountingPlan {
  /** The UTC days read as day rollups. */
  readonly days: readonly string[];
  /** The UTC hours read one by one. */
  readonly hours: readonly string[];
  /** Local date → the buckets whose signed sum are its counters. */
  readonly termsOfDay: ReadonlyMap<string, readonly BucketTerm[]>;
}

/**
 * A UTC day stands in for a local day when it shares more than half of its hours with it: then the
 * day item and the hours that differ (at most 11 on each side) are fewer reads than the local day's
 * own hours. Where local days split 12/12 across UTC days (zones 12 hours from UTC, such as Fiji),
 * they are read as hours.
 */
const minSharedHours = 13;

/**
 * The plan for the local days of `hours`: for each, the UTC day it shares most hours with (if more
 * than half), less that day's other hours, plus the local day's hours outside it; otherwise its hours.
 * `dayRollups: false` reads hours only: the plain computation the rollups must equal.
 */
export function countingPlan(hours: LocalDayHours, { dayRollups = true }: { dayRollups?: boolean } = {}): CountingPlan {
  const hoursOfLocalDay = new Map<string, string[]>();
  for (const [hour, date] of hours.dayOfHour) {
    const own = hoursOfLocalDay.get(date) ?? [];
    own.push(hour);
    hoursOfLocalDay.set(date, own);
  }
  const days = new Set<string>();
  const read = new Set<string>();
  const termsOfDay = new Map<string, BucketTerm[]>();
  for (const [date, own] of hoursOfLocalDay) {
    const shared = new Map<string, number>();
    for (const hour of own) shared.set(dayOf(hour), (shared.get(dayOf(hour)) ?? 0) + 1);
    const [utcDay] = [...shared].find(([, count]) => count >= minSharedHours) ?? [];
    const terms: BucketTerm[] = [];
    const addHour = (hour: string, sign: 1 | -1) => {
      read.add(hour);
      terms.push({ bucket: hour, sign });
    };
    if (dayRollups && utcDay !== undefined) {
      const mine = new Set(own);
      days.add(utcDay);
      terms.push({ bucket: utcDay, sign: 1 });
      for (const hour of hoursOfDay(utcDay)) if (!mine.has(hour)) addHour(hour, -1);
      for (const hour of own) if (dayOf(hour) !== utcDay) addHour(hour, 1);
    } else {
      for (const hour of own) addHour(hour, 1);
    }
    termsOfDay.set(date, terms);
  }
  return { days: [...days].sort(), hours: [...read].sort(), termsOfDay };
}

/**
 * Calendar dates (YYYY-MM-DD) and wall-clock time in IANA time zones. Promise dates are days, not
 * instants: a day is always a date in some place's own zone, so arithmetic here never touches UTC
 * offsets except when converting an instant to (or from) a wall clock with Intl.
 */
import { utcOffsetMs } from '../time-zones';

/** A calendar date, YYYY-MM-DD, in the zone of whoever it belongs to (location, store, carrier). */
export type IsoDate = string;

/** ISO weekday numbering: 1 = Monday … 7 = Sunday. */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

const millisecondsPerDay = 86_400_000;
const weekdayNames = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;

function parseIsoDate(date: IsoDate): { year: number; month: number; day: number } {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) throw new RangeError(`${date} is not a calendar date in the form YYYY-MM-DD`);
  return { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
}

/** Noon UTC of the date: any whole-day step from there stays on the intended date. */
function utcNoonOf(date: IsoDate): number {
  const { year, month, day } = parseIsoDate(date);
  return Date.UTC(year, month - 1, day, 12);
}

function isoDateOfUtc(milliseconds: number): IsoDate {
  return new Date(milliseconds).toISOString().slice(0, 10);
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return isoDateOfUtc(utcNoonOf(date) + days * millisecondsPerDay);
}

export function isoWeekdayOf(date: IsoDate): IsoWeekday {
  const sundayIsZero = new Date(utcNoonOf(date)).getUTCDay();
  return (sundayIsZero === 0 ? 7 : sundayIsZero) as IsoWeekday;
}

/** "Fri 2026-12-25": explanations read better with the weekday spelled out. */
export function describeDate(date: IsoDate): string {
  return `${weekdayNames[isoWeekdayOf(date) - 1]} ${date}`;
}

/** ISO dates sort as strings, so the later one is the larger string. */
export function laterOf(a: IsoDate, b: IsoDate): IsoDate {
  return a >= b ? a : b;
}

export interface WallClock {
  readonly date: IsoDate;
  /** Seconds since local midnight. */
  readonly secondOfDay: number;
  /** HH:MM, for explanations. */
  readonly time: string;
}

const wallClockFormats = new Map<string, Intl.DateTimeFormat>();

function wallClockFormatFor(timeZone: string): Intl.DateTimeFormat {
  let format = wallClockFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      // h23 so midnight is 00, never 24.
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    wallClockFormats.set(timeZone, format);
  }
  return format;
}

function wallClockParts(instant: number, timeZone: string) {
  const parts = Object.fromEntries(
    wallClockFormatFor(timeZone)
      .formatToParts(instant)
      .map((part) => [part.type, part.value]),
  );
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
  };
}

/** What a clock on the wall in the time zone shows at the instant. */
export function wallClockAt(instant: Date, timeZone: string): WallClock {
  const { year, month, day, hour, minute, second } = wallClockParts(instant.getTime(), timeZone);
  const pad = (value: number) => String(value).padStart(2, '0');
  return {
    date: `${String(year).padStart(4, '0')}-${pad(month)}-${pad(day)}`,
    secondOfDay: hour * 3600 + minute * 60 + second,
    time: `${pad(hour)}:${pad(minute)}`,
  };
}

/**
 * The instant a wall clock in the zone shows the date and time (HH:MM). The offset is looked up
 * twice because the offset at the naive guess may be the other side of a DST change; a time that
 * does not exist (skipped by spring-forward) lands on the equivalent instant after the gap.
 */
export function instantAtWallClock(date: IsoDate, time: string, timeZone: string): Date {
  const { year, month, day } = parseIsoDate(date);
  const { hours, minutes } = parseTimeOfDay(time);
  const wallClockAsUtc = Date.UTC(year, month - 1, day, hours, minutes);
  const firstGuess = wallClockAsUtc - utcOffsetMs(wallClockAsUtc, timeZone);
  return new Date(wallClockAsUtc - utcOffsetMs(firstGuess, timeZone));
}

export function parseTimeOfDay(time: string): { hours: number; minutes: number } {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(time);
  if (!match) throw new RangeError(`${time} is not a time of day in the form HH:MM (24 h)`);
  return { hours: Number(match[1]), minutes: Number(match[2]) };
}

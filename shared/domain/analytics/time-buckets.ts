/**
 * Time in analytics: counters are kept per UTC hour, and a report rolls hours up to the days of the
 * time zone it is asked for.
 *
 * Rule: an hour counts towards the local date (in the report's IANA zone) of the instant it starts.
 * For every zone whose offset is a whole number of hours (UTC, all of Europe and the Americas, most of
 * Asia) that is exact, daylight saving time included (a local day then has 23 or 25 hours). In zones
 * offset by :30 or :45 (India, Nepal, parts of Australia) a day's edges are off by that much: the
 * half hour before local midnight counts towards the next day. Hourly counters are the price of
 * answering in any zone without keeping a copy per zone.
 */

/** `2025-03-01T10` for any instant in 10:00–10:59 UTC on that day; sorts as time does. */
export const hourOf = (instant: string | number | Date): string => new Date(instant).toISOString().slice(0, 13);

const hourMs = 3_600_000;

const dateFormats = new Map<string, Intl.DateTimeFormat>();
function dateFormat(timeZone: string): Intl.DateTimeFormat {
  let format = dateFormats.get(timeZone);
  if (!format) {
    // en-CA writes dates as YYYY-MM-DD.
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dateFormats.set(timeZone, format);
  }
  return format;
}

export function isTimeZone(timeZone: string): boolean {
  try {
    dateFormat(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The date (YYYY-MM-DD) in `timeZone` at an instant. */
export const localDateOf = (instantMs: number, timeZone: string): string => dateFormat(timeZone).format(instantMs);

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

/** The UTC hours whose start falls on a local date from `from` to `to` (both included) in `timeZone`. */
export function localDayHours(from: string, to: string, timeZone: string): LocalDayHours {
  // Offsets lie within -12 h..+14 h: a day and a half of margin on both sides covers every zone.
  const start = Date.parse(`${from}T00:00:00Z`) - 36 * hourMs;
  const end = Date.parse(`${to}T00:00:00Z`) + 60 * hourMs;
  const dayOfHour = new Map<string, string>();
  for (let instant = start; instant < end; instant += hourMs) {
    const day = localDateOf(instant, timeZone);
    if (day >= from && day <= to) dayOfHour.set(hourOf(instant), day);
  }
  const hours = [...dayOfHour.keys()];
  const days: string[] = [];
  for (let day = Date.parse(`${from}T00:00:00Z`); day <= Date.parse(`${to}T00:00:00Z`); day += 86_400_000) days.push(new Date(day).toISOString().slice(0, 10));
  return { firstHour: hours[0] ?? hourOf(start), lastHour: hours.at(-1) ?? hourOf(start), dayOfHour, days };
}

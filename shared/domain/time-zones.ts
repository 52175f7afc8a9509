/**
 * IANA time zones, through Intl: whether a name is one, a zone's offset from UTC at an instant, and
 * the local date there. The formats are kept per zone (building one is the expensive part), so
 * promise dates and analytics reports, which ask often, ask cheaply.
 */

const dateFormats = new Map<string, Intl.DateTimeFormat>();
const offsetFormats = new Map<string, Intl.DateTimeFormat>();

function dateFormat(timeZone: string): Intl.DateTimeFormat {
  let format = dateFormats.get(timeZone);
  if (!format) {
    // en-CA writes dates as YYYY-MM-DD.
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dateFormats.set(timeZone, format);
  }
  return format;
}

/** Whether `timeZone` names an IANA time zone (Europe/Berlin, UTC, ...). */
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

/** How far the zone's wall clock is ahead of UTC at an instant, in ms (`GMT+05:30` → 19,800,000). */
export function utcOffsetMs(instantMs: number, timeZone: string): number {
  let format = offsetFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' });
    offsetFormats.set(timeZone, format);
  }
  const name = format.formatToParts(instantMs).find((part) => part.type === 'timeZoneName')?.value ?? 'GMT';
  // `GMT` at UTC; seconds only in local mean time before 1900 or so.
  const [, sign, hours = '0', minutes = '0', seconds = '0'] = /^GMT(?:([+-])(\d{1,2})(?::(\d{2}))?(?::(\d{2}))?)?$/.exec(name) ?? [];
  return (sign === '-' ? -1 : 1) * ((Number(hours) * 60 + Number(minutes)) * 60 + Number(seconds)) * 1000;
}

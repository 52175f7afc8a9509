/**
 * Platform timestamps as ISO-8601 instants (UTC): Shopify writes ISO-8601 with an offset,
 * BigCommerce RFC-2822 ("Tue, 20 Nov 2012 00:00:00 +0000"), WooCommerce a zone-less GMT time in
 * its *_gmt fields. Parsed strictly by their grammar rather than with Date.parse, whose accepted
 * formats are implementation-defined.
 */

const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const weekdays = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

const rfc2822 = new RegExp(
  `^(?:(${weekdays.join('|')}),\\s*)?(\\d{1,2})\\s+(${months.join('|')})\\s+(\\d{4})\\s+(\\d{2}):(\\d{2})(?::(\\d{2}))?\\s+([+-]\\d{4}|UT|GMT|Z)$`,
);
const isoWithOffset = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;
const isoZoneless = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})$/;

/** The instant of a wall-clock time at `offsetMinutes` east of UTC, or undefined when no such time exists (31 Feb, 25:00). */
function instant(year: number, month: number, day: number, hour: number, minute: number, second: number, offsetMinutes: number): Date | undefined {
  if (month < 0 || month > 11 || hour > 23 || minute > 59 || second > 59) return undefined;
  const wallClock = new Date(Date.UTC(year, month, day, hour, minute, second));
  if (wallClock.getUTCDate() !== day || wallClock.getUTCMonth() !== month) return undefined;
  return new Date(wallClock.getTime() - offsetMinutes * 60_000);
}

const offsetMinutesOf = (zone: string): number => {
  if (zone === 'Z' || zone === 'UT' || zone === 'GMT') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.replace(/[+:-]/g, '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4)));
};

/** An RFC-2822 date-time as an ISO-8601 instant, or undefined when it is not one (or names the wrong weekday). */
export function isoFromRfc2822(value: string): string | undefined {
  const match = rfc2822.exec(value.trim());
  if (!match) return undefined;
  const [, weekday, day, month, year, hour, minute, second = '0', zone = 'Z'] = match;
  const date = instant(Number(year), months.indexOf(month ?? ''), Number(day), Number(hour), Number(minute), Number(second), offsetMinutesOf(zone));
  if (!date) return undefined;
  // The weekday is of the local date as written, so check it before converting to UTC.
  const localDate = new Date(Date.UTC(Number(year), months.indexOf(month ?? ''), Number(day)));
  if (weekday !== undefined && weekdays[localDate.getUTCDay()] !== weekday) return undefined;
  return date.toISOString();
}

/** An ISO-8601 date-time with Z or an offset ("2019-06-04T13:53:06-04:00") as a UTC instant. */
export function isoFromIsoWithOffset(value: string): string | undefined {
  const match = isoWithOffset.exec(value.trim());
  if (!match) return undefined;
  const [, year, month, day, hour, minute, second, fraction = '', zone = 'Z'] = match;
  const date = instant(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second), offsetMinutesOf(zone));
  return date && new Date(date.getTime() + Math.floor(Number(`0${fraction || '.0'}`) * 1000)).toISOString();
}

/** A zone-less date-time that the platform documents as GMT (WooCommerce's date_created_gmt). */
export function isoFromZonelessUtc(value: string): string | undefined {
  const match = isoZoneless.exec(value.trim());
  if (!match) return undefined;
  const [, year, month, day, hour, minute, second] = match;
  return instant(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second), 0)?.toISOString();
}

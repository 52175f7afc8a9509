/** Formatting for people: money in minor units, instants, durations. Pure functions (unit-tested). */

export interface Money {
  readonly amount: number;
  readonly currency: string;
}

/** Digits after the decimal point of a currency (EUR 2, JPY 0, BHD 3), as Intl knows them. */
export function minorDigits(currency: string): number {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

/** `{ amount: 3998, currency: 'EUR' }` → `€39.98` (in the given locale). */
export function formatMoney(money: Money | undefined, locale?: string): string {
  if (!money) return '—';
  const digits = minorDigits(money.currency);
  const major = money.amount / 10 ** digits;
  try {
    return new Intl.NumberFormat(locale, { style: 'currency', currency: money.currency, minimumFractionDigits: digits, maximumFractionDigits: digits }).format(major);
  } catch {
    return `${major.toFixed(digits)} ${money.currency}`;
  }
}

/** Minor units to major units, for charts. */
export const toMajor = (amount: number, currency: string) => amount / 10 ** minorDigits(currency);

export function formatInstant(iso: string | undefined, locale?: string): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString(locale, { year: 'numeric', month: 'short', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

/** 0 → `0 s`, 75 → `1 min 15 s`, 7260 → `2 h 1 min`, 200000 → `2 d 7 h`. */
export function formatDuration(totalSeconds: number | undefined | null): string {
  if (totalSeconds === undefined || totalSeconds === null || !Number.isFinite(totalSeconds)) return '—';
  const seconds = Math.max(0, Math.round(totalSeconds));
  const days = Math.floor(seconds / 86_400);
  const hours = Math.floor((seconds % 86_400) / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const rest = seconds % 60;
  if (days > 0) return `${days} d${hours ? ` ${hours} h` : ''}`;
  if (hours > 0) return `${hours} h${minutes ? ` ${minutes} min` : ''}`;
  if (minutes > 0) return `${minutes} min${rest ? ` ${rest} s` : ''}`;
  return `${rest} s`;
}

/** A share from 0 to 1 as a percentage, or — when there is nothing to divide by. */
export const formatRate = (rate: number | null | undefined) => (rate === null || rate === undefined ? '—' : `${(rate * 100).toFixed(1)} %`);

/** YYYY-MM-DD of a date in the local time zone (for date inputs). */
export function localDate(date: Date): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** The instant a local day starts, as ISO 8601 (for placedFrom / placedTo). */
export function startOfLocalDay(day: string, plusDays = 0): string {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return new Date(year, month - 1, date + plusDays).toISOString();
}

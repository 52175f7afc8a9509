import { addDays, describeDate, isoWeekdayOf, type IsoDate, type IsoWeekday } from './calendar-date';

/** Someone's open days (a location's working days, a carrier's delivery days) minus holidays. */
export interface BusinessCalendar {
  /** Who the calendar belongs to, for explanations. */
  readonly owner: string;
  readonly openWeekdays: readonly IsoWeekday[];
  readonly holidays: ReadonlySet<IsoDate>;
}

/** A day passed over and why, so explanations can say what pushed the date out. */
export interface SkippedDay {
  readonly date: IsoDate;
  readonly reason: 'holiday' | 'closed';
}

export interface OpenDay {
  readonly date: IsoDate;
  readonly skipped: SkippedDay[];
}

/** Ten years without an open day can only be a configuration error, never a real calendar. */
const maxDaysSearched = 3660;

export function businessCalendar(
  owner: string,
  openWeekdays: readonly number[],
  holidays: ReadonlySet<IsoDate>,
): BusinessCalendar {
  const isIsoWeekday = (day: number): day is IsoWeekday => Number.isInteger(day) && day >= 1 && day <= 7;
  if (openWeekdays.length === 0 || !openWeekdays.every(isIsoWeekday)) {
    throw new RangeError(`${owner} needs at least one open weekday, each 1 (Monday) … 7 (Sunday); got [${openWeekdays.join(', ')}]`);
  }
  return { owner, openWeekdays: openWeekdays.filter(isIsoWeekday), holidays };
}

function closedReason(calendar: BusinessCalendar, date: IsoDate): SkippedDay['reason'] | undefined {
  if (calendar.holidays.has(date)) return 'holiday';
  if (!calendar.openWeekdays.includes(isoWeekdayOf(date))) return 'closed';
  return undefined;
}

/** The first open day on or after the date, with every closed day passed over. */
export function firstOpenDayFrom(calendar: BusinessCalendar, date: IsoDate): OpenDay {
  const skipped: SkippedDay[] = [];
  let day = date;
  for (let searched = 0; searched < maxDaysSearched; searched += 1) {
    const reason = closedReason(calendar, day);
    if (reason === undefined) return { date: day, skipped };
    skipped.push({ date: day, reason });
    day = addDays(day, 1);
  }
  throw new RangeError(`${calendar.owner} has no open day within ${maxDaysSearched} days of ${date}`);
}

/** The open day that is `count` open days after the date (the date itself never counts). */
export function addOpenDays(calendar: BusinessCalendar, date: IsoDate, count: number): OpenDay {
  const skipped: SkippedDay[] = [];
  let day = date;
  for (let counted = 0; counted < count; counted += 1) {
    const next = firstOpenDayFrom(calendar, addDays(day, 1));
    skipped.push(...next.skipped);
    day = next.date;
  }
  return { date: day, skipped };
}

/** ", skipping Fri 2026-12-25 (holiday), Sun 2026-12-27 (closed)"; empty when nothing was skipped. */
export function describeSkipped(skipped: readonly SkippedDay[]): string {
  if (skipped.length === 0) return '';
  const days = skipped.map((day) => `${describeDate(day.date)} (${day.reason})`);
  return `, skipping ${days.join(', ')}`;
}

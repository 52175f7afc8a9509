/**
 * How a report reads local days: the UTC day that shares most hours with each, corrected by the hours
 * that differ, or hours alone when no UTC day shares more than half.
 */
import { describe, expect, it } from 'vitest';
import { countingPlan, localDateOf, localDayHours } from '../../../shared/domain/analytics/time-buckets';

const planOf = (from: string, to: string, timeZone: string) => countingPlan(localDayHours(from, to, timeZone));
const hoursFrom = (day: string, first: number, last: number) => Array.from({ length: last - first + 1 }, (_, index) => `${day}T${String(first + index).padStart(2, '0')}`);

describe('localDayHours', () => {
  it.each([
    ['America/Santiago', '2024-01-01', '2025-12-31'], // falls back across midnight: a date comes back
    ['Australia/Lord_Howe', '2024-01-01', '2025-12-31'], // 30-minute daylight saving
    ['Pacific/Apia', '2011-12-20', '2012-01-10'], // skipped 30 December 2011
    ['Africa/Casablanca', '2024-01-01', '2025-12-31'], // daylight saving suspended for Ramadan
    ['Antarctica/Troll', '2024-01-01', '2025-12-31'], // +00 ↔ +02
    ['Pacific/Chatham', '2024-01-01', '2025-12-31'], // +12:45 / +13:45
    ['Europe/Dublin', '2024-01-01', '2025-12-31'],
  ])('gives each hour the local date of its start that Intl gives, in %s', (timeZone, from, to) => {
    // Prepare: the plain way, one Intl call per hour
    const expected = new Map<string, string>();
    for (let instant = Date.parse(`${from}T00:00:00Z`) - 36 * 3_600_000; instant < Date.parse(`${to}T00:00:00Z`) + 60 * 3_600_000; instant += 3_600_000) {
      const date = localDateOf(instant, timeZone);
      if (date >= from && date <= to) expected.set(new Date(instant).toISOString().slice(0, 13), date);
    }

    // Act
    const { dayOfHour } = localDayHours(from, to, timeZone);

    // Assess
    expect(dayOfHour).toEqual(expected);
  });
});

describe('countingPlan', () => {
  it('reads a UTC report from day rollups alone', () => {
    // Act
    const plan = planOf('2025-03-01', '2025-03-03', 'UTC');

    // Assess
    expect(plan).toEqual({
      days: ['2025-03-01', '2025-03-02', '2025-03-03'],
      hours: [],
      termsOfDay: new Map(['2025-03-01', '2025-03-02', '2025-03-03'].map((day) => [day, [{ bucket: day, sign: 1 }]])),
    });
  });

  it('reads a Berlin winter day as its UTC day, less its 23:00 hour, plus the 23:00 hour of the day before', () => {
    // Act
    const plan = planOf('2025-01-15', '2025-01-15', 'Europe/Berlin');

    // Assess
    expect(plan.termsOfDay.get('2025-01-15')).toEqual([
      { bucket: '2025-01-15', sign: 1 },
      { bucket: '2025-01-15T23', sign: -1 },
      { bucket: '2025-01-14T23', sign: 1 },
    ]);
    expect(plan.hours).toEqual(['2025-01-14T23', '2025-01-15T23']);
  });

  it('reads the 23-hour day of the spring change in Berlin with one hour less on its far side', () => {
    // Act: 30 March 2025 runs from 23:00 UTC the day before to 22:00 UTC
    const terms = planOf('2025-03-30', '2025-03-30', 'Europe/Berlin').termsOfDay.get('2025-03-30');

    // Assess
    expect(terms).toEqual([
      { bucket: '2025-03-30', sign: 1 },
      { bucket: '2025-03-30T22', sign: -1 },
      { bucket: '2025-03-30T23', sign: -1 },
      { bucket: '2025-03-29T23', sign: 1 },
    ]);
  });

  it('reads a Kolkata day (+05:30) by the hours that start on it: the UTC day less 19:00–23:00, plus those of the day before', () => {
    // Act
    const terms = planOf('2025-06-10', '2025-06-10', 'Asia/Kolkata').termsOfDay.get('2025-06-10');

    // Assess
    expect(terms).toEqual([
      { bucket: '2025-06-10', sign: 1 },
      ...hoursFrom('2025-06-10', 19, 23).map((bucket) => ({ bucket, sign: -1 })),
      ...hoursFrom('2025-06-09', 19, 23).map((bucket) => ({ bucket, sign: 1 })),
    ]);
  });

  it('reads hours only where local days split 12/12 across UTC days (Fiji, +12:00)', () => {
    // Act
    const plan = planOf('2025-06-10', '2025-06-11', 'Pacific/Fiji');

    // Assess
    expect(plan.days).toEqual([]);
    expect(plan.hours).toHaveLength(48);
  });

  it('shares the correcting hours between neighbouring days: a year in Berlin reads 365 days and 576 hours, not 8,760 hours', () => {
    // Act
    const plan = planOf('2025-11-23', '2026-11-22', 'Europe/Berlin');

    // Assess
    expect(plan.days).toHaveLength(365);
    expect(plan.hours).toHaveLength(576);
  });
});

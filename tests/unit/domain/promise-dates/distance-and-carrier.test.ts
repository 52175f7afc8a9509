import { describe, expect, it } from 'vitest';
import {
  defaultCarrierCalendar,
  defaultTransitTimes,
  distanceKm,
  germanPublicHolidays,
  holidaysIn,
  isoWeekdayOf,
  promiseDate,
  transitBandFor,
} from '../../../../shared/domain/promise-dates';
import { at, berlinCustomer, hamburgDc } from './fixtures';

describe('distanceKm', () => {
  it('measures the great-circle distance between Hamburg and Berlin as about 255 km', () => {
    // Prepare
    const hamburg = { lat: 53.5511, lon: 9.9937 };
    const berlin = { lat: 52.52, lon: 13.405 };

    // Act
    const there = distanceKm(hamburg, berlin);
    const back = distanceKm(berlin, hamburg);

    // Assess
    expect(there).toBeCloseTo(255.3, 0);
    expect(back).toBe(there);
  });

  it('is zero for the same point and half the circumference for antipodes', () => {
    // Prepare
    const point = { lat: 10, lon: 20 };

    // Act
    const same = distanceKm(point, point);
    const antipodal = distanceKm({ lat: 0, lon: 0 }, { lat: 0, lon: 180 });

    // Assess
    expect(same).toBe(0);
    expect(antipodal).toBeCloseTo(Math.PI * 6371.0088, 6);
  });
});

describe('transitBandFor', () => {
  it.each([
    { kilometres: 0, businessDays: 1 },
    { kilometres: 50, businessDays: 1 },
    { kilometres: 50.001, businessDays: 2 },
    { kilometres: 300, businessDays: 2 },
    { kilometres: 300.001, businessDays: 3 },
    { kilometres: 800, businessDays: 3 },
    { kilometres: 800.001, businessDays: 5 },
    { kilometres: 20_000, businessDays: 5 },
  ])('gives $businessDays standard days for $kilometres km: a band’s maxKm is inclusive', ({ kilometres, businessDays }) => {
    // Act
    const band = transitBandFor(kilometres, defaultTransitTimes.STANDARD);

    // Assess
    expect(band.businessDays).toBe(businessDays);
  });

  it('picks the shortest covering band whatever order the bands are configured in', () => {
    // Prepare
    const unsorted = [
      { maxKm: Infinity, businessDays: 4 },
      { maxKm: 100, businessDays: 1 },
      { maxKm: 500, businessDays: 2 },
    ];

    // Act
    const band = transitBandFor(250, unsorted);

    // Assess
    expect(band).toEqual({ maxKm: 500, businessDays: 2 });
  });

  it('refuses a distance no band covers, since that is a configuration gap', () => {
    // Prepare
    const capped = [{ maxKm: 100, businessDays: 1 }];

    // Act
    const pick = () => transitBandFor(150, capped);

    // Assess
    expect(pick).toThrow(/no transit band covers 150.0 km/);
  });
});

describe('defaults', () => {
  it('lists Germany’s nationwide 2026 and 2027 public holidays on the right dates', () => {
    // Act
    const holidays = [...germanPublicHolidays];

    // Assess: Easter Sunday is 5 April 2026 and 28 March 2027
    expect(holidays).toEqual([
      '2026-01-01', '2026-04-03', '2026-04-06', '2026-05-01', '2026-05-14', '2026-05-25', '2026-10-03', '2026-12-25', '2026-12-26',
      '2027-01-01', '2027-03-26', '2027-03-29', '2027-05-01', '2027-05-06', '2027-05-17', '2027-10-03', '2027-12-25', '2027-12-26',
    ]);
    expect(isoWeekdayOf('2026-12-25')).toBe(5);
    expect(isoWeekdayOf('2026-12-26')).toBe(6);
    expect(isoWeekdayOf('2027-01-01')).toBe(5);
    expect(isoWeekdayOf('2026-04-03')).toBe(5);
    expect(isoWeekdayOf('2026-04-06')).toBe(1);
  });

  it('has a German carrier delivering Monday to Friday with German holidays, in Berlin time', () => {
    // Act
    const { deliveryDays, holidays, timeZone } = defaultCarrierCalendar;

    // Assess
    expect(deliveryDays).toEqual([1, 2, 3, 4, 5]);
    expect(holidaysIn(holidays, 'DE').has('2026-12-25')).toBe(true);
    expect(holidaysIn(holidays, 'FR').has('2026-12-25')).toBe(false);
    expect(timeZone).toBe('Europe/Berlin');
  });

  it('applies global holidays in every country and country holidays only in their country', () => {
    // Prepare
    const calendar = { global: ['2026-08-03'], byCountry: { AT: ['2026-10-26'] } };

    // Act
    const inAustria = holidaysIn(calendar, 'AT');
    const inGermany = holidaysIn(calendar, 'DE');

    // Assess
    expect([...inAustria].sort()).toEqual(['2026-08-03', '2026-10-26']);
    expect([...inGermany]).toEqual(['2026-08-03']);
  });

  it('refuses a location without a working day instead of searching forever', () => {
    // Prepare
    const closedForGood = { ...hamburgDc, workingDays: [] };
    const now = at('2026-03-10T09:00:00Z');

    // Act
    const promise = () => promiseDate({ location: closedForGood, now, deliveryMethod: 'HOME_DELIVERY', destination: berlinCustomer });

    // Assess
    expect(promise).toThrow(/Hamburg DC needs at least one open weekday/);
  });
});

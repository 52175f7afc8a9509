import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  backorderDate,
  germanPublicHolidays,
  holidaysIn,
  isoWeekdayOf,
  promiseDate,
  type CarrierCalendar,
  type HolidayCalendar,
  type IsoDate,
  type IsoWeekday,
  type PromiseDateInput,
  type PromiseLocation,
} from '../../../../shared/domain/promise-dates';

// Zones either side of UTC, with DST in both hemispheres and half-hour offsets.
const timeZones = ['Europe/Berlin', 'America/Los_Angeles', 'Asia/Tokyo', 'Pacific/Auckland', 'Asia/Kolkata', 'America/St_Johns'];
const weekdays: IsoWeekday[] = [1, 2, 3, 4, 5, 6, 7];

const isoDateArbitrary = fc
  .date({ min: new Date('2026-01-01T00:00:00Z'), max: new Date('2027-12-31T00:00:00Z'), noInvalidDate: true })
  .map((date) => date.toISOString().slice(0, 10));

const instantArbitrary = fc.date({ min: new Date('2026-01-01T00:00:00Z'), max: new Date('2027-10-31T00:00:00Z'), noInvalidDate: true });

const coordinatesArbitrary = fc.record({
  lat: fc.double({ min: -60, max: 70, noNaN: true }),
  lon: fc.double({ min: -180, max: 180, noNaN: true }),
});

const countryArbitrary = fc.constantFrom('DE', 'US');

const locationArbitrary = (id: string): fc.Arbitrary<PromiseLocation> =>
  fc.record({
    id: fc.constant(id),
    name: fc.constant(id),
    country: countryArbitrary,
    coordinates: coordinatesArbitrary,
    cutoff: fc.record({
      time: fc
        .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
        .map(([hours, minutes]) => `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`),
      timeZone: fc.constantFrom(...timeZones),
    }),
    processingDays: fc.integer({ min: 0, max: 4 }),
    workingDays: fc.subarray(weekdays, { minLength: 1 }),
  });

const holidaysArbitrary: fc.Arbitrary<HolidayCalendar> = fc
  .record({ global: fc.array(isoDateArbitrary, { maxLength: 40 }), us: fc.array(isoDateArbitrary, { maxLength: 20 }) })
  .map(({ global, us }) => ({ global, byCountry: { DE: germanPublicHolidays, US: us } }));

const carrierArbitrary: fc.Arbitrary<CarrierCalendar> = fc.record({
  name: fc.constant('Any carrier'),
  deliveryDays: fc.subarray(weekdays, { minLength: 1 }),
  holidays: holidaysArbitrary,
  timeZone: fc.constantFrom(...timeZones),
});

/** Any order at any time minus `now`: every delivery method, collecting from store stock or via a transfer. */
const scenarioArbitrary: fc.Arbitrary<(now: Date) => PromiseDateInput> = fc
  .record({
    location: locationArbitrary('source'),
    otherStore: locationArbitrary('store'),
    destination: fc.record({ coordinates: coordinatesArbitrary, country: countryArbitrary }),
    method: fc.constantFrom('HOME_DELIVERY', 'EXPRESS_DELIVERY', 'CLICK_AND_COLLECT', 'SHIP_TO_STORE', 'COLLECT_FROM_STORE_STOCK'),
    calendar: carrierArbitrary,
    holidays: holidaysArbitrary,
  })
  .map(({ location, otherStore, destination, method, calendar, holidays }) => (now: Date): PromiseDateInput => {
    const common = { location, now, calendar, holidays };
    switch (method) {
      case 'HOME_DELIVERY':
      case 'EXPRESS_DELIVERY':
        return { ...common, deliveryMethod: method, destination };
      case 'CLICK_AND_COLLECT':
      case 'SHIP_TO_STORE':
        return { ...common, deliveryMethod: method, pickupStore: otherStore };
      case 'COLLECT_FROM_STORE_STOCK':
        return { ...common, deliveryMethod: 'CLICK_AND_COLLECT', pickupStore: location };
    }
  });

/** The calendar the delivery (or pickup) date must fall on: the carrier's, or the pickup store's. */
function isOpenForDelivery(input: PromiseDateInput, date: IsoDate): boolean {
  const weekday = isoWeekdayOf(date);
  if (input.deliveryMethod === 'CLICK_AND_COLLECT' || input.deliveryMethod === 'SHIP_TO_STORE') {
    const store = input.pickupStore;
    return store.workingDays.includes(weekday) && !holidaysIn(input.holidays ?? {}, store.country).has(date);
  }
  const calendar = input.calendar;
  if (!calendar) throw new Error('the scenario always sets a carrier calendar');
  return calendar.deliveryDays.includes(weekday) && !holidaysIn(calendar.holidays, input.destination.country).has(date);
}

describe('promiseDate properties', () => {
  it('delivers on or after the ship date, only on a delivery (or store working) day that is no holiday', () => {
    fc.assert(
      fc.property(scenarioArbitrary, instantArbitrary, (scenario, now) => {
        // Prepare
        const input = scenario(now);

        // Act
        const promise = promiseDate(input);

        // Assess
        expect(promise.deliveryDate >= promise.shipDate).toBe(true);
        expect(isOpenForDelivery(input, promise.deliveryDate)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('never gives a later order an earlier ship or delivery date', () => {
    fc.assert(
      fc.property(scenarioArbitrary, instantArbitrary, fc.integer({ min: 0, max: 14 * 24 * 60 }), (scenario, now, minutesLater) => {
        // Prepare
        const later = new Date(now.getTime() + minutesLater * 60_000);

        // Act
        const earlierPromise = promiseDate(scenario(now));
        const laterPromise = promiseDate(scenario(later));

        // Assess
        expect(laterPromise.shipDate >= earlierPromise.shipDate).toBe(true);
        expect(laterPromise.deliveryDate >= earlierPromise.deliveryDate).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('never promises a backorder earlier than the same order from stock', () => {
    const deliveryArbitrary = fc.record({ quantity: fc.integer({ min: 1, max: 50 }), expectedAt: isoDateArbitrary });
    const incomingArbitrary = fc.array(deliveryArbitrary, { maxLength: 5 });
    const quantityArbitrary = fc.integer({ min: 1, max: 120 });
    fc.assert(
      fc.property(scenarioArbitrary, instantArbitrary, incomingArbitrary, quantityArbitrary, (scenario, now, incoming, quantityNeeded) => {
        // Prepare
        const input = scenario(now);

        // Act
        const fromStock = promiseDate(input);
        const backordered = backorderDate({ ...input, incoming, quantityNeeded });

        // Assess
        const expected = incoming.reduce((sum, delivery) => sum + delivery.quantity, 0);
        expect(backordered === undefined).toBe(expected < quantityNeeded);
        if (backordered) {
          expect(backordered.shipDate >= fromStock.shipDate).toBe(true);
          expect(backordered.deliveryDate >= fromStock.deliveryDate).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});

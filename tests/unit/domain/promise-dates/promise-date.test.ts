import { describe, expect, it } from 'vitest';
import {
  defaultCarrierCalendar,
  promiseDate,
  type CarrierCalendar,
  type Destination,
  type PromiseLocation,
} from '../../../../shared/domain/promise-dates';
import {
  at,
  berlinCustomer,
  berlinStore,
  customerIn,
  customerNorthOfHamburg,
  hamburgDc,
  madridCustomer,
  munichCustomer,
  saturdayDeliveryCarrier,
} from './fixtures';

const homeDelivery = (now: Date, location: PromiseLocation = hamburgDc, destination: Destination = berlinCustomer) =>
  promiseDate({ location, now, deliveryMethod: 'HOME_DELIVERY', destination });

describe('promiseDate: the cut-off in the location’s time zone', () => {
  it('ships the same day when released a minute before the 15:00 cut-off', () => {
    // Prepare: Tuesday 14:59 in Berlin (CET, UTC+1)
    const now = at('2026-03-10T13:59:00Z');

    // Act
    const promise = homeDelivery(now);

    // Assess: Hamburg → Berlin is about 255 km, two delivery days
    expect(promise.shipDate).toBe('2026-03-10');
    expect(promise.deliveryDate).toBe('2026-03-12');
  });

  it('ships the next working day when released exactly at the cut-off', () => {
    // Prepare: Tuesday 15:00 in Berlin
    const now = at('2026-03-10T14:00:00Z');

    // Act
    const promise = homeDelivery(now);

    // Assess
    expect(promise.shipDate).toBe('2026-03-11');
    expect(promise.deliveryDate).toBe('2026-03-13');
    expect(promise.explanation[0]).toContain('at or after the 15:00 cut-off');
  });

  describe('on the days the clocks change (a location that works Sundays)', () => {
    const sevenDayDc: PromiseLocation = { ...hamburgDc, workingDays: [1, 2, 3, 4, 5, 6, 7] };

    it.each([
      { when: '14:59 CEST on the last Sunday of March', now: '2026-03-29T12:59:00Z', shipDate: '2026-03-29' },
      { when: '15:30 CEST on the last Sunday of March (14:30 if CET were assumed)', now: '2026-03-29T13:30:00Z', shipDate: '2026-03-30' },
      { when: '14:59 CET on the last Sunday of October (15:59 if CEST were assumed)', now: '2026-10-25T13:59:00Z', shipDate: '2026-10-25' },
      { when: '15:00 CET on the last Sunday of October', now: '2026-10-25T14:00:00Z', shipDate: '2026-10-26' },
    ])('applies the cut-off to Berlin wall-clock time at $when', ({ now, shipDate }) => {
      // Prepare
      const released = at(now);

      // Act
      const promise = homeDelivery(released, sevenDayDc);

      // Assess
      expect(promise.shipDate).toBe(shipDate);
    });
  });
});

describe('promiseDate: weekends and holidays', () => {
  it('starts processing on Monday when released on Friday after the cut-off', () => {
    // Prepare: Friday 16:30 in Berlin
    const now = at('2026-03-13T15:30:00Z');

    // Act
    const promise = homeDelivery(now);

    // Assess
    expect(promise.shipDate).toBe('2026-03-16');
    expect(promise.deliveryDate).toBe('2026-03-18');
    expect(promise.explanation).toContain(
      'Processing starts Mon 2026-03-16, the next working day at Hamburg DC, skipping Sat 2026-03-14 (closed), Sun 2026-03-15 (closed)',
    );
  });

  it('starts processing on Monday when released on a Saturday morning', () => {
    // Prepare
    const now = at('2026-03-14T09:00:00Z');

    // Act
    const promise = homeDelivery(now);

    // Assess
    expect(promise.shipDate).toBe('2026-03-16');
  });

  it('skips Christmas Day and the Second Day of Christmas (a Saturday in 2026) for an order on Christmas Eve after the cut-off', () => {
    // Prepare: Thursday 24 December 2026, 16:10 in Berlin
    const now = at('2026-12-24T15:10:00Z');

    // Act
    const promise = homeDelivery(now);

    // Assess
    expect(promise.shipDate).toBe('2026-12-28');
    expect(promise.deliveryDate).toBe('2026-12-30');
    expect(promise.explanation.join('\n')).toContain('Fri 2026-12-25 (holiday), Sat 2026-12-26 (holiday)');
  });

  it('still ships on Christmas Eve before the cut-off, since 24 December is no public holiday', () => {
    // Prepare
    const now = at('2026-12-24T10:00:00Z');

    // Act
    const promise = homeDelivery(now);

    // Assess: 25th, 26th and Sunday 27th are no delivery days, so the two days are the 28th and 29th
    expect(promise.shipDate).toBe('2026-12-24');
    expect(promise.deliveryDate).toBe('2026-12-29');
  });

  it('counts transit only on carrier delivery days that are not holidays in the destination country', () => {
    // Prepare: Wednesday 23 December, before the cut-off
    const now = at('2026-12-23T10:00:00Z');

    // Act
    const promise = homeDelivery(now);

    // Assess: the 24th is day one, the 25th–27th are skipped, Monday the 28th is day two
    expect(promise.deliveryDate).toBe('2026-12-28');
  });
});

describe('promiseDate: Saturday delivery', () => {
  const nearbyCustomer = customerNorthOfHamburg(20);

  it('delivers a Friday shipment on Monday when the carrier does not deliver on Saturdays', () => {
    // Prepare
    const now = at('2026-03-13T09:00:00Z');

    // Act
    const promise = promiseDate({ location: hamburgDc, now, deliveryMethod: 'HOME_DELIVERY', destination: nearbyCustomer });

    // Assess
    expect(promise.deliveryDate).toBe('2026-03-16');
  });

  it('delivers a Friday shipment on Saturday when the carrier delivers on Saturdays', () => {
    // Prepare
    const now = at('2026-03-13T09:00:00Z');

    // Act
    const promise = promiseDate({
      location: hamburgDc,
      now,
      deliveryMethod: 'HOME_DELIVERY',
      destination: nearbyCustomer,
      calendar: saturdayDeliveryCarrier,
    });

    // Assess
    expect(promise.deliveryDate).toBe('2026-03-14');
  });

  it('does not deliver on Saturday 26 December 2026, a holiday, even with Saturday delivery', () => {
    // Prepare: shipped on Christmas Eve before the cut-off
    const now = at('2026-12-24T09:00:00Z');

    // Act
    const promise = promiseDate({
      location: hamburgDc,
      now,
      deliveryMethod: 'HOME_DELIVERY',
      destination: nearbyCustomer,
      calendar: saturdayDeliveryCarrier,
    });

    // Assess
    expect(promise.deliveryDate).toBe('2026-12-28');
  });
});

describe('promiseDate: transit bands by distance', () => {
  // Tuesday 10 March 2026, before the cut-off: ships that Tuesday.
  const now = at('2026-03-10T09:00:00Z');

  it.each([
    { kilometres: 49.9, deliveryDate: '2026-03-11', days: 1 },
    { kilometres: 50.1, deliveryDate: '2026-03-12', days: 2 },
    { kilometres: 299.9, deliveryDate: '2026-03-12', days: 2 },
    { kilometres: 300.1, deliveryDate: '2026-03-13', days: 3 },
    { kilometres: 799.9, deliveryDate: '2026-03-13', days: 3 },
    { kilometres: 800.1, deliveryDate: '2026-03-17', days: 5 },
  ])('takes $days delivery days for a customer $kilometres km away', ({ kilometres, deliveryDate }) => {
    // Prepare
    const destination = customerNorthOfHamburg(kilometres);

    // Act
    const promise = homeDelivery(now, hamburgDc, destination);

    // Assess
    expect(promise.shipDate).toBe('2026-03-10');
    expect(promise.deliveryDate).toBe(deliveryDate);
  });

  it('takes three days to Munich and five to Madrid with standard delivery', () => {
    // Act
    const toMunich = homeDelivery(now, hamburgDc, munichCustomer);
    const toMadrid = homeDelivery(now, hamburgDc, madridCustomer);

    // Assess
    expect(toMunich.deliveryDate).toBe('2026-03-13');
    expect(toMadrid.deliveryDate).toBe('2026-03-17');
  });

  it('uses the express bands for express delivery', () => {
    // Act
    const express = (destination: Destination) =>
      promiseDate({ location: hamburgDc, now, deliveryMethod: 'EXPRESS_DELIVERY', destination });
    const toMunich = express(munichCustomer);
    const toMadrid = express(madridCustomer);

    // Assess
    expect(toMunich.deliveryDate).toBe('2026-03-11');
    expect(toMadrid.deliveryDate).toBe('2026-03-12');
    expect(toMunich.explanation.join('\n')).toContain('EXPRESS delivery to the customer');
  });

  it('uses configured bands, including same-day transit', () => {
    // Prepare
    const sameDayInTown = {
      STANDARD: [
        { maxKm: 30, businessDays: 0 },
        { maxKm: Infinity, businessDays: 4 },
      ],
      EXPRESS: [{ maxKm: Infinity, businessDays: 1 }],
    };
    const destination = customerNorthOfHamburg(10);

    // Act
    const nearby = promiseDate({ location: hamburgDc, now, deliveryMethod: 'HOME_DELIVERY', destination, transit: sameDayInTown });

    // Assess
    expect(nearby.deliveryDate).toBe('2026-03-10');
  });
});

describe('promiseDate: processing days', () => {
  it('ships the release day when the location needs no processing days', () => {
    // Prepare
    const now = at('2026-03-12T10:00:00Z');

    // Act
    const promise = homeDelivery(now, { ...hamburgDc, processingDays: 0 });

    // Assess
    expect(promise.shipDate).toBe('2026-03-12');
  });

  it('ships after three working days, across a weekend', () => {
    // Prepare: Thursday before the cut-off; Friday, Monday and Tuesday are the three days
    const now = at('2026-03-12T10:00:00Z');

    // Act
    const promise = homeDelivery(now, { ...hamburgDc, processingDays: 3 });

    // Assess
    expect(promise.shipDate).toBe('2026-03-17');
    expect(promise.deliveryDate).toBe('2026-03-19');
  });

  it('does not count holidays as processing days', () => {
    // Prepare: Wednesday 23 December; Thursday the 24th and Monday the 28th are the two days
    const now = at('2026-12-23T10:00:00Z');

    // Act
    const promise = homeDelivery(now, { ...hamburgDc, processingDays: 2 });

    // Assess
    expect(promise.shipDate).toBe('2026-12-28');
  });

  it('takes the location’s country holidays from the configured holiday calendar', () => {
    // Prepare: a company shutdown on Tuesday 10 March for German locations
    const now = at('2026-03-10T09:00:00Z');

    // Act
    const promise = promiseDate({
      location: hamburgDc,
      now,
      deliveryMethod: 'HOME_DELIVERY',
      destination: berlinCustomer,
      holidays: { byCountry: { DE: ['2026-03-10'] } },
    });

    // Assess
    expect(promise.shipDate).toBe('2026-03-11');
  });
});

describe('promiseDate: click-and-collect and ship-to-store', () => {
  it('is ready the same day when collected from the store’s own stock before its cut-off, even on a Saturday', () => {
    // Prepare: Saturday 11:00 in Berlin; the store is open Monday to Saturday
    const now = at('2026-03-14T10:00:00Z');

    // Act
    const promise = promiseDate({ location: berlinStore, now, deliveryMethod: 'CLICK_AND_COLLECT', pickupStore: berlinStore });

    // Assess
    expect(promise).toMatchObject({ shipDate: '2026-03-14', deliveryDate: '2026-03-14' });
    expect(promise.explanation).toContain("Collected from Berlin Mitte store's own stock: no transit");
  });

  it('is ready the next store working day when collected from store stock after its cut-off', () => {
    // Prepare: Saturday 18:30 in Berlin; the store is closed on Sunday
    const now = at('2026-03-14T17:30:00Z');

    // Act
    const promise = promiseDate({ location: berlinStore, now, deliveryMethod: 'CLICK_AND_COLLECT', pickupStore: berlinStore });

    // Assess
    expect(promise.deliveryDate).toBe('2026-03-16');
  });

  it('adds the store’s processing days when collected from its own stock', () => {
    // Prepare
    const store = { ...berlinStore, processingDays: 1 };
    const now = at('2026-03-13T10:00:00Z');

    // Act
    const promise = promiseDate({ location: store, now, deliveryMethod: 'CLICK_AND_COLLECT', pickupStore: store });

    // Assess
    expect(promise.deliveryDate).toBe('2026-03-14');
  });

  it('transfers from another location and is ready the store working day after the transfer arrives', () => {
    // Prepare: ships Tuesday from Hamburg, two days to Berlin
    const now = at('2026-03-10T10:00:00Z');

    // Act
    const promise = promiseDate({ location: hamburgDc, now, deliveryMethod: 'CLICK_AND_COLLECT', pickupStore: berlinStore });

    // Assess: arrives Thursday, ready Friday
    expect(promise.shipDate).toBe('2026-03-10');
    expect(promise.deliveryDate).toBe('2026-03-13');
    expect(promise.explanation.join('\n')).toContain('Transfer to Berlin Mitte store');
  });

  it('makes a transfer arriving on Friday ready on Saturday when the store opens on Saturdays', () => {
    // Prepare: ships Wednesday, arrives Friday
    const now = at('2026-03-11T10:00:00Z');

    // Act
    const promise = promiseDate({ location: hamburgDc, now, deliveryMethod: 'CLICK_AND_COLLECT', pickupStore: berlinStore });

    // Assess
    expect(promise.deliveryDate).toBe('2026-03-14');
  });

  it('ships to the store like a home delivery and is ready the next store working day', () => {
    // Prepare: a store closed at weekends; the parcel ships Wednesday and arrives Friday
    const weekdayStore = { ...berlinStore, workingDays: [1, 2, 3, 4, 5] };
    const now = at('2026-03-11T10:00:00Z');

    // Act
    const promise = promiseDate({ location: hamburgDc, now, deliveryMethod: 'SHIP_TO_STORE', pickupStore: weekdayStore });

    // Assess
    expect(promise.shipDate).toBe('2026-03-11');
    expect(promise.deliveryDate).toBe('2026-03-16');
    expect(promise.explanation.join('\n')).toContain('Parcel to Berlin Mitte store');
  });
});

describe('promiseDate: time zones far from UTC', () => {
  const losAngelesDc: PromiseLocation = {
    id: 'dc-los-angeles',
    name: 'Los Angeles DC',
    country: 'US',
    coordinates: { lat: 34.0522, lon: -118.2437 },
    cutoff: { time: '18:00', timeZone: 'America/Los_Angeles' },
    processingDays: 0,
    workingDays: [1, 2, 3, 4, 5],
  };
  const usHolidays = { byCountry: { US: ['2026-11-26'] } };
  const usCarrier: CarrierCalendar = {
    name: 'US parcel carrier',
    deliveryDays: [1, 2, 3, 4, 5],
    holidays: usHolidays,
    timeZone: 'America/Los_Angeles',
  };
  const sanDiegoCustomer = customerIn({ lat: 32.7157, lon: -117.1611 }, 'US');
  const shipFromLosAngeles = (now: Date) =>
    promiseDate({
      location: losAngelesDc,
      now,
      deliveryMethod: 'HOME_DELIVERY',
      destination: sanDiegoCustomer,
      calendar: usCarrier,
      holidays: usHolidays,
    });

  it('ships on the local Friday although it is already Saturday in UTC', () => {
    // Prepare: Saturday 00:30 UTC is Friday 17:30 PDT, before the 18:00 cut-off
    const now = at('2026-03-14T00:30:00Z');

    // Act
    const promise = shipFromLosAngeles(now);

    // Assess: about 180 km, two delivery days
    expect(promise.shipDate).toBe('2026-03-13');
    expect(promise.deliveryDate).toBe('2026-03-17');
  });

  it('ships on the local day before Thanksgiving although it is already Thanksgiving in UTC', () => {
    // Prepare: Thursday 26 November 01:00 UTC is Wednesday 17:00 PST
    const now = at('2026-11-26T01:00:00Z');

    // Act
    const promise = shipFromLosAngeles(now);

    // Assess: Thanksgiving is no delivery day
    expect(promise.shipDate).toBe('2026-11-25');
    expect(promise.deliveryDate).toBe('2026-11-30');
  });

  it('treats an early local Saturday in Tokyo as the weekend although it is still Friday in UTC', () => {
    // Prepare: Friday 16:00 UTC, before an 18:00 cut-off if UTC were the clock, is Saturday 01:00 JST
    const tokyoDc: PromiseLocation = {
      ...losAngelesDc,
      id: 'dc-tokyo',
      name: 'Tokyo DC',
      country: 'JP',
      coordinates: { lat: 35.6762, lon: 139.6503 },
      cutoff: { time: '18:00', timeZone: 'Asia/Tokyo' },
    };
    const yokohamaCustomer = customerIn({ lat: 35.4437, lon: 139.638 }, 'JP');
    const now = at('2026-03-13T16:00:00Z');

    // Act
    const promise = promiseDate({ location: tokyoDc, now, deliveryMethod: 'HOME_DELIVERY', destination: yokohamaCustomer });

    // Assess
    expect(promise.shipDate).toBe('2026-03-16');
  });

  it('starts transit on the hand-over’s date in the carrier’s zone when that is already the next day', () => {
    // Prepare: shipped Monday in Los Angeles; the 18:00 PDT hand-over is Tuesday 02:00 in Berlin
    const now = at('2026-03-09T18:00:00Z');

    // Act
    const promise = promiseDate({
      location: losAngelesDc,
      now,
      deliveryMethod: 'HOME_DELIVERY',
      destination: berlinCustomer,
      calendar: defaultCarrierCalendar,
      holidays: usHolidays,
    });

    // Assess: five delivery days counted from Tuesday, not from Monday
    expect(promise.shipDate).toBe('2026-03-09');
    expect(promise.deliveryDate).toBe('2026-03-17');
    expect(promise.explanation.join('\n')).toContain('already Tue 2026-03-10 in Europe/Berlin');
  });
});

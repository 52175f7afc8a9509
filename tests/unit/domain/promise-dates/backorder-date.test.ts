import { describe, expect, it } from 'vitest';
import { backorderDate, promiseDate, type PromiseDateInput } from '../../../../shared/domain/promise-dates';
import { at, berlinCustomer, berlinStore, hamburgDc } from './fixtures';

// Monday 4 January 2027, 11:00 in Berlin: before the cut-off.
const homeDeliveryFromHamburg: PromiseDateInput = {
  location: { ...hamburgDc, processingDays: 1 },
  now: at('2027-01-04T10:00:00Z'),
  deliveryMethod: 'HOME_DELIVERY',
  destination: berlinCustomer,
};

// Deliberately out of date order: the calculation sorts them.
const incoming = [
  { quantity: 10, expectedAt: '2027-01-20' },
  { quantity: 5, expectedAt: '2027-01-12' },
  { quantity: 20, expectedAt: '2027-01-15' },
];

describe('backorderDate', () => {
  it('starts from the first date on which the incoming stock adds up to the quantity needed', () => {
    // Prepare: 5 arrive on the 12th, 25 by the 15th
    const quantityNeeded = 20;

    // Act
    const promise = backorderDate({ ...homeDeliveryFromHamburg, incoming, quantityNeeded });

    // Assess: processing Friday the 15th, one processing day → ships Monday, two transit days → Wednesday
    expect(promise?.shipDate).toBe('2027-01-18');
    expect(promise?.deliveryDate).toBe('2027-01-20');
    expect(promise?.explanation).toContain(
      'Incoming stock covers the 20 units short on Fri 2027-01-15 (25 expected by then): processing can start that day at the earliest',
    );
  });

  it('waits for the last delivery when only all of them together cover the quantity', () => {
    // Prepare
    const quantityNeeded = 35;

    // Act
    const promise = backorderDate({ ...homeDeliveryFromHamburg, incoming, quantityNeeded });

    // Assess: processing Wednesday the 20th, ships Thursday, arrives Monday
    expect(promise?.shipDate).toBe('2027-01-21');
    expect(promise?.deliveryDate).toBe('2027-01-25');
  });

  it('promises nothing when the incoming stock never covers the quantity', () => {
    // Prepare
    const quantityNeeded = 36;

    // Act
    const promise = backorderDate({ ...homeDeliveryFromHamburg, incoming, quantityNeeded });

    // Assess
    expect(promise).toBeUndefined();
  });

  it('promises nothing when no stock is incoming at all', () => {
    // Act
    const promise = backorderDate({ ...homeDeliveryFromHamburg, incoming: [], quantityNeeded: 1 });

    // Assess
    expect(promise).toBeUndefined();
  });

  it('never starts before the order is released, even when the stock was due earlier', () => {
    // Prepare: stock overdue since December; the order comes in on 4 January
    const overdue = [{ quantity: 50, expectedAt: '2026-12-30' }];

    // Act
    const promise = backorderDate({ ...homeDeliveryFromHamburg, incoming: overdue, quantityNeeded: 10 });

    // Assess
    expect(promise).toEqual({ ...promiseDate(homeDeliveryFromHamburg), explanation: expect.any(Array) });
    expect(promise?.shipDate).toBe('2027-01-05');
  });

  it('is the ordinary promise when nothing is short', () => {
    // Act
    const promise = backorderDate({ ...homeDeliveryFromHamburg, incoming, quantityNeeded: 0 });

    // Assess
    expect(promise).toEqual(promiseDate(homeDeliveryFromHamburg));
  });

  it('waits for the next working day when the stock arrives on a holiday', () => {
    // Prepare: enough stock arrives on New Year's Day 2027 (a Friday)
    const newYear = [{ quantity: 10, expectedAt: '2027-01-01' }];
    const releasedBefore = { ...homeDeliveryFromHamburg, now: at('2026-12-28T10:00:00Z') };

    // Act
    const promise = backorderDate({ ...releasedBefore, incoming: newYear, quantityNeeded: 10 });

    // Assess: processing Monday the 4th, one processing day → ships Tuesday the 5th
    expect(promise?.shipDate).toBe('2027-01-05');
    expect(promise?.deliveryDate).toBe('2027-01-07');
  });

  it('gives a pickup date for a click-and-collect pre-order transferred from the warehouse', () => {
    // Prepare
    const preOrder = [{ quantity: 100, expectedAt: '2027-02-01' }];

    // Act
    const promise = backorderDate({
      location: hamburgDc,
      now: at('2027-01-04T10:00:00Z'),
      deliveryMethod: 'CLICK_AND_COLLECT',
      pickupStore: berlinStore,
      incoming: preOrder,
      quantityNeeded: 1,
    });

    // Assess: ships Monday 1 February, arrives Wednesday, ready Thursday
    expect(promise?.shipDate).toBe('2027-02-01');
    expect(promise?.deliveryDate).toBe('2027-02-04');
  });
});

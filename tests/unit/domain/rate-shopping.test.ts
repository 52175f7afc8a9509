import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NoRateQuotes, RateQuotesCurrencyMismatch, chooseRate } from '../../../shared/domain/rate-shopping';
import type { RateQuote } from '../../../shared/ports/carrier';

function quote(service: string, amount: number, estimatedDelivery: string, carrier = 'OMS Parcel'): RateQuote {
  return { carrier, service, price: { amount, currency: 'EUR' }, transitBusinessDays: 1, estimatedDelivery };
}

const economy = quote('ECONOMY', 390, '2026-03-11');
const standard = quote('STANDARD', 495, '2026-03-10');
const express = quote('EXPRESS', 1290, '2026-03-09');

describe('chooseRate', () => {
  it('books the cheapest quote that arrives by the promised date and says why', () => {
    // Prepare
    const quotes = [express, standard, economy];

    // Act
    const choice = chooseRate(quotes, '2026-03-10');

    // Assess
    expect(choice.quote).toBe(standard);
    expect(choice.reason).toEqual({
      code: 'CHEAPEST_ON_TIME',
      message: 'OMS Parcel STANDARD at EUR 4.95 arrives Tue 2026-03-10, by the promised Tue 2026-03-10: the cheapest of 2 quotes on time',
    });
    expect(choice.onTimeCount).toBe(2);
    expect(choice.daysLate).toBe(0);
  });

  it('counts a quote arriving on the promised date itself as on time', () => {
    // Prepare
    const quotes = [economy, express];

    // Act
    const choice = chooseRate(quotes, '2026-03-11');

    // Assess
    expect(choice.quote).toBe(economy);
  });

  it('prefers the earlier of two equally cheap quotes on time, then the service name', () => {
    // Prepare
    const later = quote('PARCEL', 495, '2026-03-10', 'Carrier B');
    const earlier = quote('ZULU', 495, '2026-03-09', 'Carrier C');
    const sameDayA = quote('ALPHA', 495, '2026-03-09', 'Carrier Z');

    // Act
    const byDate = chooseRate([later, earlier], '2026-03-10');
    const byName = chooseRate([later, earlier, sameDayA], '2026-03-10');

    // Assess
    expect(byDate.quote).toBe(earlier);
    expect(byName.quote).toBe(sameDayA);
  });

  it('books the fastest quote when none arrives by the promised date, and says how late it is', () => {
    // Prepare
    const quotes = [economy, standard, express];

    // Act
    const choice = chooseRate(quotes, '2026-03-06');

    // Assess
    expect(choice.quote).toBe(express);
    expect(choice.reason).toEqual({
      code: 'FASTEST_LATE',
      message:
        'none of 3 quotes arrives by the promised Fri 2026-03-06; OMS Parcel EXPRESS at EUR 12.90 is the fastest, arriving Mon 2026-03-09, 3 days late',
    });
    expect(choice.onTimeCount).toBe(0);
    expect(choice.daysLate).toBe(3);
  });

  it('breaks a tie between equally fast late quotes by price, then by service name', () => {
    // Prepare
    const dearer = quote('AIR', 1500, '2026-03-09');
    const cheaper = quote('ROAD', 1200, '2026-03-09');
    const sameAsCheaper = quote('BIKE', 1200, '2026-03-09');

    // Act
    const byPrice = chooseRate([dearer, cheaper], '2026-03-06');
    const byName = chooseRate([dearer, cheaper, sameAsCheaper], '2026-03-06');

    // Assess
    expect(byPrice.quote).toBe(cheaper);
    expect(byName.quote).toBe(sameAsCheaper);
  });

  it('refuses to choose without quotes or between quotes in different currencies', () => {
    // Prepare
    const dollars: RateQuote = { ...standard, price: { amount: 500, currency: 'USD' } };

    // Act
    const none = () => chooseRate([], '2026-03-10');
    const mixed = () => chooseRate([standard, dollars], '2026-03-10');

    // Assess
    expect(none).toThrow(NoRateQuotes);
    expect(mixed).toThrow(RateQuotesCurrencyMismatch);
    expect(mixed).toThrow('the quotes are in EUR, USD');
  });

  it('chooses the same quote whatever order the quotes come in, and an on-time one whenever one exists', () => {
    const dateArbitrary = fc.integer({ min: 1, max: 20 }).map((day) => `2026-03-${String(day).padStart(2, '0')}`);
    const quoteArbitrary = fc
      .record({
        service: fc.constantFrom('ECONOMY', 'STANDARD', 'EXPRESS', 'SAME_DAY'),
        carrier: fc.constantFrom('OMS Parcel', 'Other Parcel'),
        amount: fc.integer({ min: 0, max: 3_000 }),
        estimatedDelivery: dateArbitrary,
      })
      .map(({ service, carrier, amount, estimatedDelivery }) => quote(service, amount, estimatedDelivery, carrier));
    const scenarioArbitrary = fc
      .uniqueArray(quoteArbitrary, { minLength: 1, maxLength: 8, selector: (candidate) => `${candidate.carrier} ${candidate.service}` })
      .chain((quotes) => fc.tuple(fc.constant(quotes), fc.shuffledSubarray(quotes, { minLength: quotes.length }), dateArbitrary));

    fc.assert(
      fc.property(scenarioArbitrary, ([quotes, shuffled, promisedBy]) => {
        // Act
        const choice = chooseRate(quotes, promisedBy);
        const shuffledChoice = chooseRate(shuffled, promisedBy);

        // Assess
        expect(shuffledChoice.quote).toBe(choice.quote);
        const onTime = quotes.filter((candidate) => candidate.estimatedDelivery <= promisedBy);
        if (onTime.length > 0) {
          expect(choice.quote.estimatedDelivery <= promisedBy).toBe(true);
          expect(choice.quote.price.amount).toBe(Math.min(...onTime.map((candidate) => candidate.price.amount)));
        } else {
          const earliest = quotes.map((candidate) => candidate.estimatedDelivery).sort()[0];
          expect(choice.quote.estimatedDelivery).toBe(earliest);
        }
      }),
    );
  });
});

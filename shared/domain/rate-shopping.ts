/**
 * Rate shopping: which carrier service books a shipment. Keeping the promise to the customer comes
 * first and price second: the cheapest quote that arrives by the promised date wins; when none does,
 * the fastest one, so the customer waits as little past the promise as possible.
 */
import type { RateQuote } from '../ports/carrier';
import { BusinessRuleViolation } from './errors';
import { describeMoney } from './money-ledger';
import { describeDate, type IsoDate } from './promise-dates/calendar-date';

export type RateChoiceCode = 'CHEAPEST_ON_TIME' | 'FASTEST_LATE';

export interface RateChoice {
  readonly quote: RateQuote;
  readonly reason: {
    readonly code: RateChoiceCode;
    readonly message: string;
  };
  /** How many of the quotes arrive by the promised date. */
  readonly onTimeCount: number;
  /** Calendar days past the promised date; 0 when on time. */
  readonly daysLate: number;
}

export class NoRateQuotes extends BusinessRuleViolation {
  constructor() {
    super('NO_RATE_QUOTES', 'no carrier quoted the shipment, so there is no service to book');
  }
}

/** Prices in different currencies cannot be compared without a rate the domain does not have. */
export class RateQuotesCurrencyMismatch extends BusinessRuleViolation {
  constructor(currencies: readonly string[]) {
    super('RATE_QUOTES_CURRENCY_MISMATCH', `the quotes are in ${currencies.join(', ')}; rate shopping compares one currency only`);
  }
}

const nameOf = (quote: RateQuote) => `${quote.carrier} ${quote.service}`;

/** Service then carrier name: the last tie-break, so the choice never depends on the quotes' order. */
const byName = (a: RateQuote, b: RateQuote) => a.service.localeCompare(b.service, 'en') || a.carrier.localeCompare(b.carrier, 'en');

const byDelivery = (a: RateQuote, b: RateQuote) => (a.estimatedDelivery < b.estimatedDelivery ? -1 : a.estimatedDelivery > b.estimatedDelivery ? 1 : 0);

/** Cheaper, then earlier (the same price buys a safer margin), then by name. */
const cheapestFirst = (a: RateQuote, b: RateQuote) => a.price.amount - b.price.amount || byDelivery(a, b) || byName(a, b);

/** Earlier, then cheaper, then by name. */
const fastestFirst = (a: RateQuote, b: RateQuote) => byDelivery(a, b) || a.price.amount - b.price.amount || byName(a, b);

/** Date-only ISO strings parse as UTC midnight, so the difference is whole days. */
const calendarDaysBetween = (from: IsoDate, to: IsoDate) => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);

const counted = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`;

/**
 * Picks the quote to book for a shipment promised by `promisedBy` (YYYY-MM-DD, inclusive). Throws
 * NoRateQuotes without quotes and RateQuotesCurrencyMismatch when their prices are not comparable.
 */
export function chooseRate(quotes: readonly RateQuote[], promisedBy: IsoDate): RateChoice {
  if (quotes.length === 0) throw new NoRateQuotes();
  const currencies = [...new Set(quotes.map((quote) => quote.price.currency))];
  if (currencies.length > 1) throw new RateQuotesCurrencyMismatch(currencies.sort());

  const onTime = quotes.filter((quote) => quote.estimatedDelivery <= promisedBy).sort(cheapestFirst);
  const cheapest = onTime[0];
  if (cheapest) {
    const others = onTime.length - 1;
    const alternatives = others === 0 ? 'the only quote on time' : `the cheapest of ${counted(onTime.length, 'quote')} on time`;
    return {
      quote: cheapest,
      reason: {
        code: 'CHEAPEST_ON_TIME',
        message: `${nameOf(cheapest)} at ${describeMoney(cheapest.price)} arrives ${describeDate(cheapest.estimatedDelivery)}, by the promised ${describeDate(promisedBy)}: ${alternatives}`,
      },
      onTimeCount: onTime.length,
      daysLate: 0,
    };
  }

  const [fastest] = [...quotes].sort(fastestFirst);
  if (!fastest) throw new NoRateQuotes();
  const daysLate = calendarDaysBetween(promisedBy, fastest.estimatedDelivery);
  return {
    quote: fastest,
    reason: {
      code: 'FASTEST_LATE',
      message: `none of ${counted(quotes.length, 'quote')} arrives by the promised ${describeDate(promisedBy)}; ${nameOf(fastest)} at ${describeMoney(fastest.price)} is the fastest, arriving ${describeDate(fastest.estimatedDelivery)}, ${counted(daysLate, 'day')} late`,
    },
    onTimeCount: 0,
    daysLate,
  };
}

/** The ops console's formatting (web/ops-console/src/format.ts): money in minor units, durations, rates, days. */
import { describe, expect, it } from 'vitest';
import { formatDuration, formatMoney, formatRate, localDate, minorDigits, startOfLocalDay, toMajor } from '../../../web/ops-console/src/format';

describe('ops console formatting', () => {
  it('reads minor units with the currency’s own digits', () => {
    expect(minorDigits('EUR')).toBe(2);
    expect(minorDigits('JPY')).toBe(0);
    expect(minorDigits('BHD')).toBe(3);
    expect(formatMoney({ amount: 3998, currency: 'EUR' }, 'en-GB')).toBe('€39.98');
    expect(formatMoney({ amount: 1500, currency: 'JPY' }, 'en-GB')).toBe('JP¥1,500');
    expect(formatMoney(undefined)).toBe('—');
    expect(toMajor(12345, 'EUR')).toBe(123.45);
  });

  it('says durations in the two largest units', () => {
    expect(formatDuration(0)).toBe('0 s');
    expect(formatDuration(75)).toBe('1 min 15 s');
    expect(formatDuration(3600)).toBe('1 h');
    expect(formatDuration(7260)).toBe('2 h 1 min');
    expect(formatDuration(200_000)).toBe('2 d 7 h');
    expect(formatDuration(null)).toBe('—');
  });

  it('gives rates as percentages, or — when there was nothing to divide', () => {
    expect(formatRate(0.9523)).toBe('95.2 %');
    expect(formatRate(null)).toBe('—');
  });

  it('turns a local day into the instant it starts, and the next day’s for an inclusive end', () => {
    expect(localDate(new Date(2025, 2, 9, 23, 30))).toBe('2025-03-09');
    expect(new Date(startOfLocalDay('2025-03-09')).getTime()).toBe(new Date(2025, 2, 9).getTime());
    expect(new Date(startOfLocalDay('2025-03-31', 1)).getTime()).toBe(new Date(2025, 3, 1).getTime());
  });
});

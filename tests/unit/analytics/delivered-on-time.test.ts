import { describe, expect, it } from 'vitest';
import { deliveredOnTime } from '../../../shared/domain/analytics/analytics-increments';

describe('deliveredOnTime', () => {
  it('judges against the end of the promise date where the parcel ships from, not the UTC date', () => {
    // Promised 2026-03-10 from Los Angeles: the day ends at 2026-03-11T07:00Z.
    const promise = { promiseDate: '2026-03-10', promisedBy: '2026-03-11T07:00:00.000Z' };

    // An evening delivery in LA is already the 11th in UTC, and still on time.
    expect(deliveredOnTime('2026-03-11T04:30:00.000Z', promise)).toBe(true);
    expect(deliveredOnTime('2026-03-11T07:00:00.000Z', promise)).toBe(false);
  });

  it('judges a promise published without its instant by the UTC date', () => {
    expect(deliveredOnTime('2026-03-10T23:59:59.000Z', { promiseDate: '2026-03-10' })).toBe(true);
    expect(deliveredOnTime('2026-03-11T00:00:00.000Z', { promiseDate: '2026-03-10' })).toBe(false);
  });
});

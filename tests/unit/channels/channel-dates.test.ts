import { describe, expect, it } from 'vitest';
import { isoFromIsoWithOffset, isoFromRfc2822, isoFromZonelessUtc } from '../../../shared/channels/channel-dates';

describe('channel dates', () => {
  it.each([
    ['Tue, 20 Nov 2012 00:00:00 +0000', '2012-11-20T00:00:00.000Z'],
    ['Tue, 05 Mar 2019 21:40:11 +0000', '2019-03-05T21:40:11.000Z'],
    ['Sat, 01 Mar 2025 09:15:00 +0100', '2025-03-01T08:15:00.000Z'],
    ['1 Mar 2025 23:30 -0530', '2025-03-02T05:00:00.000Z'],
    ['Sun, 24 Mar 2013 23:07:53 GMT', '2013-03-24T23:07:53.000Z'],
  ])('reads RFC-2822 %s as %s', (value, expected) => {
    expect(isoFromRfc2822(value)).toBe(expected);
  });

  it.each(['Wed, 20 Nov 2012 00:00:00 +0000', 'Tue, 31 Nov 2012 00:00:00 +0000', '20 Nov 2012 24:00:00 +0000', '2012-11-20T00:00:00Z', ''])(
    'refuses %j as RFC-2822 (wrong weekday, no such day or hour, other format)',
    (value) => {
      expect(isoFromRfc2822(value)).toBeUndefined();
    },
  );

  it('reads ISO-8601 with an offset or Z, and zone-less GMT times', () => {
    expect(isoFromIsoWithOffset('2019-06-04T13:53:06-04:00')).toBe('2019-06-04T17:53:06.000Z');
    expect(isoFromIsoWithOffset('2025-03-01T12:00:00.250Z')).toBe('2025-03-01T12:00:00.250Z');
    expect(isoFromIsoWithOffset('2025-03-01T12:00:00')).toBeUndefined();
    expect(isoFromZonelessUtc('2017-03-22T19:28:02')).toBe('2017-03-22T19:28:02.000Z');
    expect(isoFromZonelessUtc('2017-02-29T19:28:02')).toBeUndefined();
  });
});

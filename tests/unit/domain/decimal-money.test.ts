import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decimalToMinorUnits, minorUnitDigits } from '../../../shared/domain/decimal-money';

const minor = (text: string, digits: number) => {
  const result = decimalToMinorUnits(text, digits);
  return result.ok ? result.minorUnits : result.problem;
};

describe('minorUnitDigits', () => {
  it('knows 0-, 2- and 3-decimal currencies', () => {
    expect([minorUnitDigits('JPY'), minorUnitDigits('EUR'), minorUnitDigits('KWD')]).toEqual([0, 2, 3]);
  });
});

describe('decimalToMinorUnits', () => {
  it.each([
    ['19.99', 2, 1999],
    ['0.1', 3, 100],
    ['0.1', 2, 10],
    ['1500', 0, 1500],
    ['1500.00', 0, 1500],
    ['62.6700', 2, 6267],
    ['.5', 2, 50],
    ['5.', 2, 500],
    ['1e2', 2, 10000],
    ['1.5E-1', 2, 15],
    ['-0.00', 2, 0],
    ['-2.50', 2, -250],
    [' 7.00 ', 2, 700],
    ['0', 3, 0],
  ] as const)('reads %s with %i decimals as %i', (text, digits, expected) => {
    expect(minor(text, digits)).toBe(expected);
  });

  it.each([
    ['62.6793', 2],
    ['19.999', 2],
    ['1500.5', 0],
    ['0.0001', 3],
  ] as const)('refuses %s with %i decimals as too precise, never rounding', (text, digits) => {
    expect(minor(text, digits)).toBe('TOO_PRECISE');
  });

  it.each(['', '.', 'abc', '1,99', '19.99 EUR', '0x10', 'NaN', '--1', '1e', '1'.repeat(65)])('refuses %j as not a decimal', (text) => {
    expect(minor(text, 2)).toBe('NOT_A_DECIMAL');
  });

  it('refuses amounts beyond exact integers, and huge exponents without trying to compute them', () => {
    expect(minor('90071992547409.92', 2)).toBe('TOO_LARGE');
    expect(minor('1e9999', 2)).toBe('TOO_LARGE');
    expect(minor('1e-9999', 2)).toBe('TOO_LARGE');
  });

  it('adds like decimals, not like binary floats: 0.1 + 0.2 is 30 cents', () => {
    expect(minor('0.1', 2) as number + (minor('0.2', 2) as number)).toBe(30);
    expect(0.1 + 0.2).not.toBe(0.3);
  });

  it('reads back every amount written with the currency’s decimals (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), fc.constantFrom(0, 2, 3, 4), fc.nat({ max: 3 }), (amount, digits, trailingZeros) => {
        const text = digits === 0 ? String(amount) : `${String(amount).padStart(digits + 1, '0').slice(0, -digits)}.${String(amount).padStart(digits + 1, '0').slice(-digits)}`;
        expect(minor(`${text}${digits > 0 ? '0'.repeat(trailingZeros) : ''}`, digits)).toBe(amount);
      }),
    );
  });
});

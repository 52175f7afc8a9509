/**
 * Decimal amounts as other systems write them ("19.99", "62.6793", "0.100", or a JSON number's
 * source text such as 1e2) turned into integer minor units, with exact integer arithmetic: never
 * through a binary float, so "0.1" + "0.2" stays 30 cents.
 */

/** Optional sign, digits with an optional fraction (".5" and "5." included), optional exponent. */
const decimalPattern = /^([+-])?(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d{1,4}))?$/;

/** Bounds the work done on hostile input: no amount a shop sends is longer, no exponent larger. */
const maxDecimalLength = 64;
const maxExponent = 64;

export type DecimalProblem = 'NOT_A_DECIMAL' | 'TOO_PRECISE' | 'TOO_LARGE';

export type MinorUnitsResult =
  | { readonly ok: true; readonly minorUnits: number }
  | { readonly ok: false; readonly problem: DecimalProblem; readonly message: string };

/**
 * How many decimals the currency's minor unit has (JPY 0, EUR 2, KWD 3), from the runtime's ICU
 * data: the same source the rest of the OMS formats money with. The caller checks the code first.
 */
export function minorUnitDigits(currency: string): number {
  return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

/**
 * `text` in minor units of a currency with `digits` decimals: "19.99" with 2 → 1999, "0.1" with 3 →
 * 100, "500" with 0 → 500. Digits beyond the minor unit must be zeros ("19.9900" is fine, "62.6793"
 * in a 2-decimal currency is TOO_PRECISE): money is never rounded silently. Signed results are
 * returned as they are; whether a negative amount is allowed is the caller's rule.
 */
export function decimalToMinorUnits(text: string, digits: number): MinorUnitsResult {
  const trimmed = text.trim();
  const match = trimmed.length <= maxDecimalLength ? decimalPattern.exec(trimmed) : null;
  const [, sign = '', whole = '', fraction = '', exponentText = '0'] = match ?? [];
  if (!match || whole.length + fraction.length === 0) {
    return { ok: false, problem: 'NOT_A_DECIMAL', message: `${JSON.stringify(text.slice(0, maxDecimalLength))} is not a decimal number` };
  }
  const exponent = Number(exponentText);
  if (Math.abs(exponent) > maxExponent) {
    return { ok: false, problem: 'TOO_LARGE', message: `${text} is out of range` };
  }
  // value = mantissa × 10^(exponent − fraction length); in minor units, shift by `digits` more.
  const mantissa = BigInt(`${whole}${fraction}` || '0');
  const shift = digits + exponent - fraction.length;
  let minor: bigint;
  if (shift >= 0) {
    minor = mantissa * 10n ** BigInt(shift);
  } else {
    const divisor = 10n ** BigInt(-shift);
    if (mantissa % divisor !== 0n) {
      return {
        ok: false,
        problem: 'TOO_PRECISE',
        message: `${text} has more decimals than the currency's ${digits}; the OMS does not round money`,
      };
    }
    minor = mantissa / divisor;
  }
  if (minor > BigInt(Number.MAX_SAFE_INTEGER)) {
    return { ok: false, problem: 'TOO_LARGE', message: `${text} is too large an amount` };
  }
  const value = Number(minor);
  return { ok: true, minorUnits: sign === '-' && value !== 0 ? -value : value };
}

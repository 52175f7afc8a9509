import * as z from 'zod';

/** ISO 4217 codes known to the runtime's ICU data (Node.js ships full ICU). */
export const currencyCodes = Intl.supportedValuesOf('currency') as [string, ...string[]];

export const CurrencyCodeSchema = z
  .enum(currencyCodes, { error: 'must be an ISO 4217 currency code such as EUR' })
  .describe('ISO 4217 currency code, e.g. EUR');

/** Money is always an integer number of minor units (cents) with its currency: never a float. */
export const MoneySchema = z
  .strictObject({
    amount: z.int().min(0).max(1_000_000_000_00).describe('Integer amount in minor units (e.g. cents)'),
    currency: CurrencyCodeSchema,
  })
  .meta({ id: 'Money' });

export type Money = z.infer<typeof MoneySchema>;

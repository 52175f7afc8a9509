/**
 * Field types shared by the inbound payload schemas. Platforms are loose about JSON types (an id or
 * a price as a number in one version and a string in another), and the payload is parsed with
 * parseJsonLosslessly, so big ids and decimals arrive as their exact text. These accept both forms
 * and hand the mappers one type each.
 */
import * as z from 'zod';

/** A platform id (order, line, customer): digits, as a number or a string, kept as an exact string. */
export const platformId = z
  .union([z.int().min(0), z.string().regex(/^[0-9]{1,30}$/, 'must be a numeric id')])
  .transform((value) => String(value));

/** A decimal amount as a string ("19.99") or a number (its exact text); read later in the order currency. */
export const decimalAmount = z.union([z.string().max(64), z.number()]).transform((value) => String(value));

/** A count such as a quantity: an integer, or a string of digits. */
export const count = z.union([z.int(), z.string().regex(/^-?[0-9]{1,9}$/, 'must be a whole number')]).transform((value) => Number(value));

/** A text field a platform may send as null or leave out. */
export const optionalText = z.string().nullish();

/**
 * What every channel adapter needs to turn a platform's order into the canonical order
 * (PlaceOrderRequest): exact money in the order's currency, addresses where "empty" means absent,
 * one line per SKU, and errors that name the platform's own field.
 *
 * An adapter builds a candidate order and records, for each canonical field, the field of the
 * platform payload it came from. The candidate is then checked by the canonical contract itself
 * (PlaceOrderRequestSchema), so there is one set of rules, and every violation is reported at the
 * platform's path (`line_items[1].sku`, not `lines[1].sku`).
 */
import { createHash } from 'node:crypto';
import type { Money } from '../contracts/money';
import { CurrencyCodeSchema } from '../contracts/money';
import { AddressSchema, PlaceOrderRequestSchema, type PlaceOrderRequest } from '../contracts/order';
import type { FieldError } from '../contracts/problem';
import { decimalToMinorUnits, minorUnitDigits } from '../domain/decimal-money';
import { BusinessRuleViolation } from '../domain/errors';
import { toFieldErrors } from '../http/request-parsing';
import type { ChannelPlatformName } from './channel-connection';

export type ChannelPlatform = ChannelPlatformName;

/** A canonical path (`lines[0].sku`) → the platform payload's path it came from (`line_items[0].sku`). */
export type SourcePaths = ReadonlyMap<string, string>;

/** The canonical order and where each of its fields came from. */
export interface MappedChannelOrder {
  readonly request: PlaceOrderRequest;
  readonly sources: SourcePaths;
}

/** The parent of a formatted path: `lines[0].sku` → `lines[0]` → `lines` → ``. */
const parentPath = (path: string): string | undefined => {
  if (path === '') return undefined;
  const parent = path.replace(/(\.[^.[\]]+|\[\d+\])$/, '');
  return parent === path ? '' : parent;
};

/**
 * The platform path of a canonical path: the one recorded for it, or for its nearest recorded
 * ancestor (`shippingAddress.coordinates.lat` → what `shippingAddress` came from); unrecorded
 * fields are reported as the canonical field, marked so.
 */
export function sourcePathOf(canonicalPath: string, sources: SourcePaths): string {
  for (let path: string | undefined = canonicalPath; path !== undefined; path = parentPath(path)) {
    const source = sources.get(path);
    if (source !== undefined) return source;
  }
  return `(order) ${canonicalPath}`;
}

/** The same errors, each at the platform's path of its field. */
export const atSourcePaths = (errors: readonly FieldError[], sources: SourcePaths): FieldError[] =>
  errors.map((error) => ({ ...error, path: sourcePathOf(error.path, sources) }));

export const isBlank = (value: string | null | undefined): value is null | undefined | '' => value === null || value === undefined || value.trim() === '';

/** A present, non-blank string, trimmed; otherwise undefined. */
export const text = (value: string | null | undefined): string | undefined => (isBlank(value) ? undefined : value.trim());

/** First name and last name as one, or undefined when both are blank. */
export const fullName = (...parts: (string | null | undefined)[]): string | undefined =>
  text(parts.map((part) => text(part)).filter((part) => part !== undefined).join(' '));

/**
 * A phone number in E.164 (+4930123456) when the value is one once spaces, dashes, dots and
 * brackets are removed; otherwise undefined. Shops store phones as typed ("555-555-SHIP",
 * "(555) 555-5555"): an optional contact detail is dropped rather than block the order.
 */
export function e164Phone(value: string | null | undefined): string | undefined {
  const compact = text(value)?.replace(/[\s\-.()/]/g, '').replace(/^00/, '+');
  return compact !== undefined && /^\+[1-9][0-9]{6,14}$/.test(compact) ? compact : undefined;
}

/**
 * A stable customer id for a guest checkout (no customer account): the same email always gives
 * the same id, so a guest's orders can be found together, without putting the address in an id.
 */
export const guestCustomerId = (email: string): string =>
  `guest-${createHash('sha256').update(email.trim().toLowerCase()).digest('hex').slice(0, 32)}`;

/** Customer notes are free text; the canonical order keeps the first 1000 characters. */
export const orderNotes = (value: string | null | undefined): string | undefined => {
  const notes = text(value);
  return notes !== undefined && notes.length > 1000 ? `${notes.slice(0, 999)}…` : notes;
};

/** One address field: the value and the platform field it was read from (relative to the address). */
export type AddressField = readonly [field: string, value: string | null | undefined];

export interface AddressFields {
  readonly name: AddressField;
  readonly line1: AddressField;
  readonly line2?: AddressField;
  readonly city: AddressField;
  readonly region?: AddressField;
  readonly postalCode: AddressField;
  readonly country: AddressField;
  readonly phone?: AddressField;
  readonly coordinates?: { readonly lat: number; readonly lon: number };
}

const requiredAddressFields = ['name', 'line1', 'city', 'postalCode', 'country'] as const;
const optionalAddressFields = ['line2', 'region'] as const;

/** One order line as read from the platform, in minor units, before lines of one SKU are merged. */
export interface DraftLine {
  /** Where the line is in the payload, e.g. `line_items[0]`. */
  readonly path: string;
  readonly sku: string;
  /** The field the SKU came from (relative to the line), e.g. `sku` or `variant_id` when the SKU was blank. */
  readonly skuField: string;
  readonly lineRef?: string;
  readonly quantity: number;
  readonly unitPrice: number;
  readonly discount: number;
}

/**
 * Builds one canonical order from a platform payload: collects every problem instead of stopping
 * at the first, and remembers where each field came from.
 */
export class ChannelOrderDraft {
  private readonly issues: FieldError[] = [];
  private readonly sources = new Map<string, string>();
  private currencyCode: string | undefined;
  private digits = 2;

  constructor(readonly platform: ChannelPlatform) {}

  /** Records that canonical `canonicalPath` comes from the payload's `sourcePath`. */
  trace(canonicalPath: string, sourcePath: string): void {
    this.sources.set(canonicalPath, sourcePath);
  }

  /** Reports a problem at the payload's `path`; the order is then refused with every problem found. */
  issue(path: string, code: string, message: string): void {
    this.issues.push({ path, code, message });
  }

  /** The order's currency; every amount after this is read in its minor units. */
  currency(code: string | null | undefined, path: string): string | undefined {
    this.trace('currency', path);
    const parsed = CurrencyCodeSchema.safeParse(code?.trim().toUpperCase());
    if (!parsed.success) {
      this.issue(path, 'UNKNOWN_CURRENCY', `${JSON.stringify(code ?? null)} is not an ISO 4217 currency code`);
      return undefined;
    }
    this.currencyCode = parsed.data;
    this.digits = minorUnitDigits(parsed.data);
    return parsed.data;
  }

  /**
   * A decimal amount (a string, or a number's exact JSON text) in the order currency's minor units;
   * blank counts as zero. Reports and answers undefined when it is not exact or is negative.
   */
  amount(value: string | number | null | undefined, path: string): number | undefined {
    if (value === null || value === undefined || (typeof value === 'string' && value.trim() === '')) return 0;
    const result = decimalToMinorUnits(String(value), this.digits);
    if (!result.ok) {
      this.issue(path, result.problem, `${result.message}${result.problem === 'TOO_PRECISE' ? ` (${this.currencyCode ?? 'currency'} has ${this.digits})` : ''}`);
      return undefined;
    }
    if (result.minorUnits < 0) {
      this.issue(path, 'NEGATIVE_AMOUNT', `${String(value)} is negative`);
      return undefined;
    }
    return result.minorUnits;
  }

  /** The sum of several amounts, or undefined when any of them is unreadable. */
  sum(values: readonly (readonly [value: string | number | null | undefined, path: string])[]): number | undefined {
    let total = 0;
    let readable = true;
    for (const [value, path] of values) {
      const amount = this.amount(value, path);
      if (amount === undefined) readable = false;
      else total += amount;
    }
    return readable ? total : undefined;
  }

  /** Money in the order currency, for a minor-unit amount that was read. */
  money(minorUnits: number | undefined): Money | undefined {
    return minorUnits === undefined || this.currencyCode === undefined ? undefined : { amount: minorUnits, currency: this.currencyCode };
  }

  /**
   * An address, or undefined when the platform sent none: null, or every street, city and postcode
   * field blank (a digital or pickup order; shops prefill only the country). A partial address is
   * kept as it is, so the canonical contract names what is missing. `optional` drops an incomplete
   * one instead (a billing address is not needed to deliver).
   */
  address(canonicalPath: string, sourcePath: string, fields: AddressFields | undefined, { optional = false } = {}) {
    if (!fields || [fields.line1, fields.city, fields.postalCode].every(([, value]) => isBlank(value))) return undefined;
    const address: Record<string, unknown> = {};
    for (const key of requiredAddressFields) {
      const [field, value] = fields[key];
      address[key] = key === 'country' ? (value ?? '').trim().toUpperCase() : (value ?? '').trim();
      this.trace(`${canonicalPath}.${key}`, `${sourcePath}.${field}`);
    }
    for (const key of optionalAddressFields) {
      const entry = fields[key];
      const value = text(entry?.[1]);
      if (entry && value !== undefined) {
        address[key] = value;
        this.trace(`${canonicalPath}.${key}`, `${sourcePath}.${entry[0]}`);
      }
    }
    const phone = e164Phone(fields.phone?.[1]);
    if (phone !== undefined) address.phone = phone;
    if (fields.coordinates) address.coordinates = fields.coordinates;
    this.trace(canonicalPath, sourcePath);
    if (optional && !AddressSchema.safeParse(address).success) return undefined;
    return address;
  }

  /**
   * Canonical lines: one per SKU, because the OMS refuses a second line of the same SKU (it keeps
   * reservations, cancellations and returns unambiguous). Lines of one SKU become one line with
   * the summed quantity at the highest unit price; what the cheaper units cost less is carried as
   * discount, so the line total is exactly the sum of the merged lines. The merged line keeps the
   * platform line ids joined by "/" (the first id alone when that is too long).
   */
  lines(draftLines: readonly DraftLine[]): Record<string, unknown>[] {
    const bySku = new Map<string, DraftLine[]>();
    for (const line of draftLines) bySku.set(line.sku, [...(bySku.get(line.sku) ?? []), line]);
    return [...bySku.values()].map((group, index) => {
      const [first] = group as [DraftLine, ...DraftLine[]];
      const unitPrice = Math.max(...group.map((line) => line.unitPrice));
      const quantity = group.reduce((sum, line) => sum + line.quantity, 0);
      const discount = group.reduce((sum, line) => sum + line.discount + line.quantity * (unitPrice - line.unitPrice), 0);
      const refs = group.map((line) => line.lineRef).filter((ref) => ref !== undefined);
      const joinedRef = refs.join('/');
      const lineRef = refs.length === 0 ? undefined : joinedRef.length <= 64 ? joinedRef : refs[0];
      this.trace(`lines[${index}]`, first.path);
      this.trace(`lines[${index}].sku`, `${first.path}.${first.skuField}`);
      this.trace(`lines[${index}].quantity`, `${first.path}.quantity`);
      return {
        ...(lineRef !== undefined && { lineRef }),
        sku: first.sku,
        quantity,
        unitPrice: this.money(unitPrice),
        ...(discount > 0 && { discount: this.money(discount) }),
      };
    });
  }

  /**
   * The canonical order, checked by the canonical contract. Throws BusinessRuleViolation (422)
   * with every problem, each at the platform's path, when the order cannot be captured as sent.
   */
  finish(candidate: Record<string, unknown>): MappedChannelOrder {
    const parsed = PlaceOrderRequestSchema.safeParse(candidate);
    // Without a readable currency no amount could be given one; the currency's own error says why.
    const moneyField = /(^|\.)(unitPrice|discount|shippingPrice|taxTotal|expectedTotal)(\.|$)/;
    const canonicalErrors = parsed.success ? [] : toFieldErrors(parsed.error).filter((error) => this.currencyCode !== undefined || !moneyField.test(error.path));
    const contractErrors = atSourcePaths(canonicalErrors, this.sources);
    // A field already reported while reading (e.g. an amount with too many decimals) is not reported again by the contract.
    const alreadyReported = (path: string) => this.issues.some((issue) => issue.path === path || issue.path.startsWith(`${path}.`) || issue.path.startsWith(`${path}[`));
    const errors = [...this.issues, ...contractErrors.filter((error) => !alreadyReported(error.path))];
    if (!parsed.success || errors.length > 0) {
      throw new BusinessRuleViolation(
        'CHANNEL_ORDER_NOT_CAPTURABLE',
        `The ${this.platform} order cannot be captured as the OMS's canonical order; see errors for the fields`,
        errors,
      );
    }
    return { request: parsed.data, sources: this.sources };
  }
}

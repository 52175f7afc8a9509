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

/** Who an address is for: the person's name, else the company's. */
export const addressee = (address: { first_name?: string | null; last_name?: string | null; company?: string | null }): string | undefined =>
  fullName(address.first_name, address.last_name) ?? text(address.company);

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

/** BigCommerce and WooCommerce send 0 for "none": a guest's customer id, a product's variant when it has none. */
export const nonZeroId = (id: string | null | undefined): string | undefined => (id && id !== '0' ? id : undefined);

/**
 * A line's SKU, or, for a product without one (platforms do not require SKUs), a stable stand-in
 * from the first of `standIns` that is set (`shopify:variant:4011`), else from the line's own id.
 */
export function skuOrStandIn(
  platform: ChannelPlatform,
  line: { readonly sku?: string | null | undefined; readonly id: string },
  standIns: readonly (readonly [field: string, kind: string, id: string | null | undefined])[],
): Pick<DraftLine, 'sku' | 'skuField'> {
  const sku = text(line.sku);
  if (sku !== undefined) return { sku, skuField: 'sku' };
  const standIn = standIns.find(([, , id]) => id);
  return standIn ? { sku: `${platform}:${standIn[1]}:${standIn[2]}`, skuField: standIn[0] } : { sku: `${platform}:line:${line.id}`, skuField: 'id' };
}

/** Customer notes are free text; the canonical order keeps the first 1000 characters. */
export const orderNotes = (value: string | null | undefined): string | undefined => {
  const notes = text(value);
  return notes !== undefined && notes.length > 1000 ? `${notes.slice(0, 999)}…` : notes;
};

/** A value and the platform field it was read from. */
export type PayloadField<Value> = readonly [field: string, value: Value];

/** One address field: the value and the platform field it was read from (relative to the address). */
export type AddressField = PayloadField<string | null | undefined>;

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
 * What a platform's mapper has read, each with the platform field it came from; `finish` assembles
 * the canonical order from it the same way for every platform.
 */
export interface ChannelOrderParts {
  readonly channelOrderRef: PayloadField<string>;
  readonly customer: {
    /** Where the customer's details are read, e.g. `billing_address`. */
    readonly path: string;
    /** The customer's account on the platform; none for a guest checkout, who gets a stable id from the email. */
    readonly accountId: PayloadField<string | null | undefined>;
    readonly email: PayloadField<string | undefined>;
    readonly name: string | undefined;
    readonly phone: string | undefined;
  };
  readonly currency: string | undefined;
  readonly lines: readonly DraftLine[];
  readonly shippingAddress: Record<string, unknown> | undefined;
  readonly billingAddress: Record<string, unknown> | undefined;
  /** Minor units; none or zero leaves the field out. */
  readonly shippingPrice: number | undefined;
  /** Minor units; none or zero leaves the field out (as does a tax already included in the prices). */
  readonly taxTotal: number | undefined;
  readonly payment: PayloadField<{ readonly reference: string; readonly provider: string; readonly method?: string }>;
  readonly expectedTotal: number | undefined;
  readonly notes: PayloadField<string | null | undefined>;
  /** What the platform adds to the metadata, after `platform`; entries left undefined are left out. */
  readonly metadata: Readonly<Record<string, string | undefined>>;
}

/**
 * The customer on platforms that keep the customer's contact details on the billing address (at
 * `billingPath`) and send customer id 0 for a guest checkout: BigCommerce and WooCommerce.
 */
export const billingAddressCustomer = (
  billingPath: string,
  billing: { first_name?: string | null; last_name?: string | null; email?: string | null; phone?: string | null } | null | undefined,
  customerId: string | null | undefined,
): ChannelOrderParts['customer'] => ({
  path: billingPath,
  accountId: ['customer_id', nonZeroId(customerId)],
  email: [`${billingPath}.email`, text(billing?.email)],
  name: fullName(billing?.first_name, billing?.last_name),
  phone: e164Phone(billing?.phone),
});

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

  /** An order-level amount read from `path`, the field canonical `canonicalPath` then comes from. */
  amountFor(canonicalPath: string, value: string | number | null | undefined, path: string): number | undefined {
    this.trace(canonicalPath, path);
    return this.amount(value, path);
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
  private address(canonicalPath: string, sourcePath: string, fields: AddressFields | undefined, { optional = false } = {}) {
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
   * The address the order ships to. An order without one (a digital or pickup order, as the
   * platform calls them: `orderKinds`) is reported at `missingAt`: the OMS captures orders it
   * delivers to an address.
   */
  shippingAddress(sourcePath: string, fields: AddressFields | undefined, { missingAt, orderKinds }: { missingAt: string; orderKinds: string }) {
    const address = this.address('shippingAddress', sourcePath, fields);
    if (!address) {
      this.issue(missingAt, 'NO_SHIPPING_ADDRESS', `The order has no shipping address (a ${orderKinds} order); the OMS captures orders it delivers to an address`);
    }
    return address;
  }

  /** The billing address when complete; an incomplete one is dropped, as a billing address is not needed to deliver. */
  billingAddress(sourcePath: string, fields: AddressFields | undefined) {
    return this.address('billingAddress', sourcePath, fields, { optional: true });
  }

  /** When the order was placed on the platform, as an ISO-8601 instant; a value `parse` cannot read is reported as not `expected`. */
  placedAt(value: string | null | undefined, path: string, parse: (value: string) => string | undefined, expected: string): string | undefined {
    const placedAt = text(value);
    const instant = placedAt === undefined ? undefined : parse(placedAt);
    if (placedAt !== undefined && instant === undefined) this.issue(path, 'INVALID_DATE', `${placedAt} is not ${expected}`);
    return instant;
  }

  /**
   * Canonical lines: one per SKU, because the OMS refuses a second line of the same SKU (it keeps
   * reservations, cancellations and returns unambiguous). Lines of one SKU become one line with
   * the summed quantity at the highest unit price; what the cheaper units cost less is carried as
   * discount, so the line total is exactly the sum of the merged lines. The merged line keeps the
   * platform line ids joined by "/" (the first id alone when that is too long).
   */
  private lines(draftLines: readonly DraftLine[]): Record<string, unknown>[] {
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
   * The canonical order, assembled from what the mapper read (every platform's order is a home
   * delivery) and checked by the canonical contract. Throws BusinessRuleViolation (422) with every
   * problem, each at the platform's path, when the order cannot be captured as sent.
   */
  finish({ channelOrderRef, customer, currency, lines, shippingAddress, billingAddress, shippingPrice, taxTotal, payment, expectedTotal, notes, metadata }: ChannelOrderParts): MappedChannelOrder {
    this.trace('channelOrderRef', channelOrderRef[0]);
    this.trace('customer', customer.path);
    this.trace('customer.email', customer.email[0]);
    this.trace('customer.id', customer.accountId[0]);
    this.trace('payment', payment[0]);
    this.trace('notes', notes[0]);
    this.trace('metadata', '');
    const [, email] = customer.email;
    const keptNotes = orderNotes(notes[1]);
    return this.checked({
      channelOrderRef: channelOrderRef[1],
      customer: {
        id: customer.accountId[1] ?? (email === undefined ? '' : guestCustomerId(email)),
        email: email ?? '',
        ...(customer.name !== undefined && { name: customer.name }),
        ...(customer.phone !== undefined && { phone: customer.phone }),
      },
      currency,
      lines: this.lines(lines),
      deliveryMethod: 'HOME_DELIVERY',
      ...(shippingAddress && { shippingAddress }),
      ...(billingAddress && { billingAddress }),
      ...(shippingPrice !== undefined && shippingPrice > 0 && { shippingPrice: this.money(shippingPrice) }),
      ...(taxTotal !== undefined && taxTotal > 0 && { taxTotal: this.money(taxTotal) }),
      payment: payment[1],
      ...(expectedTotal !== undefined && { expectedTotal: this.money(expectedTotal) }),
      ...(keptNotes !== undefined && { notes: keptNotes }),
      metadata: Object.fromEntries(Object.entries({ platform: this.platform, ...metadata }).filter(([, value]) => value !== undefined)),
    });
  }

  /** The candidate as the canonical contract reads it, or every problem found while reading and by the contract. */
  private checked(candidate: Record<string, unknown>): MappedChannelOrder {
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

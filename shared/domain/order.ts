/**
 * The order aggregate at capture time: its invariants and how its totals are computed.
 * Money is integer minor units throughout, so totals are exact.
 */
import { createHash } from 'node:crypto';
import type { Money } from '../contracts/money';
import {
  storeDeliveryMethods,
  type Actor,
  type Order,
  type OrderStatus,
  type PlaceOrderRequest,
} from '../contracts/order';
import type { FieldError } from '../contracts/problem';
import { BusinessRuleViolation } from './errors';

const money = (amount: number, currency: string): Money => ({ amount, currency });

/** Every rule a syntactically valid order must also satisfy; all violations are reported at once. */
export function findOrderRuleViolations(request: PlaceOrderRequest, channelId: string): FieldError[] {
  const violations: FieldError[] = [];
  const add = (path: string, code: string, message: string) => violations.push({ path, code, message });

  if (request.channelId !== undefined && request.channelId !== channelId) {
    add('channelId', 'CHANNEL_MISMATCH', `channelId must be the API key's channel (${channelId}) or be left out`);
  }

  const checkCurrency = (path: string, value: Money | undefined) => {
    if (value && value.currency !== request.currency) {
      add(path, 'CURRENCY_MISMATCH', `currency ${value.currency} differs from the order currency ${request.currency}`);
    }
  };

  const lineOfSku = new Map<string, number>();
  const lineOfRef = new Map<string, number>();
  request.lines.forEach((line, index) => {
    checkCurrency(`lines[${index}].unitPrice.currency`, line.unitPrice);
    checkCurrency(`lines[${index}].discount.currency`, line.discount);
    const firstIndex = lineOfSku.get(line.sku);
    if (firstIndex !== undefined) {
      add(
        `lines[${index}].sku`,
        'DUPLICATE_SKU',
        `sku ${line.sku} is already on lines[${firstIndex}]; send one line per SKU with the summed quantity`,
      );
    } else {
      lineOfSku.set(line.sku, index);
    }
    if (line.lineRef !== undefined) {
      const refIndex = lineOfRef.get(line.lineRef);
      if (refIndex !== undefined) {
        add(`lines[${index}].lineRef`, 'DUPLICATE_LINE_REF', `lineRef ${line.lineRef} is already used on lines[${refIndex}]`);
      } else {
        lineOfRef.set(line.lineRef, index);
      }
    }
    if (line.discount && line.discount.amount > line.quantity * line.unitPrice.amount) {
      add(`lines[${index}].discount.amount`, 'DISCOUNT_EXCEEDS_LINE', 'a discount cannot exceed quantity × unitPrice');
    }
  });
  checkCurrency('shippingPrice.currency', request.shippingPrice);
  checkCurrency('taxTotal.currency', request.taxTotal);
  checkCurrency('expectedTotal.currency', request.expectedTotal);

  const collectsInStore = storeDeliveryMethods.includes(request.deliveryMethod);
  if (collectsInStore) {
    if (!request.pickupStoreId) add('pickupStoreId', 'REQUIRED_FOR_DELIVERY_METHOD', `${request.deliveryMethod} needs a pickupStoreId`);
    if (request.shippingAddress) add('shippingAddress', 'NOT_ALLOWED_FOR_DELIVERY_METHOD', `${request.deliveryMethod} is collected in store: leave out shippingAddress`);
  } else {
    if (!request.shippingAddress) add('shippingAddress', 'REQUIRED_FOR_DELIVERY_METHOD', `${request.deliveryMethod} needs a shippingAddress`);
    if (request.pickupStoreId) add('pickupStoreId', 'NOT_ALLOWED_FOR_DELIVERY_METHOD', `${request.deliveryMethod} ships to an address: leave out pickupStoreId`);
  }

  if (violations.length === 0 && request.expectedTotal) {
    const { grandTotal } = computeTotals(request);
    if (grandTotal.amount !== request.expectedTotal.amount) {
      add(
        'expectedTotal.amount',
        'TOTAL_MISMATCH',
        `the order totals ${grandTotal.amount} (lines − discounts + shipping + tax), not ${request.expectedTotal.amount}`,
      );
    }
  }
  return violations;
}

export function computeTotals(request: Pick<PlaceOrderRequest, 'currency' | 'shippingPrice' | 'taxTotal'> & { readonly lines: readonly Pick<PlaceOrderRequest['lines'][number], 'quantity' | 'unitPrice' | 'discount'>[] }): Order['totals'] {
  const { currency } = request;
  const subtotal = request.lines.reduce((sum, line) => sum + line.quantity * line.unitPrice.amount, 0);
  const discountTotal = request.lines.reduce((sum, line) => sum + (line.discount?.amount ?? 0), 0);
  const shippingTotal = request.shippingPrice?.amount ?? 0;
  const taxTotal = request.taxTotal?.amount ?? 0;
  return {
    subtotal: money(subtotal, currency),
    discountTotal: money(discountTotal, currency),
    shippingTotal: money(shippingTotal, currency),
    taxTotal: money(taxTotal, currency),
    grandTotal: money(subtotal - discountTotal + shippingTotal + taxTotal, currency),
  };
}

/**
 * A stable digest of what the channel asked for. Two requests with the same channel order reference
 * are the same order only if their digests match; otherwise the second one is a conflict.
 */
export function fingerprintOrderRequest(request: PlaceOrderRequest): string {
  return createHash('sha256').update(canonicalJson(request)).digest('hex');
}

/** JSON with sorted keys and no undefined fields: equal content gives equal text, whatever the key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export interface NewOrderContext {
  readonly orderId: string;
  readonly channelId: string;
  readonly placedAt: string;
  readonly placedBy: Actor;
}

/** Builds a freshly placed order; throws when the request breaks a business rule. */
export function placeNewOrder(request: PlaceOrderRequest, context: NewOrderContext): Order {
  const violations = findOrderRuleViolations(request, context.channelId);
  if (violations.length > 0) {
    throw new BusinessRuleViolation('ORDER_RULES_VIOLATED', 'The order breaks one or more business rules', violations);
  }
  const { currency } = request;
  const status: OrderStatus = 'PLACED';
  return {
    id: context.orderId,
    channelId: context.channelId,
    channelOrderRef: request.channelOrderRef,
    status,
    version: 1,
    customer: request.customer,
    currency,
    lines: request.lines.map((line, index) => ({
      lineId: `${context.orderId}-${index + 1}`,
      ...(line.lineRef !== undefined && { lineRef: line.lineRef }),
      sku: line.sku,
      quantity: line.quantity,
      unitPrice: line.unitPrice,
      discount: line.discount ?? money(0, currency),
      lineTotal: money(line.quantity * line.unitPrice.amount - (line.discount?.amount ?? 0), currency),
    })),
    deliveryMethod: request.deliveryMethod,
    ...(request.shippingAddress && { shippingAddress: request.shippingAddress }),
    ...(request.pickupStoreId && { pickupStoreId: request.pickupStoreId }),
    ...(request.billingAddress && { billingAddress: request.billingAddress }),
    payment: request.payment,
    totals: computeTotals(request),
    ...(request.notes !== undefined && { notes: request.notes }),
    ...(request.metadata && { metadata: request.metadata }),
    placedAt: context.placedAt,
    updatedAt: context.placedAt,
    statusHistory: [{ status, at: context.placedAt, by: context.placedBy, reason: 'Order captured' }],
  };
}

/**
 * A WooCommerce order as the OMS's canonical order. Pure: the same payload always gives the same
 * order, so a redelivered webhook is recognized as the same order.
 */
import { decimalToMinorUnits } from '../../domain/decimal-money';
import { isoFromZonelessUtc } from '../channel-dates';
import {
  ChannelOrderDraft,
  e164Phone,
  fullName,
  guestCustomerId,
  isBlank,
  orderNotes,
  text,
  type AddressFields,
  type DraftLine,
  type MappedChannelOrder,
} from '../channel-order-draft';
import type { WooCommerceAddress, WooCommerceOrderWebhook } from './woocommerce-order';

const addressFields = (address: WooCommerceAddress | null | undefined): AddressFields | undefined =>
  address
    ? {
        name: ['first_name', fullName(address.first_name, address.last_name) ?? text(address.company)],
        line1: ['address_1', address.address_1],
        line2: ['address_2', address.address_2],
        city: ['city', address.city],
        region: ['state', address.state],
        postalCode: ['postcode', address.postcode],
        country: ['country', address.country],
        phone: ['phone', address.phone],
      }
    : undefined;

const isEmptyAddress = (address: WooCommerceAddress | null | undefined) =>
  !address || [address.address_1, address.city, address.postcode].every((value) => isBlank(value));

/** Gateway ids whose payment method is unambiguous; others leave the method out. */
const paymentMethodOfGateway: Readonly<Record<string, 'CASH_ON_DELIVERY' | 'BANK_TRANSFER'>> = { cod: 'CASH_ON_DELIVERY', bacs: 'BANK_TRANSFER' };

/** A line's SKU, or, for a product without one (WooCommerce does not require SKUs), a stable stand-in. */
function skuOf(item: WooCommerceOrderWebhook['line_items'][number]): Pick<DraftLine, 'sku' | 'skuField'> {
  const sku = text(item.sku);
  if (sku !== undefined) return { sku, skuField: 'sku' };
  if (item.variation_id && item.variation_id !== '0') return { sku: `woocommerce:variation:${item.variation_id}`, skuField: 'variation_id' };
  if (item.product_id && item.product_id !== '0') return { sku: `woocommerce:product:${item.product_id}`, skuField: 'product_id' };
  return { sku: `woocommerce:line:${item.id}`, skuField: 'id' };
}

const isZero = (value: string) => {
  const result = decimalToMinorUnits(value, 18);
  return result.ok && result.minorUnits === 0;
};

export function mapWooCommerceOrder(order: WooCommerceOrderWebhook): MappedChannelOrder {
  const draft = new ChannelOrderDraft('woocommerce');
  const currency = draft.currency(order.currency, 'currency');

  const lines = order.line_items.map((item, index): DraftLine => {
    const path = `line_items[${index}]`;
    const subtotal = draft.amount(item.subtotal, `${path}.subtotal`) ?? 0;
    const total = draft.amount(item.total, `${path}.total`) ?? 0;
    // WooCommerce keeps line amounts, not unit prices: 10.00 for 3 units is not a whole number of
    // cents each. The unit price is rounded up and the difference carried as discount, with what
    // coupons took off, so quantity × unitPrice − discount is exactly the line's total.
    const quantity = item.quantity;
    const unitPrice = quantity > 0 ? Math.ceil(subtotal / quantity) : subtotal;
    const discount = unitPrice * quantity - total;
    if (discount < 0) draft.issue(`${path}.total`, 'LINE_TOTAL_ABOVE_SUBTOTAL', `total ${item.total} is more than subtotal ${item.subtotal}`);
    return { path, ...skuOf(item), lineRef: item.id, quantity, unitPrice, discount: Math.max(discount, 0) };
  });
  draft.trace('lines', 'line_items');

  const shipping = draft.sum((order.shipping_lines ?? []).map((line, index) => [line.total, `shipping_lines[${index}].total`] as const));
  draft.trace('shippingPrice', 'shipping_lines');
  const tax = draft.amount(order.total_tax, 'total_tax');
  draft.trace('taxTotal', 'total_tax');
  const total = draft.amount(order.total, 'total');
  draft.trace('expectedTotal', 'total');
  (order.fee_lines ?? []).forEach((fee, index) => {
    if (!isZero(fee.total)) {
      draft.issue(`fee_lines[${index}].total`, 'UNSUPPORTED_CHARGE', 'The order has a fee; the canonical order has no field for one, so its total could not be kept exact');
    }
  });

  // With "ship to billing address only" WooCommerce leaves `shipping` empty on orders it ships.
  const shipsToBilling = isEmptyAddress(order.shipping) && (order.shipping_lines ?? []).length > 0;
  const shippingSource = shipsToBilling ? 'billing' : 'shipping';
  const shippingAddress = draft.address('shippingAddress', shippingSource, addressFields(shipsToBilling ? order.billing : order.shipping));
  const billingAddress = draft.address('billingAddress', 'billing', addressFields(order.billing), { optional: true });
  if (!shippingAddress) {
    draft.issue('shipping', 'NO_SHIPPING_ADDRESS', 'The order has no shipping address (a virtual or pickup order); the OMS captures orders it delivers to an address');
  }

  const email = text(order.billing?.email);
  const customerId = order.customer_id && order.customer_id !== '0' ? order.customer_id : email === undefined ? '' : guestCustomerId(email);
  const customerName = fullName(order.billing?.first_name, order.billing?.last_name);
  const customerPhone = e164Phone(order.billing?.phone);
  draft.trace('customer', 'billing');
  draft.trace('customer.email', 'billing.email');
  draft.trace('customer.id', 'customer_id');

  draft.trace('channelOrderRef', 'id');
  const gateway = text(order.payment_method);
  draft.trace('payment', 'payment_method');
  draft.trace('notes', 'customer_note');
  const placedAtGmt = text(order.date_created_gmt);
  const channelPlacedAt = placedAtGmt === undefined ? undefined : isoFromZonelessUtc(placedAtGmt);
  if (placedAtGmt !== undefined && channelPlacedAt === undefined) {
    draft.issue('date_created_gmt', 'INVALID_DATE', `${placedAtGmt} is not a date-time such as 2017-03-22T19:28:02`);
  }
  draft.trace('metadata', '');
  const orderNumber = order.number === null || order.number === undefined ? undefined : text(String(order.number));

  return draft.finish({
    channelOrderRef: order.id,
    customer: {
      id: customerId,
      email: email ?? '',
      ...(customerName !== undefined && { name: customerName }),
      ...(customerPhone !== undefined && { phone: customerPhone }),
    },
    currency,
    lines: draft.lines(lines),
    deliveryMethod: 'HOME_DELIVERY',
    ...(shippingAddress && { shippingAddress }),
    ...(billingAddress && { billingAddress }),
    ...(shipping !== undefined && shipping > 0 && { shippingPrice: draft.money(shipping) }),
    ...(tax !== undefined && tax > 0 && { taxTotal: draft.money(tax) }),
    payment: {
      reference: text(order.transaction_id) ?? `woocommerce:order:${order.id}`,
      provider: (gateway ?? 'woocommerce').slice(0, 64),
      ...(gateway !== undefined && paymentMethodOfGateway[gateway] && { method: paymentMethodOfGateway[gateway] }),
    },
    ...(total !== undefined && { expectedTotal: draft.money(total) }),
    ...(orderNotes(order.customer_note) !== undefined && { notes: orderNotes(order.customer_note) }),
    metadata: {
      platform: 'woocommerce',
      ...(orderNumber !== undefined && { channelOrderNumber: orderNumber }),
      ...(channelPlacedAt !== undefined && { channelPlacedAt }),
    },
  });
}

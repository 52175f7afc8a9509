/**
 * A WooCommerce order as the OMS's canonical order. Pure: the same payload always gives the same
 * order, so a redelivered webhook is recognized as the same order.
 */
import { decimalToMinorUnits } from '../../domain/decimal-money';
import { isoFromZonelessUtc } from '../channel-dates';
import {
  addressee,
  billingAddressCustomer,
  ChannelOrderDraft,
  isBlank,
  nonZeroId,
  skuOrStandIn,
  text,
  type AddressFields,
  type DraftLine,
  type MappedChannelOrder,
} from '../channel-order-draft';
import type { WooCommerceAddress, WooCommerceOrderWebhook } from './woocommerce-order';

const addressFields = (address: WooCommerceAddress | null | undefined): AddressFields | undefined =>
  address
    ? {
        name: ['first_name', addressee(address)],
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

const skuOf = (item: WooCommerceOrderWebhook['line_items'][number]) =>
  skuOrStandIn('woocommerce', item, [
    ['variation_id', 'variation', nonZeroId(item.variation_id)],
    ['product_id', 'product', nonZeroId(item.product_id)],
  ]);

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
  const tax = draft.amountFor('taxTotal', order.total_tax, 'total_tax');
  const total = draft.amountFor('expectedTotal', order.total, 'total');
  (order.fee_lines ?? []).forEach((fee, index) => {
    if (!isZero(fee.total)) {
      draft.issue(`fee_lines[${index}].total`, 'UNSUPPORTED_CHARGE', 'The order has a fee; the canonical order has no field for one, so its total could not be kept exact');
    }
  });

  // With "ship to billing address only" WooCommerce leaves `shipping` empty on orders it ships.
  const shipsToBilling = isEmptyAddress(order.shipping) && (order.shipping_lines ?? []).length > 0;
  const shippingSource = shipsToBilling ? 'billing' : 'shipping';
  const shippingAddress = draft.shippingAddress(shippingSource, addressFields(shipsToBilling ? order.billing : order.shipping), {
    missingAt: 'shipping',
    orderKinds: 'virtual or pickup',
  });
  const billingAddress = draft.billingAddress('billing', addressFields(order.billing));
  const gateway = text(order.payment_method);
  const channelPlacedAt = draft.placedAt(order.date_created_gmt, 'date_created_gmt', isoFromZonelessUtc, 'a date-time such as 2017-03-22T19:28:02');
  const orderNumber = order.number === null || order.number === undefined ? undefined : text(String(order.number));

  return draft.finish({
    channelOrderRef: ['id', order.id],
    customer: billingAddressCustomer('billing', order.billing, order.customer_id),
    currency,
    lines,
    shippingAddress,
    billingAddress,
    shippingPrice: shipping,
    taxTotal: tax,
    payment: [
      'payment_method',
      {
        reference: text(order.transaction_id) ?? `woocommerce:order:${order.id}`,
        provider: (gateway ?? 'woocommerce').slice(0, 64),
        ...(gateway !== undefined && paymentMethodOfGateway[gateway] && { method: paymentMethodOfGateway[gateway] }),
      },
    ],
    expectedTotal: total,
    notes: ['customer_note', order.customer_note],
    metadata: { channelOrderNumber: orderNumber, channelPlacedAt },
  });
}

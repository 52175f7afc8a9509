/**
 * A Shopify order as the OMS's canonical order. Pure: no I/O, the same payload always gives the
 * same order, so a redelivered webhook is recognized as the same order.
 */
import { isoFromIsoWithOffset } from '../channel-dates';
import {
  addressee,
  ChannelOrderDraft,
  e164Phone,
  fullName,
  skuOrStandIn,
  text,
  type AddressFields,
  type DraftLine,
  type MappedChannelOrder,
} from '../channel-order-draft';
import type { ShopifyAddress, ShopifyOrderWebhook } from './shopify-order';

const coordinatesOf = (address: ShopifyAddress) => {
  const lat = Number(address.latitude ?? Number.NaN);
  const lon = Number(address.longitude ?? Number.NaN);
  const valid = Number.isFinite(lat) && Number.isFinite(lon) && Math.abs(lat) <= 90 && Math.abs(lon) <= 180 && (lat !== 0 || lon !== 0);
  return valid ? { lat, lon } : undefined;
};

const addressFields = (address: ShopifyAddress | null | undefined): AddressFields | undefined =>
  address
    ? {
        name: ['name', text(address.name) ?? addressee(address)],
        line1: ['address1', address.address1],
        line2: ['address2', address.address2],
        city: ['city', address.city],
        region: text(address.province_code) ? ['province_code', address.province_code] : ['province', address.province],
        postalCode: ['zip', address.zip],
        country: ['country_code', address.country_code],
        phone: ['phone', address.phone],
        coordinates: coordinatesOf(address),
      }
    : undefined;

/** Gateways whose payment method is unambiguous; others leave the method out. */
const paymentMethodOfGateway: Readonly<Record<string, 'GIFT_CARD' | 'CASH_ON_DELIVERY' | 'BANK_TRANSFER'>> = {
  gift_card: 'GIFT_CARD',
  cash_on_delivery: 'CASH_ON_DELIVERY',
  'Cash on Delivery (COD)': 'CASH_ON_DELIVERY',
  bank_deposit: 'BANK_TRANSFER',
  'Bank Deposit': 'BANK_TRANSFER',
};

const skuOf = (item: ShopifyOrderWebhook['line_items'][number]) =>
  skuOrStandIn('shopify', item, [
    ['variant_id', 'variant', item.variant_id],
    ['product_id', 'product', item.product_id],
  ]);

export function mapShopifyOrder(order: ShopifyOrderWebhook): MappedChannelOrder {
  const draft = new ChannelOrderDraft('shopify');
  const currency = draft.currency(order.currency, 'currency');

  const lines = order.line_items.map((item, index): DraftLine => {
    const path = `line_items[${index}]`;
    const allocations = item.discount_allocations ?? [];
    const discount =
      allocations.length > 0
        ? draft.sum(allocations.map((allocation, at) => [allocation.amount, `${path}.discount_allocations[${at}].amount`] as const))
        : draft.amount(item.total_discount, `${path}.total_discount`);
    return {
      path,
      ...skuOf(item),
      lineRef: item.id,
      quantity: item.quantity,
      unitPrice: draft.amount(item.price, `${path}.price`) ?? 0,
      discount: discount ?? 0,
    };
  });
  draft.trace('lines', 'line_items');

  // What the customer paid for shipping: after shipping discounts (free-shipping codes), like total_price.
  const shipping = draft.sum(
    (order.shipping_lines ?? []).map((line, index) => [line.discounted_price ?? line.price, `shipping_lines[${index}].${line.discounted_price == null ? 'price' : 'discounted_price'}`] as const),
  );
  draft.trace('shippingPrice', 'shipping_lines');
  const taxesIncluded = order.taxes_included === true;
  const tax = draft.amountFor('taxTotal', order.total_tax, 'total_tax');
  const total = draft.amountFor('expectedTotal', order.total_price, 'total_price');
  if ((draft.amount(order.total_tip_received, 'total_tip_received') ?? 0) > 0) {
    draft.issue('total_tip_received', 'UNSUPPORTED_CHARGE', 'The order has a tip; the canonical order has no field for one, so its total could not be kept exact');
  }

  const shippingAddress = draft.shippingAddress('shipping_address', addressFields(order.shipping_address), {
    missingAt: 'shipping_address',
    orderKinds: 'digital or local-pickup',
  });
  const billingAddress = draft.billingAddress('billing_address', addressFields(order.billing_address));

  const gateways = order.payment_gateway_names ?? [];
  const method = gateways.length === 1 ? paymentMethodOfGateway[gateways[0] ?? ''] : undefined;
  const channelPlacedAt = draft.placedAt(order.created_at, 'created_at', isoFromIsoWithOffset, 'an ISO-8601 date-time');

  return draft.finish({
    channelOrderRef: ['id', order.id],
    customer: {
      path: 'customer',
      accountId: ['customer.id', order.customer?.id],
      email: [
        text(order.email) ? 'email' : text(order.contact_email) ? 'contact_email' : 'customer.email',
        text(order.email) ?? text(order.contact_email) ?? text(order.customer?.email),
      ],
      name: fullName(order.customer?.first_name, order.customer?.last_name) ?? fullName(order.billing_address?.first_name, order.billing_address?.last_name),
      phone: e164Phone(order.customer?.phone) ?? e164Phone(order.phone),
    },
    currency,
    lines,
    shippingAddress,
    billingAddress,
    shippingPrice: shipping,
    // With tax-inclusive prices the tax is already in the line prices: adding it again would count it twice.
    taxTotal: taxesIncluded ? undefined : tax,
    payment: ['payment_gateway_names', { reference: `shopify:order:${order.id}`, provider: 'shopify', ...(method && { method }) }],
    expectedTotal: total,
    notes: ['note', order.note],
    metadata: {
      channelOrderName: text(order.name),
      channelPlacedAt,
      ...(order.test === true && { test: 'true' }),
      ...(taxesIncluded && { taxesIncluded: 'true', includedTax: order.total_tax ?? '0' }),
    },
  });
}

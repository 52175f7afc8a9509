/**
 * A BigCommerce V2 order (with its products and shipping addresses) as the OMS's canonical order.
 * Pure: the same documents always give the same order, so a redelivered webhook is recognized as
 * the same order. Only fields fixed when the order is placed are read (not its status or
 * modification date), so a redelivery after a status change still matches.
 */
import { isoFromRfc2822 } from '../channel-dates';
import {
  addressee,
  billingAddressCustomer,
  ChannelOrderDraft,
  nonZeroId,
  skuOrStandIn,
  text,
  type AddressFields,
  type DraftLine,
  type MappedChannelOrder,
} from '../channel-order-draft';
import type { BigCommerceAddress, BigCommerceOrder, BigCommerceOrderProduct } from './bigcommerce-order';

/** The order with its sub-resources, inline or fetched. */
export interface BigCommerceOrderDocuments {
  readonly order: BigCommerceOrder;
  readonly products: readonly BigCommerceOrderProduct[];
  readonly shippingAddresses: readonly BigCommerceAddress[];
}

const addressFields = (address: BigCommerceAddress | undefined): AddressFields | undefined =>
  address
    ? {
        name: ['first_name', addressee(address)],
        line1: ['street_1', address.street_1],
        line2: ['street_2', address.street_2],
        city: ['city', address.city],
        region: ['state', address.state],
        postalCode: ['zip', address.zip],
        country: ['country_iso2', address.country_iso2],
        phone: ['phone', address.phone],
      }
    : undefined;

const skuOf = (product: BigCommerceOrderProduct) =>
  skuOrStandIn('bigcommerce', product, [
    ['variant_id', 'variant', nonZeroId(product.variant_id)],
    ['product_id', 'product', nonZeroId(product.product_id)],
  ]);

export function mapBigCommerceOrder({ order, products, shippingAddresses }: BigCommerceOrderDocuments): MappedChannelOrder {
  const draft = new ChannelOrderDraft('bigcommerce');
  const currency = draft.currency(text(order.currency_code) ?? order.default_currency_code, text(order.currency_code) ? 'currency_code' : 'default_currency_code');
  // With tax-inclusive pricing the amounts the shopper saw include tax; the ex-tax ones are derived
  // with up to 4 decimals and would not be whole cents. Tax is then not added a second time.
  const taxInclusive = order.is_tax_inclusive_pricing === true;

  const lines = products.map((product, index): DraftLine => {
    const path = `products[${index}]`;
    const price = taxInclusive ? ([product.price_inc_tax, 'price_inc_tax'] as const) : ([product.price_ex_tax, 'price_ex_tax'] as const);
    const discount = draft.sum((product.applied_discounts ?? []).map((applied, at) => [applied.amount, `${path}.applied_discounts[${at}].amount`] as const));
    return {
      path,
      ...skuOf(product),
      lineRef: product.id,
      quantity: product.quantity,
      unitPrice: draft.amount(price[0], `${path}.${price[1]}`) ?? 0,
      discount: discount ?? 0,
    };
  });
  draft.trace('lines', 'products');

  const shipping = taxInclusive
    ? draft.sum([[order.shipping_cost_inc_tax, 'shipping_cost_inc_tax'], [order.handling_cost_inc_tax, 'handling_cost_inc_tax']])
    : draft.sum([[order.shipping_cost_ex_tax, 'shipping_cost_ex_tax'], [order.handling_cost_ex_tax, 'handling_cost_ex_tax']]);
  draft.trace('shippingPrice', taxInclusive ? 'shipping_cost_inc_tax' : 'shipping_cost_ex_tax');
  const tax = draft.amountFor('taxTotal', order.total_tax, 'total_tax');
  const total = draft.amountFor('expectedTotal', order.total_inc_tax, 'total_inc_tax');
  if ((draft.amount(order.wrapping_cost_inc_tax, 'wrapping_cost_inc_tax') ?? 0) > 0) {
    draft.issue('wrapping_cost_inc_tax', 'UNSUPPORTED_CHARGE', 'The order has gift wrapping; the canonical order has no field for it, so its total could not be kept exact');
  }
  (order.fees ?? []).forEach((fee, index) => {
    if ((draft.amount(fee.cost_inc_tax, `fees[${index}].cost_inc_tax`) ?? 0) > 0) {
      draft.issue(`fees[${index}]`, 'UNSUPPORTED_CHARGE', 'The order has a fee; the canonical order has no field for one, so its total could not be kept exact');
    }
  });

  // An address without items (left over from checkout) is not a destination.
  const destinations = shippingAddresses
    .map((address, index) => ({ address, index }))
    .filter(({ address }) => address.items_total === undefined || address.items_total === null || address.items_total > 0);
  const [destination, secondDestination] = destinations;
  if (secondDestination) {
    draft.issue(
      `shipping_addresses[${secondDestination.index}]`,
      'MULTIPLE_SHIPPING_ADDRESSES',
      'The order ships to more than one address; the canonical order has one shipping address',
    );
  }
  const shippingAddress = draft.shippingAddress(`shipping_addresses[${destination?.index ?? 0}]`, addressFields(destination?.address), {
    missingAt: 'shipping_addresses',
    orderKinds: 'digital or pickup',
  });
  const billingAddress = draft.billingAddress('billing_address', addressFields(order.billing_address));
  const channelPlacedAt = draft.placedAt(order.date_created, 'date_created', isoFromRfc2822, 'an RFC-2822 date-time such as Tue, 20 Nov 2012 00:00:00 +0000');
  const providerReference = order.payment_provider_id === null || order.payment_provider_id === undefined ? undefined : text(String(order.payment_provider_id));

  return draft.finish({
    channelOrderRef: ['id', order.id],
    customer: billingAddressCustomer('billing_address', order.billing_address, order.customer_id),
    currency,
    lines,
    shippingAddress,
    billingAddress,
    shippingPrice: shipping,
    taxTotal: taxInclusive ? undefined : tax,
    payment: ['payment_provider_id', { reference: providerReference ?? `bigcommerce:order:${order.id}`, provider: 'bigcommerce' }],
    expectedTotal: total,
    notes: ['customer_message', order.customer_message],
    metadata: { channelPlacedAt, ...(taxInclusive && { taxesIncluded: 'true', includedTax: order.total_tax ?? '0' }) },
  });
}

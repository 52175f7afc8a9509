import { describe, expect, it } from 'vitest';
import { BigCommerceOrderSchema } from '../../../shared/channels/bigcommerce/bigcommerce-order';
import { mapBigCommerceOrder } from '../../../shared/channels/bigcommerce/map-bigcommerce-order';
import { guestCustomerId } from '../../../shared/channels/channel-order-draft';
import { fixture } from '../../fixtures/channels/channel-fixtures';
import { refusalBy } from './channel-test-kit';

/** The inline form: the order brings its products and shipping addresses. */
const map = (payload: Record<string, unknown>) => {
  const order = BigCommerceOrderSchema.parse(payload);
  return mapBigCommerceOrder({
    order,
    products: Array.isArray(order.products) ? order.products : [],
    shippingAddresses: Array.isArray(order.shipping_addresses) ? order.shipping_addresses : [],
  });
};

const refusal = refusalBy(map);

describe('mapBigCommerceOrder', () => {
  it('maps a V2 order with inline products and addresses to exactly the canonical order', () => {
    // Prepare
    const payload = fixture('bigcommerce/order-v2.json');

    // Act
    const { request } = map(payload);

    // Assess
    expect(request).toEqual({
      channelOrderRef: '318',
      customer: { id: guestCustomerId('grace@example.com'), email: 'grace@example.com', name: 'Grace Hopper' },
      currency: 'EUR',
      lines: [
        { lineRef: '501', sku: 'HOODIE-GRY-L', quantity: 2, unitPrice: { amount: 4999, currency: 'EUR' }, discount: { amount: 500, currency: 'EUR' } },
        { lineRef: '502', sku: 'bigcommerce:variant:412', quantity: 1, unitPrice: { amount: 0, currency: 'EUR' } },
      ],
      deliveryMethod: 'HOME_DELIVERY',
      shippingAddress: { name: 'Grace Hopper', line1: 'Karl-Marx-Allee 1', city: 'Berlin', region: 'Berlin', postalCode: '10178', country: 'DE' },
      billingAddress: { name: 'Grace Hopper', line1: 'Karl-Marx-Allee 1', city: 'Berlin', region: 'Berlin', postalCode: '10178', country: 'DE' },
      shippingPrice: { amount: 495, currency: 'EUR' },
      taxTotal: { amount: 1805, currency: 'EUR' },
      payment: { reference: 'bigcommerce:order:318', provider: 'bigcommerce' },
      expectedTotal: { amount: 11798, currency: 'EUR' },
      notes: 'Ring twice',
      metadata: { platform: 'bigcommerce', channelPlacedAt: '2025-03-01T08:15:00.000Z' },
    });
  });

  it('converts the RFC-2822 creation date to an ISO-8601 instant in UTC', () => {
    const payload = fixture('bigcommerce/order-v2.json');
    payload.date_created = 'Tue, 20 Nov 2012 00:00:00 +0000';

    expect(map(payload).request.metadata?.channelPlacedAt).toBe('2012-11-20T00:00:00.000Z');
  });

  it('refuses a malformed date, naming the field', () => {
    const payload = fixture('bigcommerce/order-v2.json');
    payload.date_created = 'Wed, 20 Nov 2012 00:00:00 +0000';

    expect(refusal(payload).errors).toEqual([expect.objectContaining({ path: 'date_created', code: 'INVALID_DATE' })]);
  });

  it('reads 4-decimal money exactly, and refuses an amount that is not whole cents rather than round it', () => {
    const payload = fixture('bigcommerce/order-v2.json');
    payload.products[0].price_ex_tax = '49.9950';

    expect(refusal(payload).errors).toEqual([expect.objectContaining({ path: 'products[0].price_ex_tax', code: 'TOO_PRECISE' })]);
  });

  it('refuses an order shipped to two addresses, naming the second', () => {
    const payload = fixture('bigcommerce/order-v2.json');
    payload.shipping_addresses[1].items_total = 1;

    expect(refusal(payload).errors).toEqual([expect.objectContaining({ path: 'shipping_addresses[1]', code: 'MULTIPLE_SHIPPING_ADDRESSES' })]);
  });

  it('refuses a digital order without shipping addresses', () => {
    const payload = fixture('bigcommerce/order-v2.json');
    payload.shipping_addresses = [];

    expect(refusal(payload).errors).toEqual([expect.objectContaining({ path: 'shipping_addresses', code: 'NO_SHIPPING_ADDRESS' })]);
  });

  it('refuses gift wrapping and fees, which the canonical order cannot carry', () => {
    const payload = fixture('bigcommerce/order-v2.json');
    payload.wrapping_cost_inc_tax = '2.5000';
    payload.fees = [{ id: 1, cost_inc_tax: '1.0000' }];

    expect(refusal(payload).errors).toEqual([
      expect.objectContaining({ path: 'wrapping_cost_inc_tax', code: 'UNSUPPORTED_CHARGE' }),
      expect.objectContaining({ path: 'fees[0]', code: 'UNSUPPORTED_CHARGE' }),
    ]);
  });
});

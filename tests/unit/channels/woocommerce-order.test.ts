import { describe, expect, it } from 'vitest';
import { mapWooCommerceOrder } from '../../../shared/channels/woocommerce/map-woocommerce-order';
import { WooCommerceOrderWebhookSchema } from '../../../shared/channels/woocommerce/woocommerce-order';
import { guestCustomerId } from '../../../shared/channels/channel-order-draft';
import { fixture } from '../../fixtures/channels/channel-fixtures';
import { refusalBy } from './channel-test-kit';

const map = (payload: unknown) => mapWooCommerceOrder(WooCommerceOrderWebhookSchema.parse(payload));

const refusal = refusalBy(map);

describe('mapWooCommerceOrder', () => {
  it('maps an order.created payload to exactly the canonical order', () => {
    // Prepare
    const payload = fixture('woocommerce/order-created.json');

    // Act
    const { request } = map(payload);

    // Assess
    expect(request).toEqual({
      channelOrderRef: '4021',
      customer: { id: guestCustomerId('grace@example.com'), email: 'Grace@Example.com', name: 'Grace Hopper', phone: '+49309876543' },
      currency: 'EUR',
      lines: [
        // 10.00 for 3 mugs is no whole number of cents each: 3 × 3.34 − 1.02 = 9.00, the line total after the coupon.
        { lineRef: '11', sku: 'MUG-LOGO', quantity: 3, unitPrice: { amount: 334, currency: 'EUR' }, discount: { amount: 102, currency: 'EUR' } },
        { lineRef: '12', sku: 'woocommerce:variation:23', quantity: 1, unitPrice: { amount: 4999, currency: 'EUR' } },
      ],
      deliveryMethod: 'HOME_DELIVERY',
      shippingAddress: { name: 'Grace Hopper', line1: 'Karl-Marx-Allee 1', city: 'Berlin', region: 'BE', postalCode: '10178', country: 'DE', phone: '+49309876543' },
      billingAddress: { name: 'Grace Hopper', line1: 'Karl-Marx-Allee 1', city: 'Berlin', region: 'BE', postalCode: '10178', country: 'DE', phone: '+49309876543' },
      shippingPrice: { amount: 495, currency: 'EUR' },
      taxTotal: { amount: 1121, currency: 'EUR' },
      payment: { reference: 'pi_3QdemoWoo4021', provider: 'stripe' },
      expectedTotal: { amount: 7515, currency: 'EUR' },
      metadata: { platform: 'woocommerce', channelOrderNumber: '4021', channelPlacedAt: '2025-03-01T09:30:00.000Z' },
    });
  });

  it('ships to the billing address when the shop ships to billing only (shipping empty, shipping charged)', () => {
    const payload = fixture('woocommerce/order-created.json');

    const { request, sources } = map(payload);

    expect(request.shippingAddress?.line1).toBe('Karl-Marx-Allee 1');
    expect(sources.get('shippingAddress')).toBe('billing');
  });

  it('refuses a virtual order (empty shipping, nothing shipped), keeping its SKU-less line and dropping the incomplete billing address', () => {
    const payload = fixture('woocommerce/order-created-virtual.json');

    const refused = refusal(payload);

    expect(refused.errors).toEqual([expect.objectContaining({ path: 'shipping', code: 'NO_SHIPPING_ADDRESS' })]);
  });

  it('stands in for a missing SKU with the product id, and reads a quantity sent as a string', () => {
    const payload = fixture('woocommerce/order-created-virtual.json');
    payload.shipping = { first_name: 'Test', last_name: 'Buyer', address_1: 'Hang Bac 1', city: 'Hanoi', postcode: '100000', country: 'VN' };
    payload.line_items[0].quantity = '2';

    const { request } = map(payload);

    expect(request.lines).toEqual([{ lineRef: '21', sku: 'woocommerce:product:14', quantity: 2, unitPrice: { amount: 0, currency: 'USD' } }]);
    expect(request.billingAddress).toBeUndefined();
    expect(request.customer.id).toBe('5');
  });

  it('refuses a fee, which the canonical order cannot carry, naming the fee line', () => {
    const payload = fixture('woocommerce/order-created.json');
    payload.fee_lines = [{ id: 40, name: 'Gift wrap', total: '2.50' }];

    expect(refusal(payload).errors).toEqual([expect.objectContaining({ path: 'fee_lines[0].total', code: 'UNSUPPORTED_CHARGE' })]);
  });

  it('refuses a date that is not a GMT date-time, naming the field', () => {
    const payload = fixture('woocommerce/order-created.json');
    payload.date_created_gmt = '2025-02-30T09:30:00';

    expect(refusal(payload).errors).toEqual([expect.objectContaining({ path: 'date_created_gmt', code: 'INVALID_DATE' })]);
  });
});

import { describe, expect, it } from 'vitest';
import { mapShopifyOrder } from '../../../shared/channels/shopify/map-shopify-order';
import { ShopifyOrderWebhookSchema } from '../../../shared/channels/shopify/shopify-order';
import { fixture } from '../../fixtures/channels/channel-fixtures';
import { refusalBy } from './channel-test-kit';

const map = (payload: unknown) => mapShopifyOrder(ShopifyOrderWebhookSchema.parse(payload));

const refusal = refusalBy(map);

describe('mapShopifyOrder', () => {
  it('maps an orders/create payload to exactly the canonical order', () => {
    // Prepare
    const payload = fixture('shopify/order-create.json');

    // Act
    const { request } = map(payload);

    // Assess
    expect(request).toEqual({
      channelOrderRef: '5912345678901234567',
      customer: { id: '7301234567890123456', email: 'ada@example.com', name: 'Ada Lovelace' },
      currency: 'EUR',
      lines: [
        {
          lineRef: '13110000000000000001/13110000000000000002',
          sku: 'TSHIRT-BLK-M',
          quantity: 3,
          unitPrice: { amount: 1999, currency: 'EUR' },
          discount: { amount: 600, currency: 'EUR' },
        },
        { lineRef: '13110000000000000003', sku: 'shopify:variant:40000000000000099', quantity: 1, unitPrice: { amount: 1299, currency: 'EUR' } },
      ],
      deliveryMethod: 'HOME_DELIVERY',
      shippingAddress: {
        name: 'Ada Lovelace',
        line1: 'Unter den Linden 1',
        city: 'Berlin',
        region: 'BE',
        postalCode: '10117',
        country: 'DE',
        phone: '+493012345678',
        coordinates: { lat: 52.5170365, lon: 13.3888599 },
      },
      billingAddress: { name: 'Ada Lovelace', line1: 'Friedrichstrasse 100', city: 'Berlin', postalCode: '10117', country: 'DE' },
      shippingPrice: { amount: 495, currency: 'EUR' },
      payment: { reference: 'shopify:order:5912345678901234567', provider: 'shopify' },
      expectedTotal: { amount: 7191, currency: 'EUR' },
      notes: 'Leave at the door',
      metadata: { platform: 'shopify', channelOrderName: '#1042', channelPlacedAt: '2025-03-01T10:05:00.000Z' },
    });
  });

  it('keeps ids above 2^53 exact, digit for digit', () => {
    const payload = fixture('shopify/order-create.json');

    const { request } = map(payload);

    expect(request.channelOrderRef).toBe('5912345678901234567');
    expect(Number(request.channelOrderRef)).not.toBe(5912345678901234567n);
    expect(request.lines[1]?.sku).toBe('shopify:variant:40000000000000099');
  });

  it('merges lines of one SKU at the highest unit price, the cheaper units as discount, so the total is unchanged', () => {
    const payload = fixture('shopify/order-create.json');

    const [merged] = map(payload).request.lines;

    // 1 × 19.99 + 2 × 17.99 − 2.00 = 53.97 = 3 × 19.99 − 6.00
    expect(merged).toMatchObject({ quantity: 3, unitPrice: { amount: 1999 }, discount: { amount: 600 } });
    expect((merged?.quantity ?? 0) * (merged?.unitPrice.amount ?? 0) - (merged?.discount?.amount ?? 0)).toBe(1999 + 2 * 1799 - 200);
  });

  it('reads amounts sent as JSON numbers or strings in a 0-decimal currency, and leaves included tax out of the total', () => {
    const payload = fixture('shopify/order-create-jpy.json');

    const { request } = map(payload);

    expect(request.currency).toBe('JPY');
    expect(request.lines).toEqual([{ lineRef: '1', sku: 'MUG-LOGO', quantity: 2, unitPrice: { amount: 1500, currency: 'JPY' } }]);
    expect(request.shippingPrice).toEqual({ amount: 300, currency: 'JPY' });
    expect(request.taxTotal).toBeUndefined();
    expect(request.expectedTotal).toEqual({ amount: 3300, currency: 'JPY' });
    expect(request.metadata).toMatchObject({ taxesIncluded: 'true', includedTax: '300' });
  });

  it('reads "0.1" in a 3-decimal currency as 100 minor units', () => {
    const payload = fixture('shopify/order-create-kwd.json');

    const { request } = map(payload);

    expect(request.lines[0]?.unitPrice).toEqual({ amount: 100, currency: 'KWD' });
    expect(request.expectedTotal).toEqual({ amount: 300, currency: 'KWD' });
  });

  it('refuses an amount finer than the currency, naming the field, rather than rounding it', () => {
    const payload = fixture('shopify/order-create-jpy.json');
    payload.line_items[0].price = '1500.5';

    const refused = refusal(payload);

    expect(refused.code).toBe('CHANNEL_ORDER_NOT_CAPTURABLE');
    expect(refused.errors).toEqual([expect.objectContaining({ path: 'line_items[0].price', code: 'TOO_PRECISE' })]);
  });

  it('refuses an order without a shipping address (digital or pickup): null, or every field empty', () => {
    const payload = fixture('shopify/order-create-digital.json');

    const refused = refusal(payload);

    expect(refused.errors).toEqual([expect.objectContaining({ path: 'shipping_address', code: 'NO_SHIPPING_ADDRESS' })]);
  });

  it('treats an all-empty shipping address like a missing one, and names a missing field of a partial one', () => {
    const empty = fixture('shopify/order-create.json');
    empty.shipping_address = { first_name: '', address1: '', city: '', zip: '', country_code: 'DE' };
    const partial = fixture('shopify/order-create.json');
    partial.shipping_address.zip = null;

    expect(refusal(empty).errors).toEqual([expect.objectContaining({ path: 'shipping_address', code: 'NO_SHIPPING_ADDRESS' })]);
    expect(refusal(partial).errors).toEqual([expect.objectContaining({ path: 'shipping_address.zip' })]);
  });

  it('gives a guest (no customer) a stable id from the email, the same for every resend', () => {
    const first = fixture('shopify/order-create.json');
    first.customer = null;
    const second = fixture('shopify/order-create.json');
    second.customer = null;
    second.email = '  ADA@example.com ';

    const [a, b] = [map(first).request.customer, map(second).request.customer];

    expect(a.id).toMatch(/^guest-[0-9a-f]{32}$/);
    expect(b.id).toBe(a.id);
  });

  it('refuses a tip, which the canonical order cannot carry, naming the field', () => {
    const payload = fixture('shopify/order-create.json');
    payload.total_tip_received = '2.00';

    expect(refusal(payload).errors).toEqual([expect.objectContaining({ path: 'total_tip_received', code: 'UNSUPPORTED_CHARGE' })]);
  });

  it('names the platform field when the canonical contract refuses a value (a SKU with a space)', () => {
    const payload = fixture('shopify/order-create.json');
    payload.line_items[2].sku = 'MUG LOGO';

    expect(refusal(payload).errors).toEqual([expect.objectContaining({ path: 'line_items[2].sku', code: 'invalid_format' })]);
  });

  it('refuses an unknown currency at the currency field', () => {
    const payload = fixture('shopify/order-create.json');
    payload.currency = 'EURO';

    expect(refusal(payload).errors).toEqual([expect.objectContaining({ path: 'currency', code: 'UNKNOWN_CURRENCY' })]);
  });

  it('maps the same payload to the same order every time (a redelivery is recognizably the same)', () => {
    expect(map(fixture('shopify/order-create.json'))).toEqual(map(fixture('shopify/order-create.json')));
  });
});

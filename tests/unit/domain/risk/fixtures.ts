/** Orders and contexts for the risk screen: one line priced at the wanted total, so the total is exact. */
import { clickAndCollectExample, type Address, type Order } from '../../../../shared/contracts/order';
import type { RiskContext } from '../../../../shared/domain/risk';
import { placedOrder, validPlaceOrderRequest } from '../../fixtures/orders';

export const now = new Date('2026-03-02T10:00:00.000Z');

export const euros = (amount: number) => ({ amount, currency: 'EUR' });

export interface OrderShape {
  readonly total?: number;
  readonly currency?: string;
  readonly channelId?: string;
  readonly customerId?: string;
  readonly email?: string;
  readonly paymentReference?: string;
  readonly shippingAddress?: Partial<Address>;
  readonly billingAddress?: Partial<Address>;
  readonly clickAndCollect?: boolean;
}

/** A placed order shaped for the rule under test; everything else is the documented example. */
export function orderWith(shape: OrderShape = {}): Order {
  const request = validPlaceOrderRequest();
  const currency = shape.currency ?? 'EUR';
  request.currency = currency;
  request.lines = [{ sku: 'TSHIRT-BLK-M', quantity: 1, unitPrice: { amount: shape.total ?? 5_000, currency } }];
  delete request.shippingPrice;
  delete request.taxTotal;
  delete request.expectedTotal;
  request.customer = { ...request.customer, id: shape.customerId ?? 'cust-42', email: shape.email ?? 'ada@example.com' };
  request.payment = { reference: shape.paymentReference ?? 'pi_3PqDemo0001' };
  if (shape.clickAndCollect) {
    request.deliveryMethod = 'CLICK_AND_COLLECT';
    request.pickupStoreId = clickAndCollectExample.pickupStoreId;
    delete request.shippingAddress;
  } else if (request.shippingAddress) {
    request.shippingAddress = { ...request.shippingAddress, ...shape.shippingAddress };
  }
  if (shape.billingAddress) {
    request.billingAddress = {
      name: 'Ada Lovelace',
      line1: 'Unter den Linden 1',
      city: 'Berlin',
      postalCode: '10117',
      country: 'DE',
      ...shape.billingAddress,
    };
  }
  return placedOrder({ request, channelId: shape.channelId ?? 'demo-web' });
}

export function contextWith(recentCount = 0, recentValue = 0, currency = 'EUR'): RiskContext {
  return { recentOrders: { count: recentCount, value: { amount: recentValue, currency } }, now };
}

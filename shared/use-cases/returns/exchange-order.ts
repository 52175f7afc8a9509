/**
 * An exchange's replacement: a new order of the variants the customer asked for, in place of the
 * units they sent back, at no charge (their value stays with the merchant instead of being
 * refunded). It goes through the normal lifecycle (allocation, fulfilment, shipping); with a zero
 * total it needs no payment. Placed once: its channel order reference is derived from the return, and
 * capture is idempotent on it.
 */
import type { Order, PlaceOrderRequest } from '../../contracts/order';
import type { Return } from '../../contracts/returns';
import { placeOrder } from '../place-order';
import type { ReturnDependencies } from './return-dependencies';

export async function placeReplacementOrder(order: Order, exchanged: Return, deps: ReturnDependencies & { newOrderId: () => string }): Promise<string> {
  const zero = { amount: 0, currency: order.currency };
  const request: PlaceOrderRequest = {
    channelOrderRef: `${order.channelOrderRef}-X${exchanged.returnId.slice(exchanged.returnId.lastIndexOf('-R') + 2)}`,
    customer: order.customer,
    currency: order.currency,
    lines: exchanged.lines
      .filter((line) => line.exchangeForSku && (line.receivedQuantity ?? 0) > 0)
      .map((line) => ({ sku: line.exchangeForSku ?? line.sku, quantity: line.receivedQuantity ?? 0, unitPrice: zero })),
    deliveryMethod: order.deliveryMethod,
    ...(order.shippingAddress && { shippingAddress: order.shippingAddress }),
    ...(order.pickupStoreId && { pickupStoreId: order.pickupStoreId }),
    shippingPrice: zero,
    payment: { reference: `exchange:${exchanged.returnId}` },
    metadata: { exchangeForReturn: exchanged.returnId, originalOrderId: order.id },
  };
  const { order: replacement } = await placeOrder({ channelId: order.channelId, request }, { orders: deps.orders, newOrderId: deps.newOrderId, now: deps.now });
  return replacement.id;
}

/**
 * An exchange's replacement: a new order of the variants the customer asked for, in place of the
 * units they sent back. Their value stays with the merchant instead of being refunded, so an even
 * exchange costs nothing; a dearer variant costs the difference per unit, authorized and captured
 * on the replacement with the original order's payment method (a cheaper one was refunded the
 * difference by the return). It goes through the normal lifecycle (allocation, fulfilment,
 * shipping); with a zero total it needs no payment. Placed once: its channel order reference is
 * derived from the return, and capture is idempotent on it.
 */
import type { Order, PlaceOrderRequest } from '../../contracts/order';
import type { Return } from '../../contracts/returns';
import { exchangeDifference } from '../../domain/returns/return-rules';
import { placeOrder } from '../place-order';
import type { ReturnDependencies } from './return-dependencies';

export async function placeReplacementOrder(order: Order, exchanged: Return, deps: ReturnDependencies & { newOrderId: () => string }): Promise<string> {
  const zero = { amount: 0, currency: order.currency };
  const lines = exchanged.lines
    .filter((line) => line.exchangeForSku && (line.receivedQuantity ?? 0) > 0)
    .map((line) => {
      const quantity = line.receivedQuantity ?? 0;
      // The unit price is what is owed per unit; the rounding goes the customer's way.
      const owed = Math.max(0, exchangeDifference(order, line, quantity));
      return { sku: line.exchangeForSku ?? line.sku, quantity, unitPrice: { amount: Math.floor(owed / quantity), currency: order.currency } };
    });
  const charged = lines.some((line) => line.unitPrice.amount > 0);
  const request: PlaceOrderRequest = {
    channelOrderRef: `${order.channelOrderRef}-X${exchanged.returnId.slice(exchanged.returnId.lastIndexOf('-R') + 2)}`,
    customer: order.customer,
    currency: order.currency,
    lines,
    deliveryMethod: order.deliveryMethod,
    ...(order.shippingAddress && { shippingAddress: order.shippingAddress }),
    ...(order.pickupStoreId && { pickupStoreId: order.pickupStoreId }),
    shippingPrice: zero,
    payment: charged ? order.payment : { reference: `exchange:${exchanged.returnId}` },
    metadata: { exchangeForReturn: exchanged.returnId, originalOrderId: order.id },
  };
  const { order: replacement } = await placeOrder({ channelId: order.channelId, request }, { orders: deps.orders, newOrderId: deps.newOrderId, now: deps.now });
  return replacement.id;
}

import type { Order, PlaceOrderRequest } from '../contracts/order';
import { ConflictError } from '../domain/errors';
import { fingerprintOrderRequest, placeNewOrder } from '../domain/order';
import type { OrderRepository } from '../ports/order-repository';

export interface PlaceOrderCommand {
  readonly channelId: string;
  readonly request: PlaceOrderRequest;
}

export interface PlaceOrderResult {
  readonly order: Order;
  /** False when the same order had already been placed (a retry): the caller answers 200, not 201. */
  readonly created: boolean;
}

export interface PlaceOrderDependencies {
  readonly orders: OrderRepository;
  readonly newOrderId: () => string;
  readonly now: () => Date;
}

/**
 * Captures an order once. A channel may resend an order it already sent (same channel order
 * reference): the same content returns the existing order, different content is a conflict.
 */
export async function placeOrder(command: PlaceOrderCommand, deps: PlaceOrderDependencies): Promise<PlaceOrderResult> {
  const { channelId, request } = command;
  const requestFingerprint = fingerprintOrderRequest(request);
  const order = placeNewOrder(request, {
    orderId: deps.newOrderId(),
    channelId,
    placedAt: deps.now().toISOString(),
    placedBy: { type: 'channel', id: channelId },
  });

  const result = await deps.orders.insert({ order, requestFingerprint });
  if (result.inserted) return { order, created: true };

  const existing = await deps.orders.findByChannelOrderRef(channelId, request.channelOrderRef);
  if (!existing) {
    throw new Error(`Channel order reference ${request.channelOrderRef} is guarded but its order is missing`);
  }
  if (existing.requestFingerprint !== requestFingerprint) {
    throw new ConflictError(
      'DUPLICATE_CHANNEL_ORDER_REF',
      `Order ${existing.order.id} was already placed with channelOrderRef ${request.channelOrderRef} and different content`,
      [{ path: 'channelOrderRef', code: 'DUPLICATE_CHANNEL_ORDER_REF', message: `already used by order ${existing.order.id}` }],
    );
  }
  return { order: existing.order, created: false };
}

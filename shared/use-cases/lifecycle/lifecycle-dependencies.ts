/**
 * What the lifecycle's use cases work with (ports only), and the one way they change an order:
 * load, apply a pure change, save if nobody changed it meanwhile, else load again and re-apply.
 */
import type { Shipment } from '../../contracts/fulfilment';
import type { Order } from '../../contracts/order';
import type { LifecyclePolicies } from '../../domain/lifecycle/lifecycle-policy';
import type { RiskRules } from '../../domain/risk';
import { NotFoundError } from '../../domain/errors';
import type { EventPublisher } from '../../events/event-publisher';
import type { OrderSnapshot } from '../../events/catalog/order-events';
import type { Allocation } from '../../ports/allocation';
import type { Carrier } from '../../ports/carrier';
import type { InventoryRepository } from '../../ports/inventory-repository';
import type { LifecycleWaits } from '../../ports/lifecycle-waits';
import type { OrderRepository } from '../../ports/order-repository';
import type { OrderWorkflow } from '../../ports/order-workflow';
import type { PaymentProvider } from '../../ports/payment-provider';

export interface LifecycleDependencies {
  readonly orders: OrderRepository;
  readonly allocation: Allocation;
  readonly inventory: InventoryRepository;
  readonly payments: PaymentProvider;
  readonly carrier: Carrier;
  readonly waits: LifecycleWaits;
  readonly workflow: OrderWorkflow;
  readonly events: EventPublisher;
  readonly policies: LifecyclePolicies;
  readonly riskRules: RiskRules;
  readonly now: () => Date;
}

export class OrderChangedConcurrentlyError extends Error {
  override name = 'OrderChangedConcurrentlyError';
}

const maxAttempts = 8;

export async function loadOrder(orders: OrderRepository, orderId: string): Promise<Order> {
  const stored = await orders.get(orderId);
  if (!stored) throw new NotFoundError('ORDER_NOT_FOUND', `Order ${orderId} does not exist`);
  return stored.order;
}

/**
 * Applies `change` to the current order and saves it with optimistic locking, re-reading and
 * re-applying when another writer (a callback, a cancellation) got there first. A change that
 * returns the same order saves nothing.
 */
export async function changeOrder(orders: OrderRepository, orderId: string, change: (order: Order) => Order): Promise<{ before: Order; after: Order }> {
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    const before = await loadOrder(orders, orderId);
    const after = change(before);
    if (after === before) return { before, after };
    if (await orders.update(after, before.version)) return { before, after };
    await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * attempt));
  }
  throw new OrderChangedConcurrentlyError(`Order ${orderId} kept changing under ${maxAttempts} attempts to update it`);
}

/** A shipment as OrderAllocated names it: where from, what, and what was promised. */
export const allocatedShipmentOf = (shipment: Shipment) => ({
  shipmentId: shipment.shipmentId,
  locationId: shipment.locationId,
  lines: shipment.lines,
  ...(shipment.promiseDate !== undefined && { promiseDate: shipment.promiseDate }),
  ...(shipment.promisedBy !== undefined && { promisedBy: shipment.promisedBy }),
});

export const snapshotOf = (order: Order): OrderSnapshot => ({
  orderId: order.id,
  channelId: order.channelId,
  channelOrderRef: order.channelOrderRef,
  status: order.status,
  customer: {
    id: order.customer.id,
    email: order.customer.email,
    ...(order.customer.name !== undefined && { name: order.customer.name }),
    ...(order.customer.phone !== undefined && { phone: order.customer.phone }),
    ...(order.customer.locale !== undefined && { locale: order.customer.locale }),
  },
  grandTotal: order.totals.grandTotal,
  placedAt: order.placedAt,
});

/** Events about one order carry its id and channel, and an id stable across retries of the step. */
export const eventOptions = (order: Order, fact: string) => ({
  eventId: `${order.id}:${fact}`,
  correlation: { orderId: order.id, channelId: order.channelId },
});

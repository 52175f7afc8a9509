/**
 * Where a running order-lifecycle execution waits for the outside world: each wait holds the task
 * token that resumes it. Cancellation fails every pending token of an order; callbacks find the
 * one token they answer; a restock finds the orders waiting for a SKU.
 */
export type WaitKind = 'risk-review' | 'payment-action' | 'restock' | 'fulfilment' | 'delivery' | 'return-receipt';

export interface LifecycleWait {
  readonly orderId: string;
  /** Unique within the order, e.g. `fulfilment#<shipmentId>`. */
  readonly waitId: string;
  readonly kind: WaitKind;
  readonly taskToken: string;
  readonly createdAt: string;
  readonly shipmentId?: string;
  /** For restock waits: the SKUs whose return ends the wait. */
  readonly skus?: readonly string[];
}

export interface LifecycleWaits {
  /** Stores the wait; a retried task's new token replaces the old one. */
  register(wait: LifecycleWait): Promise<void>;
  get(orderId: string, waitId: string): Promise<LifecycleWait | undefined>;
  ofOrder(orderId: string): Promise<LifecycleWait[]>;
  /** Removes the wait if it still holds `taskToken` (a newer token is left alone). */
  remove(wait: Pick<LifecycleWait, 'orderId' | 'waitId' | 'taskToken'>): Promise<void>;
  /** Orders waiting for any of these SKUs to come back in stock. */
  waitingForSku(sku: string): Promise<LifecycleWait[]>;
}

export const fulfilmentWaitId = (shipmentId: string) => `fulfilment#${shipmentId}`;
export const deliveryWaitId = (shipmentId: string) => `delivery#${shipmentId}`;
export const riskReviewWaitId = 'risk-review';
export const paymentActionWaitId = 'payment-action';
export const restockWaitId = 'restock';

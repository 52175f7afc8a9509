/**
 * What the return use cases need: the lifecycle's ports (orders, stock, payments, carrier, waits,
 * events) plus the order-return workflow and the channels' return policies.
 */
import * as z from 'zod';
import type { Order } from '../../contracts/order';
import type { Return } from '../../contracts/returns';
import type { ReturnPolicies } from '../../domain/returns/return-policy';
import type { OrderWorkflow } from '../../ports/order-workflow';
import type { LifecycleDependencies } from '../lifecycle/lifecycle-dependencies';
import { snapshotOf } from '../lifecycle/lifecycle-dependencies';

export type ReturnDependencies = LifecycleDependencies & {
  /** The order-return state machine: one execution per return, named by the return id. */
  readonly returnWorkflow: OrderWorkflow;
  readonly returnPolicies: ReturnPolicies;
};

/** What every order-return task receives: the return, and the order it belongs to. */
export const ReturnStepInputSchema = z.object({ orderId: z.string().min(1), returnId: z.string().min(1) });
export type ReturnStepInput = z.infer<typeof ReturnStepInputSchema>;

/** The wait of a return's receipt, among the order's waits. */
export const returnReceiptWaitId = (returnId: string) => `return#${returnId}`;

/** Events about a return carry the order, the return id, and an id stable across retries of the step. */
export const returnEventOptions = (order: Order, returnId: string, fact: string) => ({
  eventId: `${returnId}:${fact}`,
  correlation: { orderId: order.id, channelId: order.channelId, returnId },
});

export const returnEventBase = (order: Order, current: Pick<Return, 'returnId'>) => ({ order: snapshotOf(order), returnId: current.returnId });

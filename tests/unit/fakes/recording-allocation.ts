import type { Order } from '../../../shared/contracts/order';
import type { Allocation, AllocationRequest, AllocationResult } from '../../../shared/ports/allocation';

type Only = readonly { readonly sku: string; readonly locationId: string }[] | undefined;

/** The Allocation port as a recorder: releases and consumes are kept; allocations answer a fixed result. */
export class RecordingAllocation implements Allocation {
  readonly released: { orderId: string; only: Only }[] = [];
  readonly consumed: { orderId: string; only: Only }[] = [];
  readonly allocations: { orderId: string; request?: AllocationRequest }[] = [];

  constructor(private readonly result: AllocationResult = { allocated: true, shipments: [], backorderedLines: [], explanation: [] }) {}

  async allocate(order: Order, request?: AllocationRequest): Promise<AllocationResult> {
    this.allocations.push({ orderId: order.id, ...(request && { request }) });
    return this.result;
  }

  async reallocate(order: Order, lines: readonly { sku: string; quantity: number }[], excludeLocationIds: readonly string[]): Promise<AllocationResult> {
    this.allocations.push({ orderId: order.id, request: { lines, excludeLocationIds } });
    return this.result;
  }

  async release(orderId: string, only?: readonly { readonly sku: string; readonly locationId: string }[]): Promise<void> {
    this.released.push({ orderId, only: only && structuredClone(only) });
  }

  async consume(orderId: string, only?: readonly { readonly sku: string; readonly locationId: string }[]): Promise<void> {
    this.consumed.push({ orderId, only: only && structuredClone(only) });
  }
}

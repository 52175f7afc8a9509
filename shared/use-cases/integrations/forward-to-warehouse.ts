/**
 * Fulfilment requests and cancellations go to the location's system as they are published.
 *
 * What happens when the message cannot be handed over decides who acts next:
 * - a transient failure is thrown, so the rule retries the event (and keeps it in its dead-letter
 *   queue after the last try);
 * - a location with no connected system, or a system that refuses the message, is not retried:
 *   the order's fulfilment task times out and the lines are sourced elsewhere, which is what an
 *   unanswered request means anyway. It is logged as an error so operations see it.
 */
import type { EventDefinition, EventDetail } from '../../events/define-event';
import { FulfilmentCancelled, FulfilmentRequested } from '../../events/catalog/order-events';
import { WarehouseNotConnectedError, WarehouseRefusedMessageError, type WarehouseGateway } from '../../ports/warehouse-gateway';
import { fulfilmentCancellationMessageOf, fulfilmentRequestMessageOf, type WarehouseMessage } from '../../warehouses/warehouse-message';

export interface ForwardToWarehouseDependencies {
  readonly warehouses: WarehouseGateway;
  readonly logError: (message: string, details: Record<string, unknown>) => void;
}

export const warehouseEvents = [FulfilmentRequested, FulfilmentCancelled] as const;

export interface ForwardSummary {
  readonly shipmentId: string;
  readonly locationId: string;
  readonly outcome: 'sent' | 'not-connected' | 'refused';
}

export function warehouseMessageOf({ definition, detail }: { definition: EventDefinition; detail: EventDetail }): WarehouseMessage {
  if (definition === FulfilmentRequested) return fulfilmentRequestMessageOf(detail as Parameters<typeof fulfilmentRequestMessageOf>[0]);
  if (definition === FulfilmentCancelled) return fulfilmentCancellationMessageOf(detail as Parameters<typeof fulfilmentCancellationMessageOf>[0]);
  throw new Error(`${definition.detailType} is not a message for a warehouse`);
}

export async function forwardToWarehouse(event: { definition: EventDefinition; detail: EventDetail }, deps: ForwardToWarehouseDependencies): Promise<ForwardSummary> {
  const message = warehouseMessageOf(event);
  const summary = { shipmentId: message.shipmentId, locationId: message.locationId };
  try {
    await deps.warehouses.send(message);
    return { ...summary, outcome: 'sent' };
  } catch (error) {
    if (error instanceof WarehouseNotConnectedError || error instanceof WarehouseRefusedMessageError) {
      deps.logError(`Warehouse message not delivered: ${error.message}`, { ...summary, type: message.type, requestId: message.requestId });
      return { ...summary, outcome: error instanceof WarehouseNotConnectedError ? 'not-connected' : 'refused' };
    }
    throw error;
  }
}

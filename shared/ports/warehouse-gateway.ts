/**
 * How the OMS talks to the systems that pick and pack: a warehouse management system or a store's
 * back office. One message per fulfilment request or cancellation; the location answers later on
 * POST /integrations/wms/events (packed, partially packed, rejected, collected).
 */
import type { WarehouseMessage } from '../warehouses/warehouse-message';

export interface WarehouseGateway {
  /** Hands the message to the location's system; resolves once it accepted it (a 2xx). */
  send(message: WarehouseMessage): Promise<void>;
}

/** No system is connected for the location: nothing to retry; the fulfilment task's timeout re-sources the lines. */
export class WarehouseNotConnectedError extends Error {
  override name = 'WarehouseNotConnectedError';
}

/** The location's system refused the message (a 4xx other than 408/429): sending it again would not help. */
export class WarehouseRefusedMessageError extends Error {
  override name = 'WarehouseRefusedMessageError';
}

/** No answer, a 5xx, 408 or 429: worth retrying (the rule's retries, then its dead-letter queue). */
export class TransientWarehouseError extends Error {
  override name = 'TransientWarehouseError';
}

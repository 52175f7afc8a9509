/**
 * The receiving warehouse or store reports a return: what arrived and, after inspection, a
 * disposition per line. Applied once per partner event id; refused with nothing changed when the
 * return no longer waits (expired, already received) or the report does not match the return.
 * Order of operations as for the WMS callbacks: the token must still wait, then the order records
 * the receipt (optimistic locking), then the execution is resumed to refund and restock.
 */
import type { ReturnReceipt, ReturnReceiptResult } from '../../contracts/returns';
import { ConflictError, NotFoundError } from '../../domain/errors';
import { orderIdOfReturn, recordReceipt, returnOf, returnsOf } from '../../domain/returns/return-rules';
import { domainEvent } from '../../events/event-publisher';
import { ReturnReceived } from '../../events/catalog/return-events';
import type { PartnerEventLog } from '../../ports/partner-event-log';
import { changeOrder } from '../lifecycle/lifecycle-dependencies';
import { loggingRefusals, oncePerPartnerEvent, type RefusalLogger } from '../lifecycle/partner-events';
import { liveWait } from '../lifecycle/task-callbacks';
import { returnEventBase, returnEventOptions, returnReceiptWaitId, type ReturnDependencies } from './return-dependencies';

export type ReceiveReturnDependencies = ReturnDependencies & { readonly partnerEvents: PartnerEventLog; readonly logger?: RefusalLogger };

export async function receiveReturn(receipt: ReturnReceipt, deps: ReceiveReturnDependencies): Promise<ReturnReceiptResult> {
  return oncePerPartnerEvent(deps.partnerEvents, 'returns', receipt, () =>
    loggingRefusals(deps.logger, 'returns', receipt, async () => {
      const returnNotFound = new NotFoundError('RETURN_NOT_FOUND', `Return ${receipt.returnId} does not exist`);
      const orderId = orderIdOfReturn(receipt.returnId);
      const order = orderId && (await deps.orders.get(orderId))?.order;
      if (!orderId || !order || !returnsOf(order).some((candidate) => candidate.returnId === receipt.returnId)) throw returnNotFound;
      if (returnOf(order, receipt.returnId).status === 'REQUESTED') {
        throw new ConflictError('RETURN_NOT_YET_AWAITING_RECEIPT', `Return ${receipt.returnId} is still being set up; report the receipt again in a few seconds`);
      }
      // The token belongs to the return's execution, not the order's.
      const wait = await liveWait({ waits: deps.waits, workflow: deps.returnWorkflow }, orderId, returnReceiptWaitId(receipt.returnId));
      const at = deps.now().toISOString();
      const { after } = await changeOrder(deps.orders, orderId, (current) => recordReceipt(current, receipt.returnId, receipt.locationId, receipt.lines, at));
      await deps.returnWorkflow.succeed(wait.taskToken, { received: true });
      await deps.waits.remove(wait);
      const received = returnOf(after, receipt.returnId);
      await deps.events.publish(
        domainEvent(
          ReturnReceived,
          {
            ...returnEventBase(after, received),
            locationId: receipt.locationId,
            lines: receipt.lines.map((line) => ({ ...line, sku: received.lines.find((candidate) => candidate.lineId === line.lineId)?.sku ?? '' })),
          },
          returnEventOptions(after, receipt.returnId, 'ReturnReceived'),
        ),
      );
      return { eventId: receipt.eventId, orderId, returnId: receipt.returnId, returnStatus: received.status };
    }),
  );
}

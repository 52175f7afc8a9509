/**
 * A customer (through the storefront or customer service) asks to send goods back. The request is
 * checked against what was delivered, what other returns already cover, the channel's window and
 * final-sale rules; an accepted return is recorded on the order (atomically, so two returns cannot
 * claim the same units) and its order-return execution is started, named by the return id.
 */
import type { Order } from '../../contracts/order';
import type { CreateReturnRequest, Return } from '../../contracts/returns';
import { BusinessRuleViolation, NotFoundError } from '../../domain/errors';
import { returnPolicyFor } from '../../domain/returns/return-policy';
import { checkReturnRequest, nextReturnId, receivingLocationFor, returnOf, withoutRequestedReturn, withReturn } from '../../domain/returns/return-rules';
import { domainEvent } from '../../events/event-publisher';
import { ReturnRequested } from '../../events/catalog/return-events';
import { changeOrder } from '../lifecycle/lifecycle-dependencies';
import { returnEventBase, returnEventOptions, type ReturnDependencies } from './return-dependencies';

export interface RequestReturnCommand {
  readonly orderId: string;
  readonly channelId: string;
  readonly requestedBy: string;
  readonly request: CreateReturnRequest;
}

export async function requestReturn(command: RequestReturnCommand, deps: ReturnDependencies): Promise<{ order: Order; created: Return }> {
  const stored = (await deps.orders.get(command.orderId))?.order;
  if (!stored || stored.channelId !== command.channelId) throw new NotFoundError('ORDER_NOT_FOUND', `Order ${command.orderId} does not exist`);
  const { request } = command;
  if (request.method === 'STORE' && request.storeId) {
    const store = await deps.inventory.getLocation(request.storeId);
    if (!store || store.type !== 'STORE') throw new BusinessRuleViolation('UNKNOWN_STORE', `${request.storeId} is not a store`, [{ path: 'storeId', code: 'UNKNOWN_STORE', message: `${request.storeId} is not a store` }]);
  }
  const policy = returnPolicyFor(deps.returnPolicies, stored.channelId);
  const now = deps.now();
  const at = now.toISOString();

  let returnId = '';
  const { after } = await changeOrder(deps.orders, command.orderId, (order) => {
    const lines = checkReturnRequest(order, request, policy, now);
    returnId = nextReturnId(order);
    return withReturn(order, {
      returnId,
      status: 'REQUESTED',
      method: request.method,
      refundMethod: request.refundMethod,
      receivingLocationId: receivingLocationFor(order, request),
      lines,
      expiresAt: new Date(now.getTime() + policy.receiptTimeoutSeconds * 1000).toISOString(),
      requestedBy: command.requestedBy,
      createdAt: at,
      updatedAt: at,
      history: [{ status: 'REQUESTED', at }],
    });
  });
  const created = returnOf(after, returnId);

  try {
    await deps.returnWorkflow.start(returnId, { orderId: after.id, returnId, method: created.method, receiptTimeoutSeconds: policy.receiptTimeoutSeconds });
  } catch (error) {
    // Without its execution the return would hold the units forever: it is taken back, and the caller may try again.
    await changeOrder(deps.orders, after.id, (order) => withoutRequestedReturn(order, returnId, deps.now().toISOString()));
    throw error;
  }
  await deps.events.publish(
    domainEvent(
      ReturnRequested,
      {
        ...returnEventBase(after, created),
        method: created.method,
        refundMethod: created.refundMethod,
        receivingLocationId: created.receivingLocationId,
        lines: created.lines.map(({ lineId, sku, quantity, reasonCode, exchangeForSku }) => ({ lineId, sku, quantity, reasonCode, ...(exchangeForSku && { exchangeForSku }) })),
        expiresAt: created.expiresAt,
      },
      returnEventOptions(after, returnId, 'ReturnRequested'),
    ),
  );
  return { order: after, created };
}

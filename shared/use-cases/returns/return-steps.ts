/**
 * The steps of a return's execution (statemachines/order-return.asl.json), each one use case that
 * is safe to repeat: a retried task finds its work done (by the return's status, or by the ids of
 * what it recorded) and does nothing twice.
 */
import { createHash } from 'node:crypto';
import type { PaymentEntry } from '../../contracts/fulfilment';
import { withPayment, stillRefundable } from '../../domain/lifecycle/order-lifecycle';
import { returnPolicyFor } from '../../domain/returns/return-policy';
import { refundForReturn, returnOf, updateReturn } from '../../domain/returns/return-rules';
import { domainEvent } from '../../events/event-publisher';
import { PaymentRefunded } from '../../events/catalog/order-events';
import { ReturnCompleted, ReturnExpired, ReturnLabelIssued, ReturnRefunded, StoreCreditIssued } from '../../events/catalog/return-events';
import { changeOrder, eventOptions, loadOrder, snapshotOf } from '../lifecycle/lifecycle-dependencies';
import { senderAddress } from '../lifecycle/fulfilment-steps';
import { refundAcrossCaptures } from '../payments/refund-across-captures';
import { placeReplacementOrder } from './exchange-order';
import { returnEventBase, returnEventOptions, returnReceiptWaitId, type ReturnDependencies, type ReturnStepInput } from './return-dependencies';

/** Mail returns: a prepaid label from the customer's address back to the receiving location. */
export async function issueReturnLabel({ orderId, returnId }: ReturnStepInput, deps: ReturnDependencies): Promise<void> {
  const order = await loadOrder(deps.orders, orderId);
  const current = returnOf(order, returnId);
  if (current.label) return;
  const from = order.shippingAddress ?? (await senderAddress(deps, order.pickupStoreId ?? current.receivingLocationId, order)).address;
  const to = (await senderAddress(deps, current.receivingLocationId, order)).address;
  const units = current.lines.reduce((sum, line) => sum + line.quantity, 0);
  const label = await deps.carrier.createReturnLabel({ shipmentId: returnId, service: 'ECONOMY', from, to, parcels: [{ weightGrams: 500 * units }] });
  const at = deps.now().toISOString();
  const { after } = await changeOrder(deps.orders, orderId, (latest) =>
    returnOf(latest, returnId).label
      ? latest
      : updateReturn(latest, returnId, at, () => ({ label: { carrier: label.carrier, trackingNumber: label.trackingNumber, labelUrl: label.labelUrl } })),
  );
  await deps.events.publish(
    domainEvent(
      ReturnLabelIssued,
      { ...returnEventBase(after, current), carrier: label.carrier, trackingNumber: label.trackingNumber, labelUrl: label.labelUrl },
      returnEventOptions(after, returnId, 'ReturnLabelIssued'),
    ),
  );
}

/**
 * Registers the task token that the receiving location's report (POST /integrations/returns/receipts)
 * answers, and only then marks the return AWAITING_RECEIPT: a partner (or a person) who sees that
 * status can always report the receipt, never a moment too early.
 */
export async function awaitReturnReceipt({ orderId, returnId, taskToken }: ReturnStepInput & { taskToken: string }, deps: ReturnDependencies): Promise<void> {
  const at = deps.now().toISOString();
  await deps.waits.register({ orderId, waitId: returnReceiptWaitId(returnId), kind: 'return-receipt', taskToken, createdAt: at });
  await changeOrder(deps.orders, orderId, (order) => {
    const current = returnOf(order, returnId);
    if (current.status !== 'REQUESTED') return order;
    const reason = current.label ? `Return label ${current.label.trackingNumber}; waiting for the goods` : 'Waiting for the goods at the store';
    return updateReturn(order, returnId, at, () => ({}), { to: 'AWAITING_RECEIPT', reason });
  });
}

/** Nothing arrived in time: the return is closed, its units are returnable again, and the customer is told. */
export async function expireReturn({ orderId, returnId }: ReturnStepInput, deps: ReturnDependencies): Promise<void> {
  const at = deps.now().toISOString();
  const { after } = await changeOrder(deps.orders, orderId, (order) => {
    const current = returnOf(order, returnId);
    return current.status === 'REQUESTED' || current.status === 'AWAITING_RECEIPT' ? updateReturn(order, returnId, at, () => ({}), { to: 'EXPIRED', reason: 'Nothing received before the deadline' }) : order;
  });
  const current = returnOf(after, returnId);
  const wait = await deps.waits.get(orderId, returnReceiptWaitId(returnId));
  if (wait) await deps.waits.remove(wait);
  if (current.status !== 'EXPIRED') return;
  await deps.events.publish(domainEvent(ReturnExpired, { ...returnEventBase(after, current), expiresAt: current.expiresAt }, returnEventOptions(after, returnId, 'ReturnExpired')));
}

const creditIdOf = (returnId: string) => `crd_${createHash('sha256').update(returnId).digest('hex').slice(0, 20)}`;

/**
 * Gives the received lines' money back, less fees: to the original payment (split over the order's
 * captures, each refund keyed by return and capture, so a retry refunds nothing twice) or as store
 * credit. Never more than what is left to refund, whatever returns and goodwill came before.
 */
export async function refundReturn({ orderId, returnId }: ReturnStepInput, deps: ReturnDependencies): Promise<void> {
  const order = await loadOrder(deps.orders, orderId);
  const current = returnOf(order, returnId);
  if (current.status !== 'RECEIVED') return;
  const policy = returnPolicyFor(deps.returnPolicies, order.channelId);
  // What this return already moved (a retried step) counts as refundable for it.
  const movedForThisReturn = (order.payments ?? []).filter((entry) => entry.returnId === returnId).reduce((sum, entry) => sum + entry.amount.amount, 0);
  const refund = refundForReturn(order, returnId, policy, stillRefundable(order) + movedForThisReturn);
  const at = deps.now().toISOString();
  const reason = `Return ${returnId}`;
  const recorded: PaymentEntry[] = [];

  if (current.refundMethod === 'STORE_CREDIT' && refund.total.amount > 0) {
    recorded.push({ type: 'STORE_CREDIT', id: creditIdOf(returnId), amount: refund.total, returnId, reason, at });
  } else if (refund.total.amount > 0) {
    recorded.push(...(await refundAcrossCaptures(order, refund.total.amount - movedForThisReturn, { idempotencyKeyPrefix: `${returnId}:refund`, reason, at, returnId }, deps.payments)));
  }

  const { after } = await changeOrder(deps.orders, orderId, (latest) => {
    if (returnOf(latest, returnId).status !== 'RECEIVED') return latest;
    const paid = recorded.reduce((next, entry) => ((next.payments ?? []).some((existing) => existing.id === entry.id) ? next : withPayment(next, entry)), latest);
    const refundId = (paid.payments ?? []).find((entry) => entry.returnId === returnId)?.id ?? `${returnId}:nothing-to-refund`;
    return updateReturn(
      paid,
      returnId,
      at,
      (existing) => ({
        lines: existing.lines.map((line) => ({ ...line, refundAmount: refund.lines.find((candidate) => candidate.lineId === line.lineId)?.amount ?? { amount: 0, currency: latest.currency } })),
        refund: { refundId, amount: refund.total, restockingFee: refund.restockingFee, shippingRefunded: refund.shippingRefunded },
      }),
      { to: 'REFUNDED', reason: `${refund.total.amount} ${refund.total.currency} ${current.refundMethod === 'STORE_CREDIT' ? 'credited' : 'refunded'}` },
    );
  });
  const refunded = returnOf(after, returnId);
  for (const entry of (after.payments ?? []).filter((candidate) => candidate.returnId === returnId)) {
    if (entry.type === 'REFUND') {
      await deps.events.publish(domainEvent(PaymentRefunded, { order: snapshotOf(after), refundId: entry.id, amount: entry.amount, reason }, eventOptions(after, `Refund:${entry.id}`)));
    } else {
      await deps.events.publish(
        domainEvent(StoreCreditIssued, { order: snapshotOf(after), creditId: entry.id, amount: entry.amount, reason, returnId }, eventOptions(after, `StoreCredit:${returnId}`)),
      );
    }
  }
  await deps.events.publish(
    domainEvent(
      ReturnRefunded,
      {
        ...returnEventBase(after, refunded),
        refundMethod: refunded.refundMethod,
        refundId: refunded.refund?.refundId ?? '',
        amount: refund.total,
        restockingFee: refund.restockingFee,
        shippingRefunded: refund.shippingRefunded,
        lines: refund.lines.map((line) => ({ ...line })),
      },
      returnEventOptions(after, returnId, 'ReturnRefunded'),
    ),
  );
}

/** Units judged RESTOCK go back on sale at the receiving location; each line's adjustment is keyed, so it counts once. */
export async function restockReturn({ orderId, returnId }: ReturnStepInput, deps: ReturnDependencies): Promise<{ restocked: { sku: string; locationId: string; quantity: number }[] }> {
  const order = await loadOrder(deps.orders, orderId);
  const current = returnOf(order, returnId);
  const restocked = [];
  for (const line of current.lines) {
    const quantity = line.receivedQuantity ?? 0;
    if (line.disposition !== 'RESTOCK' || quantity === 0) continue;
    const stock = await deps.inventory.getStock(line.sku, current.receivingLocationId);
    if (!stock) await deps.inventory.initializeStock({ sku: line.sku, locationId: current.receivingLocationId, onHand: 0, safetyStock: 0, incoming: [] });
    await deps.inventory.adjust({ adjustmentId: `${returnId}:${line.lineId}`, sku: line.sku, locationId: current.receivingLocationId, delta: quantity, reason: `Return ${returnId}: restocked` });
    restocked.push({ sku: line.sku, locationId: current.receivingLocationId, quantity });
  }
  return { restocked };
}

/** Exchanges get their replacement order; the return is closed and everyone is told. */
export async function completeReturn({ orderId, returnId }: ReturnStepInput, deps: ReturnDependencies & { newOrderId: () => string }): Promise<void> {
  const order = await loadOrder(deps.orders, orderId);
  const current = returnOf(order, returnId);
  if (current.status === 'COMPLETED') return;
  const replacement = current.lines.some((line) => line.exchangeForSku && (line.receivedQuantity ?? 0) > 0) ? await placeReplacementOrder(order, current, deps) : undefined;
  const at = deps.now().toISOString();
  const { after } = await changeOrder(deps.orders, orderId, (latest) =>
    returnOf(latest, returnId).status === 'REFUNDED'
      ? updateReturn(latest, returnId, at, () => (replacement ? { replacementOrderId: replacement } : {}), { to: 'COMPLETED', reason: replacement ? `Exchanged: order ${replacement}` : 'Done' })
      : latest,
  );
  const completed = returnOf(after, returnId);
  const restocked = completed.lines
    .filter((line) => line.disposition === 'RESTOCK' && (line.receivedQuantity ?? 0) > 0)
    .map((line) => ({ sku: line.sku, locationId: completed.receivingLocationId, quantity: line.receivedQuantity ?? 0 }));
  await deps.events.publish(
    domainEvent(
      ReturnCompleted,
      { ...returnEventBase(after, completed), refunded: completed.refund?.amount ?? { amount: 0, currency: after.currency }, restocked, ...(replacement && { replacementOrderId: replacement }) },
      returnEventOptions(after, returnId, 'ReturnCompleted'),
    ),
  );
}

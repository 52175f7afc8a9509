import { describe, expect, it } from 'vitest';
import type { Order } from '../../../../shared/contracts/order';
import { LifecyclePoliciesSchema } from '../../../../shared/domain/lifecycle/lifecycle-policy';
import { moveOrder } from '../../../../shared/domain/lifecycle/order-lifecycle';
import { riskReviewWaitId } from '../../../../shared/ports/lifecycle-waits';
import { applyReviewDefault, reviewOrder, type ReviewOrderCommand } from '../../../../shared/use-cases/lifecycle/review-order';
import { anotherPlacedOrder, at, lifecycleWorld } from '../../fixtures/lifecycle';

const reasons = [{ code: 'HIGH_VALUE', message: 'Order value above the review threshold' }];

/** Held by the risk screen, as its step leaves it; any channel's order. */
const heldOrder = (orderId = 'ord_01', channelId = 'app-shop'): Order =>
  moveOrder({ ...anotherPlacedOrder(orderId, channelId), risk: { decision: 'hold', reasons } }, 'ON_HOLD', { at: at(1), reason: reasons[0]?.message });

const review = (extra: Partial<ReviewOrderCommand> = {}): ReviewOrderCommand => ({ orderId: 'ord_01', decision: 'approve', reviewer: 'ops-team', ...extra });

async function worldWithHeldOrder(options: Parameters<typeof lifecycleWorld>[0] = {}) {
  const world = lifecycleWorld(options);
  const held = await world.store(heldOrder());
  const wait = await world.waitFor('ord_01', riskReviewWaitId, 'risk-review');
  return { world, held, wait };
}

describe('reviewOrder', () => {
  it('approves: the verdict is recorded (the order stays ON_HOLD for the allocation step), then the execution resumes', async () => {
    // Prepare
    const { world, wait } = await worldWithHeldOrder();

    // Act
    const order = await reviewOrder(review({ note: 'Customer confirmed by phone' }), world.deps);

    // Assess
    expect(order.status).toBe('ON_HOLD');
    expect(order.risk).toEqual({
      decision: 'accept',
      reasons: [...reasons, { code: 'REVIEW_NOTE', message: 'Customer confirmed by phone' }],
      reviewedBy: 'ops-team',
      reviewedAt: world.clock.now.toISOString(),
    });
    expect(await world.saved('ord_01')).toEqual(order);
    expect(world.deps.workflow.heartbeats).toEqual([wait.taskToken]);
    expect(world.deps.workflow.succeeded).toEqual([{ taskToken: wait.taskToken, output: { decision: 'approve' } }]);
    expect(world.deps.waits.all).toEqual([]);
    expect(world.transport.sent).toEqual([]);
  });

  it('rejects: the order ends REJECTED by the reviewer, OrderRejected is published, then the task fails with RiskRejected', async () => {
    // Prepare
    const { world, wait } = await worldWithHeldOrder();

    // Act
    const order = await reviewOrder(review({ decision: 'reject', note: 'Stolen card' }), world.deps);

    // Assess
    expect(order.status).toBe('REJECTED');
    expect(order.statusHistory.at(-1)).toEqual({ status: 'REJECTED', at: world.clock.now.toISOString(), by: { type: 'user', id: 'ops-team' }, reason: 'Rejected in review: Stolen card' });
    expect(order.risk).toMatchObject({ decision: 'reject', reviewedBy: 'ops-team' });
    expect(world.transport.ofType('OrderRejected').map((event) => event.data)).toEqual([
      expect.objectContaining({ reasons: [...reasons, { code: 'REVIEW_REJECTED', message: 'Rejected in review: Stolen card' }] }),
    ]);
    expect(world.deps.workflow.failed).toEqual([{ taskToken: wait.taskToken, error: 'RiskRejected', cause: 'Rejected in review: Stolen card' }]);
    expect(world.deps.waits.all).toEqual([]);
  });

  it('answers TASK_NO_LONGER_WAITING for a stale token and changes nothing', async () => {
    // Prepare
    const { world, held, wait } = await worldWithHeldOrder();
    world.deps.workflow.markStale(wait.taskToken);

    // Act
    const attempt = reviewOrder(review({ decision: 'reject' }), world.deps);

    // Assess
    await expect(attempt).rejects.toMatchObject({ kind: 'conflict', code: 'TASK_NO_LONGER_WAITING' });
    expect(await world.saved('ord_01')).toEqual(held);
    expect(world.deps.workflow.answered).toEqual([]);
    expect(world.transport.sent).toEqual([]);
  });

  it('refuses an order that is not held, already decided, or has no review wait as NOT_AWAITING_REVIEW', async () => {
    // Prepare
    const world = lifecycleWorld();
    await world.store(anotherPlacedOrder('ord_placed'));
    await world.store(heldOrder('ord_nowait'));
    await world.store(heldOrder('ord_01'));
    await world.waitFor('ord_01', riskReviewWaitId, 'risk-review');
    await reviewOrder(review(), world.deps);
    await world.waitFor('ord_01', riskReviewWaitId, 'risk-review', { taskToken: 'token:retried' });

    // Act
    const notHeld = reviewOrder(review({ orderId: 'ord_placed' }), world.deps);
    const noWait = reviewOrder(review({ orderId: 'ord_nowait' }), world.deps);
    const decided = reviewOrder(review({ decision: 'reject' }), world.deps);

    // Assess
    await expect(notHeld).rejects.toMatchObject({ code: 'NOT_AWAITING_REVIEW', message: expect.stringContaining('is PLACED') });
    await expect(noWait).rejects.toMatchObject({ code: 'NOT_AWAITING_REVIEW' });
    await expect(decided).rejects.toMatchObject({ code: 'NOT_AWAITING_REVIEW', message: expect.stringContaining('already reviewed by ops-team') });
    expect((await world.saved('ord_01')).risk?.decision).toBe('accept');
  });

  it('lets the timeout path follow a decision whose answer came a moment too late', async () => {
    // Prepare: the review times out between the heartbeat and the answer; the channel's default is reject.
    const { world, wait } = await worldWithHeldOrder();
    world.deps.workflow.expireAfterHeartbeat(wait.taskToken);

    // Act
    const reviewed = await reviewOrder(review(), world.deps);
    const onTimeout = await applyReviewDefault({ orderId: 'ord_01' }, world.deps);

    // Assess
    expect(reviewed.risk?.decision).toBe('accept');
    expect(onTimeout).toEqual({ decision: 'approve' });
    expect(await world.saved('ord_01')).toEqual(reviewed);
  });
});

describe('applyReviewDefault', () => {
  it("rejects by default as the system, publishes OrderRejected and throws RiskRejected for the state machine", async () => {
    // Prepare
    const { world } = await worldWithHeldOrder();

    // Act
    const attempt = applyReviewDefault({ orderId: 'ord_01' }, world.deps);

    // Assess
    await expect(attempt).rejects.toMatchObject({ name: 'RiskRejected' });
    const saved = await world.saved('ord_01');
    expect(saved.status).toBe('REJECTED');
    expect(saved.statusHistory.at(-1)?.by).toEqual({ type: 'system', id: 'order-lifecycle' });
    expect(saved.risk).toMatchObject({ decision: 'reject', reviewedBy: 'system' });
    expect(world.transport.detailTypes).toEqual(['OrderRejected']);
    expect(world.deps.waits.all).toEqual([]);
  });

  it("approves when the channel's policy says so, as the system; the order stays ON_HOLD for the allocation step", async () => {
    // Prepare
    const policies = LifecyclePoliciesSchema.parse({ channels: { 'app-shop': { reviewDefault: 'approve' } } });
    const { world } = await worldWithHeldOrder({ policies });

    // Act
    const outcome = await applyReviewDefault({ orderId: 'ord_01' }, world.deps);

    // Assess
    expect(outcome).toEqual({ decision: 'approve' });
    const saved = await world.saved('ord_01');
    expect(saved.status).toBe('ON_HOLD');
    expect(saved.risk).toMatchObject({ decision: 'accept', reviewedBy: 'system' });
    expect(world.transport.sent).toEqual([]);
  });

  it('fails with OrderCancelled when the order was cancelled during the review', async () => {
    // Prepare
    const world = lifecycleWorld();
    await world.store({ ...heldOrder(), cancellation: { requestedAt: at(2), requestedBy: 'app-shop', reason: 'Duplicate order' } });

    // Act
    const attempt = applyReviewDefault({ orderId: 'ord_01' }, world.deps);

    // Assess
    await expect(attempt).rejects.toMatchObject({ name: 'OrderCancelled' });
    expect((await world.saved('ord_01')).status).toBe('ON_HOLD');
  });
});

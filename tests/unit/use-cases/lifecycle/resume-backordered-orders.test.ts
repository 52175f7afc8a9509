import { describe, expect, it } from 'vitest';
import { restockWaitId } from '../../../../shared/ports/lifecycle-waits';
import { resumeBackorderedOrders } from '../../../../shared/use-cases/lifecycle/resume-backordered-orders';
import { lifecycleWorld } from '../../fixtures/lifecycle';

describe('resumeBackorderedOrders', () => {
  it('resumes every execution waiting for the SKU, skips and forgets stale tokens, and leaves other SKUs waiting', async () => {
    // Prepare
    const world = lifecycleWorld();
    const waiting = await world.waitFor('ord_01', restockWaitId, 'restock', { skus: ['MUG-LOGO', 'TSHIRT-BLK-M'] });
    const timedOut = await world.waitFor('ord_02', restockWaitId, 'restock', { skus: ['MUG-LOGO'] });
    const other = await world.waitFor('ord_03', restockWaitId, 'restock', { skus: ['HOODIE-GRY-L'] });
    world.deps.workflow.markStale(timedOut.taskToken);

    // Act
    const summary = await resumeBackorderedOrders({ sku: 'MUG-LOGO' }, world.deps);

    // Assess
    expect(summary).toEqual({ sku: 'MUG-LOGO', resumed: 1, stale: 1 });
    expect(world.deps.workflow.succeeded).toEqual([
      { taskToken: waiting.taskToken, output: { sku: 'MUG-LOGO' } },
      { taskToken: timedOut.taskToken, output: { sku: 'MUG-LOGO' } },
    ]);
    expect(world.deps.waits.all).toEqual([other]);
  });
});

/**
 * A SKU is back in stock somewhere: every order whose execution waits for it (the `restock` wait)
 * resumes and tries to allocate again; an order that still cannot be held waits anew. Tokens that
 * no longer wait (the restock timed out, the order was cancelled) are skipped and forgotten.
 */
import type { LifecycleDependencies } from './lifecycle-dependencies';

export type ResumeBackorderedDependencies = Pick<LifecycleDependencies, 'waits' | 'workflow'>;

export interface ResumeSummary {
  readonly sku: string;
  readonly resumed: number;
  readonly stale: number;
}

export async function resumeBackorderedOrders({ sku }: { readonly sku: string }, deps: ResumeBackorderedDependencies): Promise<ResumeSummary> {
  let resumed = 0;
  let stale = 0;
  for (const wait of await deps.waits.waitingForSku(sku)) {
    const answer = await deps.workflow.succeed(wait.taskToken, { sku });
    if (answer === 'delivered') resumed++;
    else stale++;
    // Either way this token is done; removal spares a newer token of the same wait.
    await deps.waits.remove(wait);
  }
  return { sku, resumed, stale };
}

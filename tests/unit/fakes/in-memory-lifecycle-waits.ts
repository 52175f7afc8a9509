import type { LifecycleWait, LifecycleWaits } from '../../../shared/ports/lifecycle-waits';

const keyOf = (orderId: string, waitId: string) => `${orderId}#${waitId}`;

/**
 * The LifecycleWaits port in memory, with the DynamoDB adapter's guarantees: registering again
 * replaces the token, removal only takes the token it names, reads return copies.
 */
export class InMemoryLifecycleWaits implements LifecycleWaits {
  private readonly waits = new Map<string, LifecycleWait>();

  /** Every wait stored, for assertions. */
  get all(): LifecycleWait[] {
    return [...this.waits.values()].map((wait) => structuredClone(wait));
  }

  async register(wait: LifecycleWait): Promise<void> {
    this.waits.set(keyOf(wait.orderId, wait.waitId), structuredClone(wait));
  }

  async get(orderId: string, waitId: string): Promise<LifecycleWait | undefined> {
    const wait = this.waits.get(keyOf(orderId, waitId));
    return wait && structuredClone(wait);
  }

  async ofOrder(orderId: string): Promise<LifecycleWait[]> {
    return this.all.filter((wait) => wait.orderId === orderId);
  }

  async remove({ orderId, waitId, taskToken }: Pick<LifecycleWait, 'orderId' | 'waitId' | 'taskToken'>): Promise<void> {
    if (this.waits.get(keyOf(orderId, waitId))?.taskToken === taskToken) this.waits.delete(keyOf(orderId, waitId));
  }

  async waitingForSku(sku: string): Promise<LifecycleWait[]> {
    return this.all.filter((wait) => (wait.skus ?? []).includes(sku));
  }
}

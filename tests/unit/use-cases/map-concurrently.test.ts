import { describe, expect, it } from 'vitest';
import { mapConcurrently } from '../../../shared/use-cases/support/map-concurrently';

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

describe('mapConcurrently', () => {
  it('answers the results in the items’ order, never running more than the limit at once', async () => {
    let running = 0;
    let most = 0;

    const results = await mapConcurrently([5, 1, 4, 2, 3, 6, 7], 3, async (item) => {
      running++;
      most = Math.max(most, running);
      for (let wait = 0; wait < item; wait++) await tick();
      running--;
      return item * 10;
    });

    expect(results).toEqual([50, 10, 40, 20, 30, 60, 70]);
    expect(most).toBe(3);
  });

  it('starts nothing after a failure and throws the first one once the started items have finished', async () => {
    const started: number[] = [];
    const finished: number[] = [];

    const attempt = mapConcurrently([1, 2, 3, 4, 5], 2, async (item) => {
      started.push(item);
      await tick();
      if (item === 2) throw new Error('item 2 failed');
      await tick();
      finished.push(item);
    });

    await expect(attempt).rejects.toThrow('item 2 failed');
    expect(started).toEqual([1, 2]);
    expect(finished).toEqual([1]);
  });
});

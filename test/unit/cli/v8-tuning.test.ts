import { describe, expect, it } from 'vitest';
import { fullCollection, PhaseMemory } from '../../../src/cli/v8-tuning.js';
import { HOLD_LOADS_SOURCE_BYTES } from '../../../src/storage/kuzu-load-policy.js';

describe('fullCollection', () => {
  it('collects what was let go at once, without waiting for V8 to run out of room', () => {
    const collect = fullCollection();
    collect();
    const before = process.memoryUsage().heapUsed;
    let held: { readonly id: string; readonly n: number }[] | undefined = Array.from({ length: 600_000 }, (_, n) => ({ id: `node:${n}`, n }));
    const holding = process.memoryUsage().heapUsed;
    expect(holding - before).toBeGreaterThan(40 * 2 ** 20);
    expect(held.length).toBe(600_000);
    held = undefined;
    collect();
    // What is left is what was there before, give or take the test runner's own allocations.
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(8 * 2 ** 20);
  });
});

describe('PhaseMemory', () => {
  // The collection is counted, not made: fullCollection's own test above makes real ones.
  const counted = (): { memory: PhaseMemory; collections: () => number } => {
    let n = 0;
    return { memory: new PhaseMemory(() => n++), collections: () => n };
  };

  it('collects a large tree\'s units once they are let go, and only once', () => {
    const { memory, collections } = counted();
    memory.begin(HOLD_LOADS_SOURCE_BYTES);
    expect(collections()).toBe(0);
    memory.release();
    memory.release();
    expect(collections()).toBe(1);
  });

  it('leaves a smaller tree to V8', () => {
    const { memory, collections } = counted();
    memory.begin(HOLD_LOADS_SOURCE_BYTES - 1);
    memory.release();
    expect(collections()).toBe(0);
  });
});

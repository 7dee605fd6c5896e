import { describe, expect, it } from 'vitest';
import { fullCollection } from '../../../src/cli/v8-tuning.js';

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

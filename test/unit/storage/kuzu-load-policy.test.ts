import { describe, expect, it } from 'vitest';
import { bufferPoolFor, holdLoadsFor } from '../../../src/storage/kuzu-load-policy.js';

describe('bufferPoolFor', () => {
  const GiB = 2 ** 30;
  it('gives at least 256 MiB, then 32 bytes per byte of source, in whole MiB', () => {
    expect(bufferPoolFor(0, 24 * GiB)).toBe(256 * 2 ** 20);
    expect(bufferPoolFor(1_000_000, 24 * GiB)).toBe(256 * 2 ** 20);
    expect(bufferPoolFor(165 * 2 ** 20, 24 * GiB)).toBe(32 * 165 * 2 ** 20);
    expect(bufferPoolFor(10_000_001, 24 * GiB)).toBe(306 * 2 ** 20);
  });
  it("leaves Kuzu's default (0: 80% of memory) when the load would want more", () => {
    expect(bufferPoolFor(1 * GiB, 24 * GiB)).toBe(0);
    expect(bufferPoolFor(0, 300 * 2 ** 20)).toBe(0);
  });
});

describe('holdLoadsFor', () => {
  it('holds the loads back from 32 MiB of source on, not below', () => {
    expect(holdLoadsFor(32 * 2 ** 20 - 1)).toBe(false);
    expect(holdLoadsFor(32 * 2 ** 20)).toBe(true);
  });
});

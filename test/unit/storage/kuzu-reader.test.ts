import { describe, expect, it } from 'vitest';
import { readBufferPoolFor } from '../../../src/storage/kuzu-reader.js';

describe('readBufferPoolFor', () => {
  const MiB = 2 ** 20;
  const GiB = 2 ** 30;
  it('gives eight times the database file, at least 256 MiB, in whole MiB', () => {
    expect(readBufferPoolFor(0, 24 * GiB)).toBe(256 * MiB);
    expect(readBufferPoolFor(32 * MiB, 24 * GiB)).toBe(256 * MiB);
    expect(readBufferPoolFor(255_180_800, 24 * GiB)).toBe(1947 * MiB);
  });
  it("leaves Kuzu's default (0: 80% of memory) when that would be more", () => {
    expect(readBufferPoolFor(3 * GiB, 24 * GiB)).toBe(0);
    expect(readBufferPoolFor(0, 256 * MiB)).toBe(0);
  });
});

import { describe, expect, it } from 'vitest';
import { bufferPoolFor, digestApartFor, digestPoolFor, holdLoadsFor } from '../../../src/storage/kuzu-load-policy.js';

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

describe('digestApartFor', () => {
  it('digests in a fresh process from 32 MiB of source on, where the loads are held back too', () => {
    expect(digestApartFor(32 * 2 ** 20 - 1)).toBe(false);
    expect(digestApartFor(32 * 2 ** 20)).toBe(true);
  });
});

describe('digestPoolFor', () => {
  const GiB = 2 ** 30;
  it('gives at least 256 MiB, then 0.6 of the database file, in whole MiB', () => {
    expect(digestPoolFor(0, 24 * GiB)).toBe(256 * 2 ** 20);
    expect(digestPoolFor(176 * 2 ** 20, 24 * GiB)).toBe(256 * 2 ** 20);
    expect(digestPoolFor(858_066_944, 24 * GiB)).toBe(491 * 2 ** 20);
    expect(digestPoolFor(1000 * 2 ** 20, 24 * GiB)).toBe(600 * 2 ** 20);
  });
  it("leaves Kuzu's default (0: 80% of memory) when the pool would be most of the memory", () => {
    expect(digestPoolFor(40 * GiB, 24 * GiB)).toBe(0);
    expect(digestPoolFor(0, 300 * 2 ** 20)).toBe(0);
  });
});

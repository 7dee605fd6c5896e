import { describe, expect, it } from 'vitest';
import { KUZU_MALLOC_TUNABLES, childEnvironment } from '../../../src/storage/kuzu-client.js';

describe('the Kuzu process environment', () => {
  it("sets glibc's allocator tunables and keeps the rest of the environment", () => {
    const env = childEnvironment({ PATH: '/bin', NO_COLOR: '1' });
    expect(env).toEqual({ PATH: '/bin', NO_COLOR: '1', GLIBC_TUNABLES: KUZU_MALLOC_TUNABLES });
  });
  it("puts the user's own tunables last, where glibc lets them win", () => {
    const env = childEnvironment({ GLIBC_TUNABLES: 'glibc.malloc.arena_max=4' });
    expect(env['GLIBC_TUNABLES']).toBe(`${KUZU_MALLOC_TUNABLES}:glibc.malloc.arena_max=4`);
  });
});

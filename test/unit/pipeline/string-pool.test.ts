import { describe, expect, it } from 'vitest';
import { deserialize, serialize } from 'node:v8';
import { StringPool } from '../../../src/pipeline/string-pool.js';

describe('StringPool', () => {
  it('keeps one entry per distinct string of every object and array it shares, and changes no value', () => {
    // What a worker's reply is: structured-cloned plain data, the same strings in many places.
    const reply = deserialize(
      serialize([
        { id: 'Class:a.ts:A', label: 'Class', heritage: [{ relation: 'extends', ref: { path: ['B'] } }] },
        { id: 'Method:a.ts:A.m', label: 'Method', ownerId: 'Class:a.ts:A', properties: { kind: 'method', static: false } },
        { id: 'Method:a.ts:A.n', label: 'Method', ownerId: 'Class:a.ts:A', properties: { kind: 'method', lines: [1, 2] }, bytes: new Uint8Array([7, 8]) },
      ]),
    ) as Record<string, unknown>[];
    const before = structuredClone(reply);
    const pool = new StringPool();
    expect(pool.share(reply)).toBe(reply);
    expect(reply).toEqual(before);
    expect(reply[2]!['bytes']).toBeInstanceOf(Uint8Array);
    // Class:a.ts:A, Class, extends, B, Method:a.ts:A.m, Method, method, Method:a.ts:A.n: the ids,
    // labels and kinds met again take the copy already pooled.
    expect(pool.size).toBe(8);
    expect(pool.string('Method')).toBe('Method');
    expect(pool.size).toBe(8);
    expect(pool.string('Interface')).toBe('Interface');
    expect(pool.size).toBe(9);
  });
});

import { serialize } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { pack, unpack } from '../../../src/pipeline/packed-calls.js';

describe('packed call sites (pipeline/packed-calls.ts)', () => {
  it('give back exactly what was packed: every kind of value, keys in their order, fresh objects', () => {
    const value = [
      { callerId: 'Function:a.ts:f', line: 3, isNew: false, name: 'g', binding: { kind: 'free' } },
      { callerId: 'Function:a.ts:f', line: 2 ** 40, isNew: true, name: 'X', receiver: { kind: 'path', path: ['a', 'b'] }, binding: { kind: 'local', type: undefined } },
      { z: -0, a: 1.5, n: null, neg: -7, big: -(2 ** 31), list: [[], [1, [2]], 'x'], '1': 'integer-like key' },
    ];
    const back = unpack(pack(value)) as typeof value;
    expect(back).toEqual(value);
    expect(JSON.stringify(back)).toBe(JSON.stringify(value));
    expect(back.map((o) => Object.keys(o))).toEqual(value.map((o) => Object.keys(o)));
    expect(Object.is((back[2] as { z: number }).z, -0)).toBe(true);
    expect('type' in (back[1]!.binding as object)).toBe(true);
    expect(back[0]).not.toBe(value[0]);
  });

  it('hold each string and each list of keys once: a third of plain serialisation or less', () => {
    const site = (line: number) => ({ callerId: 'Method:src/some/long/path/file.ts:Class.method', line, isNew: false, name: 'call', binding: { kind: 'free' } });
    const sites = Array.from({ length: 100 }, (_, i) => site(i + 1));
    expect(pack(sites).length).toBeLessThan(serialize(sites).length / 3);
  });

  it('read keys that are not plain identifiers back as data, never as code', () => {
    const hostile = '"}; globalThis.packedCallsInjected = true; ({"';
    const value = [{ [hostile]: 1, 'with space': 2, 'ünïcode': 3 }, JSON.parse('{"__proto__": {"polluted": true}, "kind": "free"}') as object];
    const back = unpack(pack(value)) as Record<string, unknown>[];
    expect(Object.keys(back[0]!)).toEqual([hostile, 'with space', 'ünïcode']);
    expect(back[0]![hostile]).toBe(1);
    expect((globalThis as { packedCallsInjected?: boolean }).packedCallsInjected).toBeUndefined();
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
    expect((back[1] as { kind: string }).kind).toBe('free');
  });

  it('refuse what is not plain data', () => {
    expect(() => pack([{ f: () => 1 }])).toThrow(/cannot be packed/);
  });
});

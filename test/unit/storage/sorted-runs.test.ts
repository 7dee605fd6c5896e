import { describe, expect, it } from 'vitest';
import { itemLine, lineId } from '../../../src/storage/sorted-runs.js';

describe("a run's item line", () => {
  it('is exactly JSON.stringify of the item, whatever its strings hold and whatever its shape', () => {
    const items: unknown[] = [
      { id: 'File:a.ts', label: 'File', properties: { filePath: 'a.ts', lines: 3, packages: ['react'] } },
      { id: 'CALLS:Function:a.ts:f->Method:b.ts:B.m', type: 'CALLS', source: 'Function:a.ts:f', target: 'Method:b.ts:B.m', properties: { callSites: 2, confidence: 0.95, line: 4, stage: 'import' } },
      { id: 'File:say "hi".ts', label: 'File', properties: {} },
      { id: 'File:back\\slash.ts', label: 'File', properties: {} },
      { id: 'File:tab\there.ts', label: 'File', properties: {} },
      { id: 'File:\u2028\u007f.ts', label: 'File', properties: {} },
      { id: 'File:lone\ud800.ts', label: 'File', properties: {} },
      { id: 'File:émoji😀.ts', label: 'File', properties: {} },
      { id: 'r', type: 'CONTAINS', source: 'Folder:a"b', target: 'File:c', properties: {} },
      { label: 'File', id: 'File:x', properties: {} },
      { id: 'File:x', label: 'File', properties: {}, extra: 1 },
      { id: 'File:x', label: undefined, properties: {} },
      { id: 7, label: 'File', properties: {} },
      { id: 'r', type: 'CALLS', source: 's', target: 't', properties: [] },
      { id: 'r', type: 'CALLS', source: 's', target: 't', properties: { toJSON: () => 'x' } },
      ['not', 'an', 'item'],
    ];
    for (const item of items) expect(itemLine(item)).toBe(JSON.stringify(item));
  });
});

describe("an item line's id", () => {
  it('is the id JSON.stringify wrote, escapes read back, whatever follows it', () => {
    for (const id of ['File:a.ts', '', 'File:say "hi".ts', 'File:back\\slash', 'File:end\\', 'File:tab\tx', 'File:\u2028😀']) {
      expect(lineId(JSON.stringify({ id, label: 'File', properties: { name: 'x\\"y' } }))).toBe(id);
    }
    expect(() => lineId('{"label":"File"}')).toThrow(/not a graph item line/);
    expect(() => lineId('{"id":"unterminated')).toThrow(/not a graph item line/);
  });
});

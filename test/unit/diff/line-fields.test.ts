import { describe, expect, it } from 'vitest';
import { callsOrImports, itemId, relationshipFields } from '../../../src/diff/line-fields.js';

const rel = (r: { id: string; type: string; source: string; target: string }) => JSON.stringify({ ...r, properties: { line: 3, note: 'a "quoted" \\ value' } });

describe('graph.json line fields', () => {
  it('read the same id, type and ends as JSON.parse, with escapes or without, in the sink key order or not', () => {
    const cases = [
      { id: 'CALLS:Function:src/a.ts:f->Function:src/b.ts:g', type: 'CALLS', source: 'Function:src/a.ts:f', target: 'Function:src/b.ts:g' },
      { id: 'IMPORTS:File:src/"q".ts->File:src/b\\c.ts', type: 'IMPORTS', source: 'File:src/"q".ts', target: 'File:src/b\\c.ts' },
      { id: 'DEFINES:File:a b.ts->Class:a b.ts:C', type: 'DEFINES', source: 'File:a b.ts', target: 'Class:a b.ts:C' },
    ];
    for (const c of cases) {
      const plain = JSON.stringify(c);
      for (const line of [plain, rel(c), JSON.stringify({ type: c.type, target: c.target, source: c.source, id: c.id })]) {
        expect(relationshipFields(line)).toEqual(c);
        expect(itemId(line)).toBe(c.id);
        expect(callsOrImports(line, c.id)).toBe(c.type !== 'DEFINES');
      }
    }
    expect(itemId(JSON.stringify({ id: 'Function:src/é.ts:f', label: 'Function', properties: {} }))).toBe('Function:src/é.ts:f');
  });
});

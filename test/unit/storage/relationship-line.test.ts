import { describe, expect, it } from 'vitest';
import { readRelationshipLine } from '../../../src/storage/relationship-line.js';

/** A relationship's line as the json sink writes it. */
function line(relationship: object, comma = true): string {
  return `    ${JSON.stringify(relationship)}${comma ? ',' : ''}`;
}

function rel(source: string, target: string, properties: object = {}): object {
  return { id: `CALLS:${source}->${target}`, type: 'CALLS', source, target, properties };
}

describe('readRelationshipLine', () => {
  it('reads what JSON.parse reads, for any text without an escape and any property values', () => {
    const properties = { callSites: 2, confidence: 0.95, line: 12, stage: 'same-file', big: -1.5e-7, on: true, off: false, none: null, kinds: ['static', 'type'], empty: [] };
    for (const [source, target] of [
      ['Function:src/a.ts:run', 'Method:src/b.ts:Cart.total'],
      ['File:src/café/menu.ts', 'Class:src/日本/名前.ts:店'],
      ['File:src/emoji-😀.ts', 'Function:src/x y.ts:$_'],
      ['', ''],
    ] as const) {
      for (const comma of [true, false]) {
        const text = line(rel(source, target, properties), comma);
        const fields = readRelationshipLine(text)!;
        const parsed = JSON.parse(comma ? text.slice(0, -1) : text) as Record<string, unknown>;
        expect({ ...fields, properties: JSON.parse(fields.properties) as unknown }).toEqual({ type: parsed['type'], source: parsed['source'], target: parsed['target'], properties: parsed['properties'] });
      }
    }
    expect(readRelationshipLine(line(rel('a', 'b')))?.properties).toBe('{}');
  });

  it('leaves to JSON.parse every line with an escape, whatever was escaped', () => {
    for (const odd of ['say"hi"', 'back\\slash', 'tab\there', 'nul\u0000', 'lone\ud800']) {
      const text = line(rel(`File:src/${odd}.ts`, 'File:src/b.ts'));
      expect(text).toContain('\\');
      expect(readRelationshipLine(text)).toBeUndefined();
    }
    // JSON.stringify leaves U+2028 as it is: no escape, so read here.
    expect(readRelationshipLine(line(rel('File:src/line\u2028sep.ts', 'b')))?.source).toBe('File:src/line\u2028sep.ts');
    expect(readRelationshipLine(line(rel('a', 'b', { stage: 'x"y' })))).toBeUndefined();
    expect(readRelationshipLine(line(rel('a', 'b', { kinds: ['\\'] })))).toBeUndefined();
  });

  it('reads nothing that is not valid JSON in the sink form', () => {
    const good = line(rel('a', 'b', { line: 3 }));
    expect(readRelationshipLine(good)).toBeDefined();
    for (const bad of [
      good.replace('"line":3', '"line":03'),
      good.replace('"line":3', '"line":3.'),
      good.replace('"line":3', '"line":+3'),
      good.replace('"line":3', '"line":NaN'),
      good.replace('"line":3', '"line":"a\u0001"'),
      good.replace('"source":"a"', '"source":"a\u001f"'),
      good.replace('"line":3', '"line":3,'),
      good.replace('"line":3', '"line":{"x":1}'),
      good.slice(0, -3),
      good.replace(' {', '{'),
      good.replace('"type":"CALLS","source":"a"', '"source":"a","type":"CALLS"'),
      `${good},`,
    ]) {
      expect(bad).not.toBe(good);
      expect(readRelationshipLine(bad)).toBeUndefined();
    }
  });
});

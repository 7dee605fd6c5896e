// A parse worker flattens every file into one reused set of arrays (syntax-table.ts reusedArrays):
// nothing a bigger earlier table left in them may show through a later, smaller one.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadGrammar } from '../../../src/pipeline/extract/grammars.js';
import { parseText } from '../../../src/pipeline/extract/parse-text.js';
import { flattenTree, type SyntaxTable } from '../../../src/pipeline/extract/syntax-table.js';
import { freshArrays, reusedArrays } from '../../../src/pipeline/extract/table-arrays.js';
import { openCursor } from '../../../src/pipeline/extract/wasm-cursor.js';
import { FIXTURES, fixtureFiles } from './parse-golden.js';

const ARRAYS = ['type', 'field', 'named', 'roles', 'start', 'stop', 'row', 'parent', 'firstChild', 'nextSibling', 'prevSibling', 'subtreeEnd'] as const;

/** The table's nodes, array by array (only the first `count` slots are the table's). */
function nodesOf(table: SyntaxTable): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  for (const key of ARRAYS) out[key] = Array.from(table[key] as ArrayLike<unknown>).slice(0, table.count);
  return out;
}

describe('reused table arrays', () => {
  it('give every table the nodes fresh arrays give, largest file first, with and without syntax errors', async () => {
    const files = readdirSync(FIXTURES)
      .filter((name) => name.startsWith('parse-'))
      .flatMap((name) => fixtureFiles(name))
      .map((f) => ({ language: f.language, text: readFileSync(f.absPath, 'utf8') }))
      .sort((a, b) => b.text.length - a.text.length);
    const arrays = reusedArrays();
    let withErrors = 0;
    let tables = 0;
    for (const { language, text } of files) {
      const grammar = await loadGrammar(language);
      const { tree } = parseText(grammar, text);
      try {
        const fresh = flattenTree(tree, grammar.language, text, openCursor, freshArrays);
        const expected = { count: fresh.count, hasError: fresh.hasError, firstErrorRow: fresh.firstErrorRow, nodes: nodesOf(fresh) };
        const reused = flattenTree(tree, grammar.language, text, openCursor, arrays);
        expect({ count: reused.count, hasError: reused.hasError, firstErrorRow: reused.firstErrorRow, nodes: nodesOf(reused) }).toEqual(expected);
        if (fresh.hasError) withErrors++;
        tables++;
      } finally {
        tree.delete();
      }
    }
    expect(tables).toBeGreaterThanOrEqual(20);
    expect(withErrors).toBeGreaterThanOrEqual(2);
  });
});

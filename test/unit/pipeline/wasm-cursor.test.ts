import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { LanguageId } from '../../../src/languages/language-id.js';
import { LANGUAGES } from '../../../src/languages/registry.js';
import { loadGrammar } from '../../../src/pipeline/extract/grammars.js';
import { parseText } from '../../../src/pipeline/extract/parse-text.js';
import { flattenTree, type SyntaxTable } from '../../../src/pipeline/extract/syntax-table.js';
import { directCursorAvailable, openCursor, openPublicCursor } from '../../../src/pipeline/extract/wasm-cursor.js';
import { FIXTURES, fixtureFiles } from './parse-golden.js';

const IDS = Object.keys(LANGUAGES) as LanguageId[];

// Every parse fixture (syntax errors and grammar misreads among them), plus sources whose
// offsets only come out right in UTF-16 units and sources with ERROR and MISSING nodes.
const FIXTURE_SOURCES = readdirSync(FIXTURES)
  .filter((name) => name.startsWith('parse-'))
  .flatMap((name) => fixtureFiles(name))
  .map((f) => ({ language: f.language, text: readFileSync(f.absPath, 'utf8') }))
  .filter((f) => !f.text.includes('\u0000') && !f.text.includes('\ufffd'));
const EXTRA = [
  'const s = "𝒳 é 😀"; function 𝑓(a) { return a + "😀"; }\nclass K { m() { return s; } }\n',
  'function broken( { if (x { return 1 }\nconst ok = () => 2;\n',
  'class A { m() { return [1, 2 }\n',
];

/** Every array and flag of the table, up to its count. */
function snapshot(table: SyntaxTable): Record<string, unknown> {
  const n = table.count;
  return {
    count: n,
    hasError: table.hasError,
    firstErrorRow: table.firstErrorRow,
    type: table.type.slice(0, n),
    field: table.field.slice(0, n),
    named: [...table.named.subarray(0, n)],
    roles: [...table.roles.subarray(0, n)],
    start: [...table.start.subarray(0, n)],
    stop: [...table.stop.subarray(0, n)],
    row: [...table.row.subarray(0, n)],
    parent: [...table.parent.subarray(0, n)],
    firstChild: [...table.firstChild.subarray(0, n)],
    nextSibling: [...table.nextSibling.subarray(0, n)],
    prevSibling: [...table.prevSibling.subarray(0, n)],
    subtreeEnd: [...table.subtreeEnd.subarray(0, n)],
  };
}

describe('direct WASM cursor', () => {
  it('is the cursor flattenTree uses once a grammar is loaded (a web-tree-sitter bump that breaks it shows here)', async () => {
    await loadGrammar('typescript');
    expect(directCursorAvailable()).toBe(true);
  });

  for (const id of IDS) {
    it(`${id}: copies the same table as the public TreeCursor, errors and astral characters included`, async () => {
      const grammar = await loadGrammar(id);
      const sources = [...EXTRA, ...FIXTURE_SOURCES.filter((f) => f.language === id).map((f) => f.text)];
      let withErrors = 0;
      for (const source of sources) {
        const { tree } = parseText(grammar, source);
        try {
          const direct = snapshot(flattenTree(tree, grammar.language, source, openCursor));
          const reference = snapshot(flattenTree(tree, grammar.language, source, openPublicCursor));
          expect(direct).toEqual(reference);
          // The library still works on the same tree after the direct cursor is gone.
          expect(tree.rootNode.descendantCount).toBeGreaterThanOrEqual(direct.count as number);
          if (direct.hasError) withErrors++;
        } finally {
          tree.delete();
        }
      }
      expect(withErrors).toBeGreaterThanOrEqual(2);
    });
  }
});

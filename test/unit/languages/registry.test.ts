import { describe, expect, it } from 'vitest';
import { EXTENSION_LANGUAGES, type LanguageId } from '../../../src/languages/language-id.js';
import { grammarPath, LANGUAGES } from '../../../src/languages/registry.js';
import { loadGrammar } from '../../../src/pipeline/extract/grammars.js';
import { flattenTree, OPAQUE_TYPES } from '../../../src/pipeline/extract/syntax-table.js';
import { FIXTURES, fixtureFiles } from '../pipeline/parse-golden.js';
import { readdirSync, readFileSync } from 'node:fs';

const IDS = Object.keys(LANGUAGES) as LanguageId[];
const SAMPLE = 'class A extends B { x = () => 1; m(a) { return a?.b(`t`, "s", /r/); } }\n// c\nexport default function () {}\n';
const TYPED = 'function f<T>(a: Map<string, T[]>, b: { k: 1 | 2 }): ns.R<T> { return g(a as X); }\n';
// Every parse fixture too: the flat copy must match the cursor on real code.
const FIXTURE_SOURCES = readdirSync(FIXTURES)
  .filter((name) => name.startsWith('parse-'))
  .flatMap((name) => fixtureFiles(name))
  .map((f) => ({ language: f.language, text: readFileSync(f.absPath, 'utf8') }))
  .filter((f) => !f.text.includes('\u0000') && !f.text.includes('\ufffd'));

describe('language registry', () => {
  it('covers every extension of the language table, and only those', () => {
    const fromRegistry = Object.fromEntries(IDS.flatMap((id) => LANGUAGES[id].extensions.map((ext) => [ext, id])));
    expect(fromRegistry).toEqual(EXTENSION_LANGUAGES);
  });

  for (const id of IDS) {
    it(`${id}: the grammar loads and knows the node types the extractors name`, async () => {
      expect(grammarPath(id)).toMatch(/\.wasm$/);
      const { language } = await loadGrammar(id);
      expect(language.idForNodeType(LANGUAGES[id].classField.type, true)).not.toBeNull();
      expect(language.fieldIdForName(LANGUAGES[id].classField.nameField)).not.toBeNull();
      for (const type of ['function_declaration', 'arrow_function', 'method_definition', 'class_body', 'call_expression', 'new_expression', 'import_statement', 'export_statement']) {
        expect(language.idForNodeType(type, true), type).not.toBeNull();
      }
      if (LANGUAGES[id].typed) {
        for (const type of ['interface_declaration', 'type_alias_declaration', 'enum_declaration', 'function_signature', 'method_signature', 'abstract_method_signature']) {
          expect(language.idForNodeType(type, true), type).not.toBeNull();
        }
      }
    });

    it(`${id}: the flat table copies the tree node for node (types, fields, lines)`, async () => {
      const { parser, language } = await loadGrammar(id);
      const sources = [LANGUAGES[id].typed ? SAMPLE + TYPED : SAMPLE, ...FIXTURE_SOURCES.filter((f) => f.language === id).map((f) => f.text)];
      for (const source of sources) {
        const tree = parser.parse(source)!;
        try {
          const table = flattenTree(tree, language, source);
          const seen: string[] = [];
          const cursor = tree.walk();
          for (;;) {
            // endLine is the line of the last character: an end at column 0 belongs to the line before.
            const { row, column } = cursor.endPosition;
            const endRow = column === 0 && row > cursor.startPosition.row ? row - 1 : row;
            // Anonymous tokens are kept by type only (no positions), so only named nodes have lines.
            const lines = cursor.nodeIsNamed ? `${cursor.startPosition.row}|${endRow}|${cursor.nodeText}` : '';
            // Anonymous tokens carry no field either: the extractors know them by type alone.
            const field = cursor.nodeIsNamed ? (cursor.currentFieldName ?? '') : '';
            seen.push(`${cursor.nodeType}|${field}|${lines}|${cursor.nodeIsNamed}`);
            if (!(cursor.nodeIsNamed && OPAQUE_TYPES.has(cursor.nodeType)) && cursor.gotoFirstChild()) continue;
            let more = true;
            while (more && !cursor.gotoNextSibling()) more = cursor.gotoParent();
            if (!more) break;
          }
          cursor.delete();
          const flat = Array.from({ length: table.count }, (_, i) => {
            const lines = table.named[i] ? `${table.row[i]}|${table.endLine(i) - 1}|${table.text(i)}` : '';
            return `${table.type[i]}|${table.field[i] ?? ''}|${lines}|${table.named[i] === 1}`;
          });
          expect(flat).toEqual(seen);
        } finally {
          tree.delete();
        }
      }
    });
  }
});

// The direct node reader (src/pipeline/extract/wasm-nodes.ts) against web-tree-sitter's public
// Node API, on the first parse of every parse fixture with syntax errors: the masking reparse
// (parse-text.ts) decides from these answers, so they must be the same.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadGrammar } from '../../../src/pipeline/extract/grammars.js';
import { errorWeight, probeOf } from '../../../src/pipeline/extract/parse-text.js';
import { directNodeReaderAvailable, openPublicNodeReader } from '../../../src/pipeline/extract/wasm-nodes.js';
import { FIXTURES, fixtureFiles } from './parse-golden.js';

const SOURCES = readdirSync(FIXTURES)
  .filter((name) => name.startsWith('parse-'))
  .flatMap((name) => fixtureFiles(name))
  .map((f) => ({ language: f.language, text: readFileSync(f.absPath, 'utf8') }));

describe('direct node reader', () => {
  it('is the reader parse-text uses once a grammar is loaded (a web-tree-sitter bump that breaks it shows here)', async () => {
    await loadGrammar('typescript');
    expect(directNodeReaderAvailable()).toBe(true);
  });

  it('gives the error weight, the escapes inside errors and the comment or literal at every offset that the public Node API gives', async () => {
    let withErrors = 0;
    let escapes = 0;
    const opaque = { comment: 0, literal: 0 };
    for (const { language, text } of SOURCES) {
      const grammar = await loadGrammar(language);
      const tree = grammar.parser.parse(text)!;
      try {
        if (!tree.rootNode.hasError) continue;
        withErrors++;
        expect(errorWeight(tree)).toEqual(errorWeight(tree, openPublicNodeReader));
        const direct = probeOf(tree);
        const reference = probeOf(tree, openPublicNodeReader);
        const found = direct.escapesInErrors();
        expect(found).toEqual(reference.escapesInErrors());
        escapes += found.length;
        for (let at = 0; at < text.length; at++) {
          const got = direct.opaqueAt(at);
          expect(got).toEqual(reference.opaqueAt(at));
          if (got) opaque[got.kind]++;
        }
      } finally {
        tree.delete();
      }
    }
    // The fixtures hold masked misreads: escapes in template-literal types, comments, strings.
    expect(withErrors).toBeGreaterThanOrEqual(4);
    expect(escapes).toBeGreaterThanOrEqual(1);
    expect(opaque.comment).toBeGreaterThan(0);
    expect(opaque.literal).toBeGreaterThan(0);
  });
});

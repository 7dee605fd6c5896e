// Masking what the grammar misreads before the first parse (parse-text.ts parseMasked), guided by a
// lexical scan of comments and literals (lexical-probe.ts): it must give exactly the tree and
// the masked counts that parsing first and masking after give, or step aside. Real grammars.
import { describe, expect, it } from 'vitest';
import type { Tree } from 'web-tree-sitter';
import { loadGrammar } from '../../../src/pipeline/extract/grammars.js';
import { lexicalProbe } from '../../../src/pipeline/extract/lexical-probe.js';
import { parseMasked, parseText } from '../../../src/pipeline/extract/parse-text.js';
import { maskMisreads } from '../../../src/pipeline/extract/misreads.js';

/** What each offset of `source` is to the probe: `c` comment, `l` literal, `.` code. */
function classes(source: string): string {
  const probe = lexicalProbe(source);
  let out = '';
  for (let i = 0; i < source.length; i++) {
    const found = probe.opaqueAt(i);
    out += found === undefined ? '.' : found.kind === 'comment' ? 'c' : 'l';
  }
  return out;
}

/** Every node of the tree as type and offsets, in document order. */
function nodes(tree: Tree): string[] {
  const out: string[] = [];
  const cursor = tree.walk();
  for (;;) {
    out.push(`${cursor.nodeType}@${cursor.startIndex}-${cursor.endIndex}`);
    if (cursor.gotoFirstChild()) continue;
    while (!cursor.gotoNextSibling()) {
      if (!cursor.gotoParent()) {
        cursor.delete();
        return out;
      }
    }
  }
}

/** Parses `source` both ways; the masked-first way must give the same tree and counts. */
async function bothWays(source: string): Promise<{ masked: unknown; hasError: boolean; early: boolean }> {
  const grammar = await loadGrammar('typescript');
  const after = parseText(grammar, source);
  const first = parseText(grammar, source, { maskFirst: true });
  const early = parseMasked(grammar, source);
  early?.tree.delete();
  try {
    expect(nodes(first.tree)).toEqual(nodes(after.tree));
    expect(first.masked).toEqual(after.masked);
    return { masked: after.masked, hasError: after.tree.rootNode.hasError, early: early !== undefined };
  } finally {
    first.tree.delete();
    after.tree.delete();
  }
}

describe('lexicalProbe', () => {
  it('finds line and block comments, and where each begins', () => {
    const source = 'a // b\n/* c\n d */ e';
    expect(classes(source)).toBe('..cccc.cccccccccc..');
    expect(lexicalProbe(source).opaqueAt(9)).toEqual({ kind: 'comment', start: 7, end: 17 });
  });

  it('finds strings with their escapes, and stops one that is not closed at the line end', () => {
    const source = `x = 'a\\'b' + "c\\"d"; y = "open\nz`;
    expect(classes(source)).toBe('....llllll...llllll......lllll..');
  });

  it('reads the code inside `${}` of a template as code, nested templates and braces included', () => {
    const source = 'f(`a${ {k: `b${c}`}.k }d`)';
    // '`a${' text, ' {k: ' code, '`b${' text, 'c}' code, '`' text, '}.k }' code, 'd`' text.
    expect(classes(source)).toBe('..llll.....llll..l.....ll.');
  });

  it('tells a regular expression from a division by the token before it', () => {
    expect(classes('a = b / c / d')).toBe('.............');
    expect(classes('return /x/g.test(s)')).toBe('.......llll........');
    expect(classes('f(/[/]x/, 1)')).toBe('..llllll....');
    expect(classes('x = (a) / 2 / 3')).toBe('...............');
    // A `/` with no closing one on its line is a division, and the rest of the line is still read.
    expect(classes('a = / b + c\nx = /d/')).toBe('................lll');
  });

  it('scans a line of many unclosed slashes once, not once a slash', () => {
    // Each `/` could start a regular expression whose class `[` hides every later `/` of the line.
    const line = `${'= /['.repeat(200_000)}\n`;
    const started = performance.now();
    expect(lexicalProbe(line).opaqueAt(5)).toBeUndefined();
    // Linear: well under a second for 800,000 characters (a rescan per slash would take minutes).
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe('parseText with the masking before the parse', () => {
  it('gives the tree and counts of masking after a first parse, for variance and call signatures together', async () => {
    const source = [
      'export interface Box<out A, in B, in out C extends D> {',
      '  readonly a: A // <in X, out Y> in a comment is left alone',
      '  <R>(f: (b: B) => R): R',
      '}',
      "const s = '<out T>'",
    ].join('\n');
    expect(await bothWays(source)).toEqual({ masked: { variance: 3, 'call-signature': 1 }, hasError: false, early: true });
  });

  it('leaves a file whose variance-shaped text is all in comments and strings to the ordinary parse', async () => {
    const source = '/** Box<in T, out U> */\nexport const a = "<in T, out U>";\n';
    expect(await bothWays(source)).toEqual({ masked: undefined, hasError: false, early: false });
  });

  it('steps aside when the scan misjudged a literal: the edit it made lies in a literal of the masked tree', async () => {
    // After `)` the scan reads `/` as a division, but here it starts a regular expression holding `<in T,`.
    const source = 'interface Q<out T> { t: T }\nif (ok) /<in T, x>/.test(s)\n';
    const grammar = await loadGrammar('typescript');
    const mask = maskMisreads(source, lexicalProbe(source));
    expect(mask?.masked).toEqual({ variance: 2 });
    // The parse after a first parse masks only the modifier in code.
    expect(await bothWays(source)).toEqual({ masked: { variance: 1 }, hasError: false, early: false });
    expect(parseText(grammar, source).masked).toEqual({ variance: 1 });
  });

  it('steps aside when the masked tree still has an error, and gives what masking after the parse gives', async () => {
    const source = 'interface P<in T> { t: T }\nconst broken = (;\n';
    const result = await bothWays(source);
    expect(result.hasError).toBe(true);
    expect(result.early).toBe(false);
  });
});

// Valid TypeScript that tree-sitter-typescript 0.23.2 reads as syntax errors, masked with
// same-length text and parsed again (src/pipeline/extract/misreads.ts, parse-text.ts).
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { maskMisreads, type SourceProbe } from '../../../src/pipeline/extract/misreads.js';
import { indexInProcess } from '../../helpers/index-in-process.js';

/** A probe over hand-marked comments and literals: what the first parse would say. */
function probe(source: string, comments: string[] = [], literals: string[] = []): SourceProbe {
  const ranges = [
    ...comments.map((c) => ({ kind: 'comment' as const, start: source.indexOf(c), end: source.indexOf(c) + c.length })),
    ...literals.map((l) => ({ kind: 'literal' as const, start: source.indexOf(l), end: source.indexOf(l) + l.length })),
  ];
  for (const r of ranges) if (r.start < 0) throw new Error('marked text not in the source');
  return { opaqueAt: (at) => ranges.find((r) => at >= r.start && at < r.end) };
}

describe('maskMisreads', () => {
  it('blanks variance modifiers and nothing else, keeping every offset', () => {
    const source = 'interface Box<out A, in B, in out C extends D> {}\nfor (const k in o) f(a, out);';
    const result = maskMisreads(source, probe(source));
    expect(result?.text).toBe('interface Box<    A,    B,        C extends D> {}\nfor (const k in o) f(a, out);');
    expect(result?.masked).toEqual({ variance: 3 });
  });

  it('ends a member before a line-start call signature, only after a type and never in a comment', () => {
    const source = [
      'interface M {',
      '  (x: string): string',
      '  /** doc <A>(x) */',
      '  <A>(x: A): A',
      '  b: number;',
      '  <B>(y: B): B',
      '}',
      'f(1,',
      '  <C>(z: C) => z)',
    ].join('\n');
    const result = maskMisreads(source, probe(source, ['/** doc <A>(x) */']));
    expect(result?.text.split('\n')).toEqual([
      'interface M {',
      '  (x: string): string',
      '  /** doc <A>(x) */',
      ' ;<A>(x: A): A',
      '  b: number;',
      '  <B>(y: B): B',
      '}',
      'f(1,',
      '  <C>(z: C) => z)',
    ]);
    expect(result?.masked).toEqual({ 'call-signature': 1 });
  });

  it('blanks template-type escapes, import-type arguments and `type` of `export type *`, but not inside literals', () => {
    const source = 'type Q = `\\`${string}`;\nconst s = "a\\"b";\ntype B = import("./m").Box<Map<string, () => void>>;\nexport type * from "./m";';
    const result = maskMisreads(source, probe(source, [], ['"a\\"b"', '"./m"']));
    expect(result?.text).toBe('type Q = `  ${string}`;\nconst s = "a\\"b";\ntype B = import("./m").Box                         ;\nexport      * from "./m";');
    expect(result?.masked).toEqual({ 'template-escape': 1, 'import-type-arguments': 1, 'export-type-star': 1 });
  });

  it('puts the `;` in place of a column-0 `<` and blanks its type parameters, keeping every offset', () => {
    const source = 'interface M {\n(x: string): string\n<A, B extends X<A>>(x: A): B\n}\nconst f =\n<T,>(x: T) => x;\ng(1,\n<C>(z: C) => z);';
    const result = maskMisreads(source, probe(source));
    expect(result?.text).toBe('interface M {\n(x: string): string\n;                  (x: A): B\n}\nconst f =\n<T,>(x: T) => x;\ng(1,\n<C>(z: C) => z);');
    expect(result?.text.length).toBe(source.length);
    expect(result?.masked).toEqual({ 'call-signature': 1 });
  });

  it('blanks the escapes the first parse found inside an ERROR, and no other', () => {
    const source = 'type D = `\\${${string}}`;\ntype B = `a\\\\`;\nconst s = `\\n`;';
    const inError = [source.indexOf('\\$'), source.indexOf('\\\\')].map((start) => ({ start, end: start + 2 }));
    const result = maskMisreads(source, { ...probe(source, [], ['`\\n`']), escapesInErrors: () => inError });
    expect(result?.text).toBe('type D = `  {${string}}`;\ntype B = `a  `;\nconst s = `\\n`;');
    expect(result?.masked).toEqual({ 'template-escape': 2 });
  });

  it('gives nothing to mask in ordinary code', () => {
    const source = 'const a = b < c, d = e > f;\nexport * from "./x";\n';
    expect(maskMisreads(source, probe(source))).toBeUndefined();
  });
});

describe('the fixtures parse-misreads-* through runIndex', () => {
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'codegraph-misreads-more-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));
  const read = async (fixture: string) => {
    const { graph, report } = await indexInProcess(path.resolve(__dirname, '../../fixtures', fixture), path.join(scratch, fixture));
    const definitions = graph.nodes.filter((n) => !['Project', 'Folder', 'File'].includes(n.label)).map((n) => n.id);
    const calls = graph.relationships.filter((r) => r.type === 'CALLS').map((r) => `${r.source} -> ${r.target}`);
    return { report, definitions: definitions.sort(), calls };
  };

  it('reads escapes in template-literal types: `\\${`, `\\\\`, `\\n`', async () => {
    const { report, definitions, calls } = await read('parse-misreads-template-escapes');
    expect(report.files).toMatchObject({ found: 2, parsed: 2, syntaxErrors: 0, masked: 1 });
    expect(definitions).toEqual(['Function:escapes.ts:afterEscapes', 'Function:use.ts:run', 'Type:escapes.ts:Backslash', 'Type:escapes.ts:Dollar', 'Type:escapes.ts:Lines']);
    expect(calls).toEqual(['Function:use.ts:run -> Function:escapes.ts:afterEscapes']);
  });

  it('reads generic call signatures at column 0 in an interface and a type literal', async () => {
    const { report, definitions, calls } = await read('parse-misreads-column0-signature');
    expect(report.files).toMatchObject({ found: 2, parsed: 2, syntaxErrors: 0, masked: 1 });
    expect(definitions).toEqual(['Function:signatures.ts:afterSignatures', 'Function:use.ts:run', 'Interface:signatures.ts:Mapper', 'Type:signatures.ts:Lift']);
    expect(calls).toEqual(['Function:use.ts:run -> Function:signatures.ts:afterSignatures']);
  });
});

describe('the fixture parse-grammar-misreads through runIndex', () => {
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'codegraph-misreads-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('reads every file without a syntax error: all definitions, the type-only and dynamic imports', async () => {
    const { graph, report } = await indexInProcess(path.resolve(__dirname, '../../fixtures/parse-grammar-misreads'), scratch);
    expect(report.files).toMatchObject({ found: 5, parsed: 5, syntaxErrors: 0, masked: 5 });
    const definitions = graph.nodes.filter((n) => !['Project', 'Folder', 'File'].includes(n.label)).map((n) => n.id);
    expect(definitions.sort()).toEqual([
      'Class:variance.ts:Cell',
      'Function:import-type.ts:load',
      'Function:import-type.ts:unbox',
      'Function:signatures.ts:afterSignatures',
      'Function:signatures.ts:lift',
      'Function:template.ts:afterTemplate',
      'Function:variance.ts:afterVariance',
      'Interface:signatures.ts:Mapper',
      'Interface:variance.ts:Box',
      'Method:variance.ts:Box.get',
      'Method:variance.ts:Cell.set',
      'Type:import-type.ts:Boxed',
      'Type:template.ts:Quoted',
      'Type:variance.ts:Fn',
    ]);
    const imports = graph.relationships
      .filter((r) => r.type === 'IMPORTS')
      .map((r) => `${r.source} -> ${r.target} ${JSON.stringify(r.properties['kinds'])}`);
    expect(imports).toEqual([
      'File:barrel.ts -> File:signatures.ts ["re-export"]',
      'File:barrel.ts -> File:variance.ts ["re-export"]',
      'File:import-type.ts -> File:template.ts ["dynamic"]',
      'File:import-type.ts -> File:variance.ts ["type"]',
    ]);
    expect(report.phases.find((p) => p.phase === 'parsing')?.counts).toMatchObject({ filesWithSyntaxErrors: 0, filesMasked: 5 });
  });
});
